"""Many couples with long histories, fast: what ``manage.py seed_load`` stores.

The rows are exactly what the app would store (its tests read every seeded text back through
the normal selectors), but written with PostgreSQL's COPY instead of one ``save()`` per row:

* every person's data key is made here in bulk, wrapped by the current KEK the way
  ``datakeys.services`` wraps it, and each private text is sealed under its author's key
  with the context ``checkins.fields.PrivateTextField`` binds into it (table, column and the
  row's identity), so the app opens it like any text it sealed itself;
* the ids are reserved from each table's sequence up front (one block per couple), so the
  identities bound into the ciphertexts are known before the rows are written;
* word counts are ``checkins.flags.count_words`` of the text, taken once per distinct text;
* one password hash serves every seeded person (hashing is deliberately slow).

The texts come from the demo couple's (``demo.answers``, ``demo.story``), cut short or run
together so lengths range from a few words to a few hundred. Everything is derived from the
couple's number, so a run is repeatable.

PostgreSQL only (COPY); the keys database must be PostgreSQL too.
"""

from __future__ import annotations

import base64
import json
import os
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from checkins import prompts, weeks
from checkins.catalog import CORE_DIMENSIONS, Dimension, FollowThrough, WarningSign
from checkins.flags import count_words
from checkins.models import (
    APPRECIATION_MAX,
    NEED_MAX,
    PRIVATE_NOTE_MAX,
    REFLECTION_MAX,
    Answer,
    CheckIn,
)
from checkins.selectors import PROMPT_EPOCH
from datakeys import sealing as datakeys_sealing
from datakeys import services as datakeys_services
from datakeys.kek import Kek
from datakeys.models import new_key_id
from demo.answers import REFLECTIONS, SECOND_ANSWERS
from demo.story import STORY

EMAIL_DOMAIN = "load.twoway.test"
TIME_ZONES = ("Europe/London", "America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC")
DIMENSIONS = tuple(str(d) for d in Dimension)
CORE = tuple(str(d) for d in CORE_DIMENSIONS)
SIGNS = tuple(s.value for s in WarningSign)
FOLLOW = tuple(f.value for f in FollowThrough)
REACTION_PARTS = ("appreciation", "reflection:emotional", "need:experiential", "need:emotional")
REACTION_KINDS = {"appreciation": ("thanks", "me_too", "talk"), "reflection": ("thanks", "me_too")}

# What each past week is, and how often (the rest of a couple's weeks have no row at all).
REVEALED, ONE_SIDED, SKIPPED, DRAFTS_LEFT = "revealed", "one_sided", "skipped", "drafts_left"
WEEK_MIX = ((REVEALED, 0.74), (ONE_SIDED, 0.09), (SKIPPED, 0.08), (DRAFTS_LEFT, 0.04))
# A couple's counsellor, if any: both partners consented (sharing all history), one did, one
# withdrew after both had, or nobody has consented yet.
BOTH, ONE, WITHDRAWN, NOT_YET = "both", "one", "withdrawn", "not_yet"
COUNSELLOR_TURNS = (BOTH, ONE, BOTH, WITHDRAWN, BOTH, NOT_YET)  # in turn: half of them both
COUNSELLED_EVERY = 3  # one couple in three has a counsellor
COUPLES_PER_COUNSELLOR = 5  # and each counsellor sees up to five couples


# --------------------------------------------------------------------------------------------
# Texts
# --------------------------------------------------------------------------------------------


def _cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words]).rstrip(",;:") + "."


def _variants(base: Sequence[str], limit: int, rng: random.Random, count: int) -> list[str]:
    """``count`` texts from ``base``: a few words, one text, or several run together (up to
    ``limit`` characters), about one in four short and one in ten a few hundred words."""
    out: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.25:
            text = _cut(rng.choice(base), rng.randint(2, 8))
        elif roll < 0.75:
            text = rng.choice(base)
        else:
            parts = rng.randint(2, 3) if roll < 0.9 else rng.randint(5, 12)
            text = " ".join(rng.choice(base) for _ in range(parts))
        out.append(text[:limit].rstrip())
    return out


@dataclass(frozen=True)
class Text:
    text: str
    encoded: bytes
    words: int


@dataclass(frozen=True)
class Pools:
    reflections: tuple[Text, ...]
    needs: tuple[Text, ...]
    appreciations: tuple[Text, ...]
    notes: tuple[Text, ...]


