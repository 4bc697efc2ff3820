"""Comments inserted directly (no rate limit, no audit): a long discussion in a moment."""

from __future__ import annotations

import uuid

from forum.auth.models import User
from forum.comments.models import Comment
from forum.extensions import db


def add_comments(
    commitment_id: int, author: User, n: int = 1, *, anchor: str = '', parent_id=None, body='c'
) -> list[int]:
    """Insert ``n`` comments by ``author`` (threads, or replies to ``parent_id``); their ids.

    ``anchor`` as pages name a part: ``''``, a field name or ``milestone:<id>``.

    A reply takes its thread's anchor, as :func:`forum.comments.services.post_comment` does.
    """
    author = db.session.merge(author)
    if parent_id is not None:
        anchor = db.session.get(Comment, parent_id).anchor_key
    rows = [
        Comment(
            commitment_id=commitment_id,
            author_id=author.id,
            sector_id=author.sector_id,
            organisation_label=author.organisation_label or '',
            parent_id=parent_id,
            anchor_key=anchor,
            body=f'{body} {k}',
            body_html=f'<p>{body} {k}</p>',
            client_id=str(uuid.uuid4()),
        )
        for k in range(n)
    ]
    db.session.add_all(rows)
    db.session.commit()
    return [row.id for row in rows]
