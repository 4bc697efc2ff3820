"""The window of a discussion that a page or a ``join`` shows: its latest threads.

A commitment's discussion may hold thousands of comments; a page and a socket's ``join`` send the
latest :data:`THREADS` top-level comments with all their replies, and say whether there are
earlier ones. "Show earlier" asks for the threads before the oldest one shown (``before_id``).
The cost of a window does not grow with the discussion: two indexed queries, bounded rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from .models import Comment

#: Top-level comments (threads) in one window.
THREADS = 50


@dataclass(frozen=True)
class Window:
    """Comments of some threads, in id order, and what lies before them."""

    comments: list[Comment]
    #: Whether threads older than these exist.
    has_earlier: bool
    #: The id of the oldest thread shown (``before_id`` for the next window), or None if empty.
    oldest_id: int | None


def latest_threads(
    commitment_id: int, *, limit: int = THREADS, before_id: int | None = None
) -> Window:
    """The latest ``limit`` threads of a commitment (older than ``before_id`` when given)."""
    heads = (
        select(Comment.id)
        .where(Comment.commitment_id == commitment_id, Comment.parent_id.is_(None))
        .order_by(Comment.id.desc())
        .limit(limit + 1)
    )
    if before_id is not None:
        heads = heads.where(Comment.id < before_id)
    ids = list(db.session.scalars(heads))
    has_earlier = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return Window([], has_earlier=False, oldest_id=None)
    query = (
        select(Comment)
        .where(
            Comment.commitment_id == commitment_id,
            (Comment.id.in_(ids)) | (Comment.parent_id.in_(ids)),
        )
        .order_by(Comment.id)
    )
    comments = list(db.session.scalars(query).unique())
    return Window(comments, has_earlier=has_earlier, oldest_id=min(ids))