@cache
def pools() -> Pools:
    rng = random.Random(20261203)
    reflections = [t for v in REFLECTIONS.values() for pair in (v.alex, v.sam) for t in pair]
    reflections += [t for pair in SECOND_ANSWERS.values() for t in pair]
    entries = [e for week in STORY for e in (week.alex, week.sam) if e is not None]
    needs = sorted({n for e in entries for n in e.needs if n})
    appreciations = sorted({e.appreciation for e in entries if e.appreciation})
    notes = sorted({e.private_note for e in entries if e.private_note}) or appreciations

    def made(texts: list[str]) -> tuple[Text, ...]:
        return tuple(Text(t, t.encode(), count_words(t)) for t in texts)

    return Pools(
        reflections=made(_variants(reflections, REFLECTION_MAX, rng, 1500)),
        needs=made(_variants(needs, NEED_MAX, rng, 400)),
        appreciations=made(_variants(appreciations, APPRECIATION_MAX, rng, 400)),
        notes=made(_variants(notes, PRIVATE_NOTE_MAX, rng, 200)),
    )


# --------------------------------------------------------------------------------------------
# Sealing, as datakeys.sealing.seal does it, with keys made here in bulk
# --------------------------------------------------------------------------------------------

_PREFIX = datakeys_sealing.PREFIX
_NONCE = datakeys_services.NONCE_BYTES


@dataclass
class PersonKey:
    id: str
    person_id: int
    aead: AESGCM
    wrapped: bytes

    def seal(self, text: Text, context: str) -> str:
        nonce = os.urandom(_NONCE)
        # The associated data of datakeys.sealing: the prefix, the key id and the place.
        associated = f"{_PREFIX}{self.id}\x1f{context}".encode()
        body = self.aead.encrypt(nonce, text.encoded, associated)
        return f"{_PREFIX}{self.id}:{base64.urlsafe_b64encode(nonce + body).decode('ascii')}"


def make_key(person_id: int, kek: Kek) -> PersonKey:
    key_id = new_key_id()
    secret = AESGCM.generate_key(bit_length=256)
    wrapped = datakeys_services._wrap(secret, key_id=key_id, person_id=person_id, kek=kek)
    return PersonKey(key_id, person_id, AESGCM(secret), wrapped)


# Contexts, as PrivateTextField.context_at builds them (checked against the fields in tests).
def checkin_context(column: str, week_id: int, membership_id: int) -> str:
    return f"{CheckIn._meta.db_table}.{column}:week={week_id};membership={membership_id}"


def answer_context(column: str, checkin_id: int, dimension: str) -> str:
    return f"{Answer._meta.db_table}.{column}:{Answer.identity_of(checkin_id, dimension)}"


# --------------------------------------------------------------------------------------------
# COPY text format
# --------------------------------------------------------------------------------------------

NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def esc(value: str) -> str:
    return value.translate(_ESCAPES)


def ts(moment: datetime | None) -> str:
    return NULL if moment is None else moment.isoformat()


def tf(flag: bool) -> str:
    return "t" if flag else "f"


def js(value: object) -> str:
    return esc(json.dumps(value, separators=(",", ":")))


# Columns of each table, in the order the rows below are written.
COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts_user": (
        "id", "password", "last_login", "is_superuser", "email", "display_name", "is_staff",
        "is_active", "date_joined", "language",
    ),
    "account_emailaddress": ("id", "user_id", "email", "verified", "primary"),
    "mfa_authenticator": ("id", "user_id", "type", "data", "created_at", "last_used_at"),
    "accounts_couple": (
        "id", "created_at", "time_zone", "time_zone_confirmed", "week_start_day", "closed_at",
        "closed_by_id", "paused_at",
    ),
    "accounts_membership": (
        "id", "couple_id", "user_id", "seat", "shown_name", "wants_physical", "joined_at",
        "left_at",
    ),
    "accounts_coupleevent": (
        "id", "couple_id", "actor_id", "kind", "detail", "created_at", "change",
    ),
    "checkins_week": ("id", "couple_id", "starts_on", "prompts", "revealed_at", "created_at"),
    "checkins_checkin": (
        "id", "week_id", "membership_id", "submitted_at", "appreciation", "private_note",
        "appreciation_words", "signs", "follow_through", "updated_at", "skipped_at",
    ),
    "checkins_answer": (
        "id", "checkin_id", "dimension", "rating", "reflection", "need", "reflection_words",
        "need_words", "share_with_counsellor", "withheld",
    ),
    "checkins_reaction": ("id", "checkin_id", "part", "by_id", "kind", "created_at", "updated_at"),
    "accounts_counselloraccess": (
        "id", "couple_id", "counsellor_id", "invited_by_id", "created_at", "removed_at",
        "removed_by_id", "expiry_warned_for",
    ),
    "accounts_consent": (
        "id", "access_id", "partner_id", "kind", "span", "wording", "ends_at", "created_at",
    ),
}  # fmt: skip
KEY_COLUMNS = ("id", "person_id", "wrapped", "kek_id", "created_at")


