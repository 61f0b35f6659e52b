"""The demo couple, Alex and Sam, for trying Twoway locally (``manage.py seed_demo``).

``people`` and ``story`` and ``answers`` hold who they are and what they wrote, as data;
``build`` turns that into rows through the other apps' models. This app depends on
``accounts`` and ``checkins``; nothing depends on it.
"""
