"""The forum's local time (Asia/Bangkok) for consultation schedules and dates of inputs.

Times are stored in UTC; people write and read them in the forum's zone. Showing them is
``core.i18n.format_datetime``'s job (Buddhist-Era years in Thai).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import get_timezone


def local_date(moment: datetime) -> date:
    """The day ``moment`` (aware) falls on in the forum's zone."""
    return moment.astimezone(get_timezone()).date()


def from_local(moment: datetime) -> datetime:
    """A local wall-clock time (naive, as a form gives it) as an aware UTC datetime."""
    zone = get_timezone()
    if hasattr(zone, 'localize'):
        # A pytz zone: replace(tzinfo=…) would take its first offset in history (Bangkok's
        # local mean time, +6:42), not today's +7:00.
        return zone.localize(moment).astimezone(UTC)
    return moment.replace(tzinfo=zone).astimezone(UTC)


def to_local(moment: datetime | None) -> datetime | None:
    """An aware datetime as a naive local wall-clock time (to fill a form in)."""
    if moment is None:
        return None
    return moment.astimezone(get_timezone()).replace(tzinfo=None)