# --------------------------------------------------------------------------------------------
# The plan of one run: id blocks per couple
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Where each couple's ids start. ``bases`` are the first free id of each table when the
    run began; a couple's block of each table is a fixed size, so workers need no talk."""

    label: str
    couples: int
    weeks: int
    now: datetime
    password: str
    totp_data: str
    bases: dict[str, int]
    wordings: dict[tuple[str, str], str]  # (counsellor name, span) -> consent wording

    @property
    def weeks_per_couple(self) -> int:
        return self.weeks + 1  # the past weeks and this one

    def blocks(self) -> dict[str, int]:
        w = self.weeks_per_couple
        return {
            "accounts_user": 2,
            "account_emailaddress": 2,
            "accounts_couple": 1,
            "accounts_membership": 2,
            "accounts_coupleevent": 2,
            "checkins_week": w,
            "checkins_checkin": 2 * w,
            "checkins_answer": 2 * w * len(DIMENSIONS),
            "checkins_reaction": 2 * w,
            "accounts_counselloraccess": 1,
            "accounts_consent": 3,
        }

    def counsellors(self) -> int:
        return -(-self.couples // (COUNSELLED_EVERY * COUPLES_PER_COUNSELLOR))

    def sizes(self) -> dict[str, int]:
        """How many ids each table needs for the whole run."""
        sizes = {t: n * self.couples for t, n in self.blocks().items()}
        sizes["accounts_user"] += self.counsellors()
        sizes["account_emailaddress"] += self.counsellors()
        sizes["mfa_authenticator"] = self.counsellors()
        return sizes

    def email(self, number: int, who: str) -> str:
        return f"{self.label}-{number:06d}-{who}@{EMAIL_DOMAIN}"


def _pick(rng: random.Random, mix: Sequence[tuple[str, float]]) -> str | None:
    roll = rng.random()
    for name, share in mix:
        if roll < share:
            return name
        roll -= share
    return None


@dataclass
class Rows:
    tables: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    keys: list[str] = field(default_factory=list)

    def add(self, table: str, *values: object) -> None:
        self.tables[table].append("\t".join(map(str, values)))


# Per (couple id, dimension, cycle): a cycle's prompt order (prompts.prompt_for, memoised).
def _prompt_keys(couple_id: int, starts: Sequence[date]) -> list[str]:
    orders: dict[tuple[str, int], list[str]] = {}
    out: list[str] = []
    for starts_on in starts:
        index = weeks.week_index(starts_on, PROMPT_EPOCH)
        chosen: dict[str, str] = {}
        for name in DIMENSIONS:
            keys = [p.key for p in prompts.BANK[name]]
            cycle, position = divmod(index, len(keys))
            order = orders.get((name, cycle))
            if order is None:
                order = prompts._cycle_order(keys, seed=f"{couple_id}:{name}", cycle=cycle)
                orders[(name, cycle)] = order
            chosen[name] = order[position]
        out.append(js(chosen))
    return out


def _local(day: date, tz: ZoneInfo, rng: random.Random, *, days: tuple[int, int]) -> datetime:
    moment = datetime.combine(
        day + timedelta(days=rng.randint(*days)),
        time(rng.randint(7, 22), rng.randint(0, 59)),
        tzinfo=tz,
    )
    return moment.astimezone(UTC)


def couple_rows(plan: Plan, number: int, kek: Kek, rows: Rows) -> None:
    """Every row of the couple numbered ``number`` (0-based) of the run, into ``rows``."""
    rng = random.Random(f"{plan.label}:{number}")
    text = pools()
    base = {t: plan.bases[t] + number * n for t, n in plan.blocks().items()}
    next_id = dict(base)

    def new(table: str) -> int:
        value = next_id[table]
        next_id[table] += 1
        return value

    tz_name = rng.choice(TIME_ZONES)
    tz = ZoneInfo(tz_name)
    start_day = 0 if rng.random() < 0.8 else 6
    current = weeks.current_week(plan.now, tz, start_day)
    first = current - weeks.ONE_WEEK * plan.weeks
    began = _local(first, tz, rng, days=(0, 0))

    couple_id = new("accounts_couple")
    rows.add("accounts_couple", couple_id, ts(began), tz_name, "t", start_day, NULL, NULL, NULL)
    physical = rng.random()
    people = []
    for seat, who in ((1, "a"), (2, "b")):
        user_id = new("accounts_user")
        email = plan.email(number, who)
        name = f"{'Alex' if seat == 1 else 'Sam'} {number}"
        joined = began + timedelta(minutes=5 + 300 * (seat - 1))
        rows.add(
            "accounts_user", user_id, esc(plan.password), NULL, "f", email, name, "f", "t",
            ts(joined), "",
        )  # fmt: skip
        rows.add("account_emailaddress", new("account_emailaddress"), user_id, email, "t", "t")
        membership_id = new("accounts_membership")
        wants = physical < 0.4 or (physical < 0.6 and seat == 1)
        rows.add(
            "accounts_membership", membership_id, couple_id, user_id, seat, "", tf(wants),
            ts(joined), NULL,
        )  # fmt: skip
        rows.add(
            "accounts_coupleevent", new("accounts_coupleevent"), couple_id, user_id,
            "started" if seat == 1 else "joined", "", ts(joined), "{}",
        )  # fmt: skip
        key = make_key(user_id, kek)
        rows.keys.append(
            f"{key.id}\t{user_id}\t\\\\x{key.wrapped.hex()}\t{esc(kek.id)}\t{ts(joined)}"
        )
        people.append((user_id, membership_id, key))
    dims = DIMENSIONS if physical < 0.4 else CORE

    # A counsellor (one in COUPLES_PER_COUNSELLOR couples shares each): who consented.
    counselled, rest = divmod(number, COUNSELLED_EVERY)
    counselling = None if rest else COUNSELLOR_TURNS[counselled % len(COUNSELLOR_TURNS)]
    share_all = counselling == BOTH

    starts = [first + weeks.ONE_WEEK * k for k in range(plan.weeks_per_couple)]
    prompt_json = _prompt_keys(couple_id, starts)
    for k, starts_on in enumerate(starts):
        this_week = k == plan.weeks
        if this_week:
            kind = _pick(rng, (("one_draft", 0.3), ("two_drafts", 0.2), ("one_in", 0.1)))
            if kind is None:
                continue
        else:
            kind = _pick(rng, WEEK_MIX)
            if kind is None:
                continue
        week_id = base["checkins_week"] + k
        submitted: list[datetime | None] = [None, None]
        skipped: list[datetime | None] = [None, None]
        writes = [True, True]
        if kind in (REVEALED, "one_in"):
            submitted = [_local(starts_on, tz, rng, days=(1, 6)) for _ in range(2)]
            if kind == "one_in":
                submitted[1] = None
        elif kind == ONE_SIDED:
            lone = rng.randint(0, 1)
            submitted[lone] = _local(starts_on, tz, rng, days=(1, 6))
            writes[1 - lone] = rng.random() < 0.3  # a draft left, or nothing
        elif kind == SKIPPED:
            lone = rng.randint(0, 1)
            submitted[lone] = _local(starts_on, tz, rng, days=(1, 6))
            skipped[1 - lone] = _local(starts_on, tz, rng, days=(0, 3))
            writes[1 - lone] = rng.random() < 0.2  # a draft kept under the skip
        elif kind == "one_draft":
            writes = [True, False] if rng.random() < 0.5 else [False, True]
        moments = [m for m in (*submitted, *skipped) if m is not None]
        created = (
            min(moments) - timedelta(minutes=35)
            if moments
            else _local(starts_on, tz, rng, days=(0, 1))
        )
        both = [m for m in submitted if m is not None]
        revealed = max(both) if kind == REVEALED else None
        rows.add(
            "checkins_week", week_id, couple_id, starts_on.isoformat(), prompt_json[k],
            ts(revealed), ts(created),
        )  # fmt: skip
        for seat in (0, 1):
            if not writes[seat] and skipped[seat] is None:
                continue
            user_id, membership_id, key = people[seat]
            checkin_id = base["checkins_checkin"] + 2 * k + seat
            final = submitted[seat] is not None
            draft_only = writes[seat] and not final
            appreciation = rng.choice(text.appreciations) if rng.random() < 0.8 else None
            note = rng.choice(text.notes) if rng.random() < 0.2 else None
            if not writes[seat]:
                appreciation = note = None
            updated = submitted[seat] or skipped[seat] or created + timedelta(minutes=20)
            signs = rng.sample(SIGNS, rng.randint(1, 2)) if final and rng.random() < 0.15 else []
            follow = rng.choice(FOLLOW) if final and k > 0 and rng.random() < 0.8 else ""
            rows.add(
                "checkins_checkin", checkin_id, week_id, membership_id, ts(submitted[seat]),
                key.seal(appreciation, checkin_context("appreciation", week_id, membership_id))
                if appreciation else "",
                key.seal(note, checkin_context("private_note", week_id, membership_id))
                if note else "",
                appreciation.words if appreciation else 0, js(signs), follow, ts(updated),
                ts(skipped[seat]),
            )  # fmt: skip
            if not writes[seat]:
                continue
            for d, dimension in enumerate(dims):
                if draft_only and d > 0 and rng.random() < 0.4:
                    break  # a draft stops part-way
                reflection = rng.choice(text.reflections) if rng.random() < 0.9 else None
                need = rng.choice(text.needs) if rng.random() < 0.7 else None
                answer_id = base["checkins_answer"] + (2 * k + seat) * len(DIMENSIONS) + d
                shared = share_all or (counselling is not None and rng.random() < 0.5)
                rows.add(
                    "checkins_answer", answer_id, checkin_id, dimension, rng.randint(1, 5),
                    key.seal(reflection, answer_context("reflection", checkin_id, dimension))
                    if reflection else "",
                    key.seal(need, answer_context("need", checkin_id, dimension))
                    if need else "",
                    reflection.words if reflection else 0, need.words if need else 0,
                    tf(shared), "f",
                )  # fmt: skip
        if kind == REVEALED and rng.random() < 0.3:
            for seat in (0, 1):
                if rng.random() < 0.5:
                    continue
                part = rng.choice(REACTION_PARTS)
                kinds = ("thanks", "me_too", "talk", "will_do") if part.startswith("need:") else (
                    "thanks", "me_too", "talk",
                )  # fmt: skip
                _field, _sep, dimension = part.partition(":")
                if dimension and dimension not in dims:
                    continue
                at = max(both) + timedelta(hours=rng.randint(1, 48))
                rows.add(
                    "checkins_reaction", base["checkins_reaction"] + 2 * k + seat,
                    base["checkins_checkin"] + 2 * k + (1 - seat), part, people[seat][1],
                    rng.choice(kinds), ts(at), ts(at),
                )  # fmt: skip

    if counselling is not None:
        counsellor_number = number // (COUNSELLED_EVERY * COUPLES_PER_COUNSELLOR)
        counsellor_id = plan.bases["counsellors"] + counsellor_number
        access_id = new("accounts_counselloraccess")
        rows.add(
            "accounts_counselloraccess", access_id, couple_id, counsellor_id, people[0][0],
            ts(began + timedelta(days=1)), NULL, NULL, NULL,
        )  # fmt: skip
        name = counsellor_name(counsellor_number)
        wording = esc(plan.wordings[(name, "all")])
        granted = plan.now - timedelta(days=rng.randint(2, 30))
        consenting = {BOTH: 2, ONE: 1, WITHDRAWN: 2, NOT_YET: 0}[counselling]
        for seat in range(consenting):
            rows.add(
                "accounts_consent", new("accounts_consent"), access_id, people[seat][0],
                "grant", "all", wording, NULL, ts(granted + timedelta(minutes=seat)),
            )  # fmt: skip
        if counselling == WITHDRAWN:
            rows.add(
                "accounts_consent", new("accounts_consent"), access_id, people[1][0],
                "revoke", "", "", NULL, ts(granted + timedelta(days=1)),
            )  # fmt: skip


def counsellor_name(counsellor_number: int) -> str:
    return f"Counsellor {counsellor_number}"


def counsellor_rows(plan: Plan, first: int, last: int, rows: Rows) -> None:
    """The counsellors numbered ``first`` to ``last`` (excluded), with two factors on."""
    for n in range(first, last):
        user_id = plan.bases["counsellors"] + n
        email = plan.email(n, "counsellor")
        rows.add(
            "accounts_user", user_id, esc(plan.password), NULL, "f", email, counsellor_name(n),
            "f", "t", ts(plan.now - timedelta(days=400)), "",
        )  # fmt: skip
        rows.add(
            "account_emailaddress", plan.bases["counsellor_emails"] + n, user_id, email, "t", "t"
        )
        rows.add(
            "mfa_authenticator", plan.bases["mfa_authenticator"] + n, user_id, "totp",
            plan.totp_data, ts(plan.now - timedelta(days=400)), NULL,
        )  # fmt: skip


def chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(total, start + size)
