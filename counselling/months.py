"""Calendar-month arithmetic for consent end dates (no ``dateutil`` here: it is small).

Pure: aware or naive datetimes in, the same kind out. Adding months keeps the wall-clock
time and the day of the month, or the month's last day when it is shorter (31 August plus
six months is 28 or 29 February), the way people read "six months from today".
"""

from __future__ import annotations

import calendar
from datetime import datetime


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` moved by ``months`` calendar months (negative goes back)."""
    index = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
