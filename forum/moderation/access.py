"""Facts the rest of the forum asks of moderation: who moderates, who is blocked, who must wait.

``forum._connect_areas`` hands :func:`is_designated` to core.permissions and
:func:`blocked_reason` and :func:`floor_reason` to the comments area's posting gates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import g, has_app_context
from flask_babel import gettext as _
from sqlalchemy import case, func, select

from ..auth.models import User
from ..comments.models import Comment
from ..core.i18n import format_datetime
from ..core.permissions import STAFF
from ..db import utcnow
from ..extensions import db
from ..sectors.models import Sector
from .models import BalancedFloor, Block, Moderator


def is_designated(user) -> bool:
    """Whether the secretariat designated ``user`` as a moderator.

    Asked once per request and person (a page asks it for each of its comments); a designation
    made during the request is seen by the next one.
    """
    known = g.setdefault('_forum_designated', {}) if has_app_context() else {}
    if user.id not in known:
        known[user.id] = db.session.get(Moderator, user.id) is not None
    return known[user.id]


def active_block(user, now: datetime | None = None) -> Block | None:
    """The block that keeps ``user`` from commenting now (the one ending last), or None."""
    now = now or utcnow()
    return db.session.scalars(
        select(Block)
        .where(Block.user_id == user.id, Block.ends_dt > now)
        .order_by(Block.ends_dt.desc())
        .limit(1)
    ).first()


def blocked_reason(user, _commitment) -> str | None:
    """Why ``user`` may not comment (a block), or None: the comment box shows it."""
    block = active_block(user)
    if block is None:
        return None
    return _(
        'A moderator has blocked you from commenting until %(until)s. Reason: %(why)s',
        until=format_datetime(block.ends_dt, 'medium'),
        why=block.justification,
    )


def floor_of(commitment_id: int) -> BalancedFloor | None:
    """The commitment's balanced-floor settings, if a moderator ever set them."""
    return db.session.get(BalancedFloor, commitment_id)


def floor_state(floor: BalancedFloor) -> tuple[int | None, int, int]:
    """The dominant sector of the last ``last_n`` comments: (sector id or None, its count, total).

    A sector dominates when it wrote more than ``share_percent`` of them. Staff write for the
    secretariat, apart from the sectors (as the balance panel counts them): their comments count
    in the total but for no sector.
    """
    sector = case((User.role.in_(STAFF), None), else_=Comment.sector_id)
    recent = (
        select(sector.label('sector_id'))
        .join(User, User.id == Comment.author_id)
        .where(Comment.commitment_id == floor.commitment_id)
        .order_by(Comment.id.desc())
        .limit(floor.last_n)
        .subquery()
    )
    rows = db.session.execute(
        select(recent.c.sector_id, func.count()).group_by(recent.c.sector_id)
    ).all()
    total = sum(n for _s, n in rows)
    for sector_id, n in rows:
        if sector_id is not None and n * 100 > floor.share_percent * total:
            return sector_id, n, total
    return None, 0, total


def floor_reason(user, commitment, now: datetime | None = None) -> str | None:
    """Why ``user`` waits before commenting on ``commitment`` (balanced floor), or None.

    Staff comment for the secretariat, not for a sector: they never wait.
    """
    floor = floor_of(commitment.id)
    if floor is None or not floor.is_on or user.role in STAFF:
        return None
    dominant, n, total = floor_state(floor)
    if dominant is None or dominant != user.sector_id:
        return None
    last = db.session.scalar(
        select(func.max(Comment.created_dt)).where(
            Comment.commitment_id == commitment.id, Comment.author_id == user.id
        )
    )
    if last is None:
        return None
    now = now or utcnow()
    until = last + timedelta(minutes=floor.wait_minutes)
    if now >= until:
        return None
    left = max(1, -(-int((until - now).total_seconds()) // 60))
    sector = db.session.get(Sector, dominant)
    return _(
        'Balanced floor: the %(sector)s sector wrote %(n)d of the last %(total)d comments here, '
        'so its members wait %(wait)d minutes between comments. You can comment again in '
        '%(left)d minutes.',
        sector=sector.name if sector else '',
        n=n,
        total=total,
        wait=floor.wait_minutes,
        left=left,
    )
