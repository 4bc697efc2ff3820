"""The window of a discussion that a page or a ``join`` shows: its latest threads.

A commitment's discussion may hold thousands of comments; a page and a socket's ``join`` send the
latest :data:`THREADS` top-level comments with all their replies, and say whether there are
earlier ones. "Show earlier" asks for the threads before the oldest one shown (``before_id``);
a part's link asks for the threads on one anchor (``anchor``).
The cost of a window does not grow with the discussion: two indexed queries, bounded rows.
:func:`part_counts` counts the comments on every part in one ``GROUP BY``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Index, func, select, union_all

from ..extensions import db
from .models import Comment, anchor_key, parse_anchor_key

#: Top-level comments (threads) in one window: a phone screen's few scrolls, and a page that costs
#: little to render (docs/performance.md, "Commitment page"); "show earlier" loads the next ones.
THREADS = 20

#: A commitment's comments by part: :func:`part_counts` reads only this index (not every row),
#: and a part's latest threads are one range of it in id order. A part is (anchor, milestone_id):
#: both are in the key, so a milestone's threads are one range too. Declared beside the queries
#: it serves (migrations c0de11a00004, c0de13a00007); the window itself uses the model's
#: (commitment, parent, id).
Index(
    'ix_comments_commitment_id_anchor',
    Comment.commitment_id,
    Comment.anchor,
    Comment.milestone_id,
    Comment.parent_id,
    Comment.id,
    Comment.is_deleted,
)


@dataclass(frozen=True)
class Window:
    """Comments of some threads, in id order, and what lies before them."""

    comments: list[Comment]
    #: Whether threads older than these exist.
    has_earlier: bool
    #: The id of the oldest thread shown (``before_id`` for the next window), or None if empty.
    oldest_id: int | None

    @property
    def threads(self) -> list[tuple[Comment, list[Comment]]]:
        """Top-level comments in order, each with its replies in order."""
        replies: dict[int, list[Comment]] = {}
        for c in self.comments:
            if c.parent_id:
                replies.setdefault(c.parent_id, []).append(c)
        return [(c, replies.get(c.id, [])) for c in self.comments if not c.parent_id]


def latest_threads(
    commitment_id: int,
    *,
    limit: int = THREADS,
    before_id: int | None = None,
    anchor: str | None = None,
) -> Window:
    """The latest ``limit`` threads of a commitment (older than ``before_id``, on ``anchor``).

    ``anchor`` None means every part; otherwise a part as :func:`.models.anchor_key` names it
    (``''`` the commitment as a whole, ``milestone:<id>``, ``milestone`` for the milestones since
    removed). Replies carry their thread's anchor, so filtering the threads keeps every reply with
    its thread.
    """
    heads = (
        select(Comment.id)
        .where(Comment.commitment_id == commitment_id, Comment.parent_id.is_(None))
        .order_by(Comment.id.desc())
        .limit(limit + 1)
    )
    if before_id is not None:
        heads = heads.where(Comment.id < before_id)
    if anchor is not None:
        kind, milestone_id = parse_anchor_key(anchor)
        heads = heads.where(
            Comment.anchor == kind,
            Comment.milestone_id.is_(None)
            if milestone_id is None
            else Comment.milestone_id == milestone_id,
        )
    ids = list(db.session.scalars(heads))
    has_earlier = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return Window([], has_earlier=False, oldest_id=None)
    # The threads by primary key and their replies by (commitment, parent): two index lookups.
    # Written as one "id IN … OR parent_id IN …", SQLite reads every comment of the commitment.
    wanted = union_all(
        select(Comment.id).where(Comment.id.in_(ids)),
        select(Comment.id).where(
            Comment.commitment_id == commitment_id, Comment.parent_id.in_(ids)
        ),
    )
    query = select(Comment).where(Comment.id.in_(wanted)).order_by(Comment.id)
    comments = list(db.session.scalars(query).unique())
    return Window(comments, has_earlier=has_earlier, oldest_id=min(ids))


def part_counts(commitment_id: int) -> dict[str, int]:
    """How many comments (threads and replies, not deleted) each part of a commitment has.

    One ``GROUP BY`` over the commitment's comments, keyed as :func:`.models.anchor_key` names the
    parts; parts without any are absent.
    """
    query = (
        select(Comment.anchor, Comment.milestone_id, func.count(Comment.id))
        .where(Comment.commitment_id == commitment_id, Comment.is_deleted.is_(False))
        .group_by(Comment.anchor, Comment.milestone_id)
    )
    return {anchor_key(anchor, ident): n for anchor, ident, n in db.session.execute(query)}


def window_before(commitment_id: int, thread_id: int, *, limit: int = THREADS) -> int | None:
    """The ``before_id`` of the window whose newest thread is ``thread_id``.

    None when the latest window shows that thread (fewer than ``limit`` threads are newer), so a
    page that links to a comment of an old thread opens the window that holds it.
    """
    newer = (
        select(Comment.id)
        .where(
            Comment.commitment_id == commitment_id,
            Comment.parent_id.is_(None),
            Comment.id > thread_id,
        )
        .order_by(Comment.id)
        .limit(limit)
    )
    ids = list(db.session.scalars(newer))
    return ids[0] if len(ids) == limit else None
