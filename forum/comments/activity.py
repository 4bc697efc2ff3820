"""What is happening in a plan's discussions: comments and latest activity per commitment.

One aggregate query over the plan, however many commitments it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..commitments.models import Commitment
from ..extensions import db
from .models import Comment


@dataclass(frozen=True)
class Activity:
    """A commitment's shown comments and when it last changed or was last commented on."""

    comments: int
    latest: datetime


def commitment_activity(commitments: list[Commitment]) -> dict[int, Activity]:
    """Return each commitment's :class:`Activity` (one GROUP BY query for all of them).

    Deleted and hidden comments count neither as comments nor as activity.
    """
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
