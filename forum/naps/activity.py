"""What is happening in a plan: comments and latest activity per commitment, the current plan.

Each answer is one aggregate query over the plan, however many commitments it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from ..commitments.models import Commitment
from ..extensions import db
from .models import Nap, NapState


@dataclass(frozen=True)
class Activity:
    """A commitment's shown comments and when it last changed or was last commented on."""

    comments: int
    latest: datetime


def commitment_activity(commitments: list[Commitment]) -> dict[int, Activity]:
    """Return each commitment's :class:`Activity` (one GROUP BY query for all of them).

    Deleted and hidden comments count neither as comments nor as activity.
    """
    # Imported here: the comments area builds on commitments, which import the plan pages.
    from ..comments.models import Comment

    if not commitments:
        return {}
    rows = db.session.execute(
        select(Comment.commitment_id, func.count(Comment.id), func.max(Comment.created_dt))
        .where(
            Comment.commitment_id.in_([c.id for c in commitments]),
            Comment.is_deleted.is_(False),
            Comment.is_hidden.is_(False),
        )
        .group_by(Comment.commitment_id)
    ).all()
    found = {commitment_id: (count, latest) for commitment_id, count, latest in rows}
    activity = {}
    for c in commitments:
        count, latest_comment = found.get(c.id, (0, None))
        latest = c.modified_dt if latest_comment is None else max(c.modified_dt, latest_comment)
        activity[c.id] = Activity(comments=count, latest=latest)
    return activity


def current_nap(naps: list[Nap], today: date) -> Nap | None:
    """The plan a visitor most likely wants among ``naps`` (those they may read).

    The newest open plan whose period holds ``today``; else the newest plan not closed yet;
    else none.
    """
    open_naps = sorted(
        (n for n in naps if n.state != NapState.closed), key=lambda n: n.number, reverse=True
    )
    for nap in open_naps:
        if nap.contains(today):
            return nap
    return open_naps[0] if open_naps else None


def commitments_by_area(nap: Nap) -> dict[int, int]:
    """Return how many commitments ``nap`` has in each policy area (one GROUP BY query)."""
    rows = db.session.execute(
        select(Commitment.policy_area_id, func.count(Commitment.id))
        .where(Commitment.nap_id == nap.id)
        .group_by(Commitment.policy_area_id)
    ).all()
    return dict(rows)
