"""Who holds a seat today: the one source of member rights.

A person's role (admin, secretariat, participant) says what they may run; membership of the
forum comes only from a seat whose term covers today, in the forum's time zone. Every member
right (commenting, creating a commitment, joining a drafting team, being named in presence)
asks here at the moment of the action, so ending, moving or deleting a seat takes effect at
once, for open pages and connected sockets alike.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, exists, select

from ..core.i18n import local_today
from ..extensions import db
from .models import Membership


def held_on(on: date) -> ColumnElement[bool]:
    """The SQL condition "this seat's term covers ``on``"."""
    return (Membership.term_start <= on) & (
        Membership.term_end.is_(None) | (Membership.term_end >= on)
    )


def holds_seat(user, on: date | None = None) -> bool:
    """Whether ``user`` (an account, or anything without an id) holds a seat on ``on`` (today)."""
    user_id = getattr(user, 'id', None)
    if user_id is None:
        return False
    on = on or local_today()
    return bool(
        db.session.scalar(select(exists().where(Membership.user_id == user_id).where(held_on(on))))
    )


def seated_user_ids(on: date | None = None) -> set[int]:
    """The ids of everyone holding a seat on ``on`` (today)."""
    on = on or local_today()
    return set(db.session.scalars(select(Membership.user_id).where(held_on(on)).distinct()))
