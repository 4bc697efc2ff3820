"""``/api/v1/members``: who sits on the forum today, by sector (the public members page)."""

from __future__ import annotations

from ..core.i18n import local_day_start, local_today
from ..members.models import SeatRole
from ..members.services import count_by_sector, current_memberships
from . import bp, serializers
from .routes import _page

_ROLE_RANK = {role: rank for rank, role in enumerate(SeatRole)}


@bp.route('/members')
def members():
    """Seats held today by sector then role, with the count of seats per sector."""
    today = local_today()
    seats = current_memberships(today)
    seats.sort(key=lambda m: (m.sector.position, _ROLE_RANK.get(m.seat_role, 99), m.id))
    sectors = [serializers.sector_count(s, n) for s, n in count_by_sector(seats)]
    # Terms start and end with the day: the answer is never older than today's start.
    return _page(
        [serializers.seat(m) for m in seats],
        'api.members',
        {'on': today.isoformat(), 'sectors': sectors},
        not_before=local_day_start(today),
    )
