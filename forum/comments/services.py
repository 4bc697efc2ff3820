"""Posting, editing, deleting and hiding comments: explicit actor, flush, audit, signal."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm.attributes import set_committed_value

from ..auth.models import User
from ..commitments.models import Commitment, Milestone
from ..core import audit
from ..core.converters import parse_id
from ..core.locks import lock_row
from ..core.permissions import can
from ..core.plain_text import refused_characters
from ..core.refusals import Refused, state_error
from ..core.signals import comment_changed
from ..db import utcnow
from ..extensions import db
from .gates import check_posting
from .markdown import render
from .models import FIELD_LABELS, MILESTONE, Comment, CommentVersion, Stance

MAX_BODY = 5000
#: Letters and marks that show nothing: fillers, the grapheme joiner, the blank braille cell.
_INVISIBLE = frozenset('\u034f\u115f\u1160\u2800\u3164\uffa0')
#: Parts of a commitment a comment may be anchored to, besides the whole and its milestones.
FIELD_ANCHORS = tuple(key for key in FIELD_LABELS if key)


def _blank(text: str) -> bool:
    """Whether ``text`` shows nothing: spaces, controls, format characters (zero-width, bidi)."""
    return all(
        c.isspace() or c in _INVISIBLE or unicodedata.category(c) in ('Zs', 'Cc', 'Cf')
        for c in text
    )


def check_body(body) -> str:
    """Return the stripped body, or raise Refused."""
    if not isinstance(body, str) or _blank(body):
        raise Refused(_l('Write something first: the comment is empty.'))
    if len(body) > MAX_BODY:
        raise Refused(
            _l('A comment has at most %(max)d characters (this one has %(n)d).', max=MAX_BODY,
               n=len(body))
        )  # fmt: skip
    if '\x00' in body:
        raise Refused(_l('This text contains a NUL character.'))
    if codes := refused_characters(body):  # terminal escapes, a right-to-left override…
        raise Refused(
            _l('Remove the control characters from this text (%(codes)s).', codes=', '.join(codes))
        )
    if not body.isascii():
        try:
            body.encode('utf-8')
        except UnicodeEncodeError:  # a lone surrogate, which no database can store
            raise Refused(_l('This text contains characters that cannot be stored.')) from None
    return body.strip()


def check_anchor(commitment: Commitment, anchor) -> tuple[str, Milestone | None]:
    """The part of ``commitment`` that ``anchor`` names, or raise Refused.

    ``anchor`` is what clients send: ``''`` (the whole), a field name or ``milestone:<id>`` of one
    of the commitment's milestones. Returns the ``comments.anchor`` value and the milestone.
    """
    if anchor in (None, ''):
        return '', None
    if isinstance(anchor, str) and anchor in FIELD_ANCHORS:
        return anchor, None
    if isinstance(anchor, str) and anchor.startswith(f'{MILESTONE}:'):
        milestone_id = parse_id(anchor.partition(':')[2])
        if milestone_id is not None:
            milestone = db.session.get(Milestone, milestone_id)
            if milestone is not None and milestone.commitment_id == commitment.id:
                return MILESTONE, milestone
    raise Refused(_l('This part of the commitment does not exist.'))


def _check_stance(stance) -> str:
    if stance in (None, ''):
        return ''
    if isinstance(stance, str) and stance in {s.value for s in Stance}:
        return stance
    raise Refused(_l('Unknown stance: choose support, concern, question or proposal.'))


def _check_parent(commitment: Commitment, parent_id) -> Comment | None:
    if parent_id in (None, ''):
        return None
    if isinstance(parent_id, bool) or not isinstance(parent_id, int):
        raise Refused(_l('The comment you reply to does not exist.'))
    parent = db.session.get(Comment, parent_id) if parse_id(parent_id) else None
    if parent is None or parent.commitment_id != commitment.id:
        raise Refused(_l('The comment you reply to does not exist.'))
    # Replies are one level deep: a reply to a reply joins its thread.
    return parent.parent or parent


def _check_client_id(client_id) -> str:
    try:
        return str(uuid.UUID(str(client_id)))
    except ValueError:
        raise Refused(_l('client_id must be a UUID.')) from None


def _earlier_posts(actor: User, client_id: str) -> Row:
    """One query for what posting needs to know of ``actor``'s comments.

    ``retried_id``: the comment already posted with ``client_id`` (nearly always None);
    ``recent``: how many ``actor`` posted in the last minute (the rate limit).
    """
    since = utcnow() - timedelta(seconds=60)
    mine = Comment.author_id == actor.id
    return db.session.execute(
        select(
            select(Comment.id).where(mine, Comment.client_id == client_id)
            .scalar_subquery().label('retried_id'),
            select(func.count(Comment.id)).where(mine, Comment.created_dt >= since)
            .scalar_subquery().label('recent'),
        )
    ).one()  # fmt: skip


def _check_rate(recent: int) -> None:
    limit = current_app.config['COMMENT_RATE_LIMIT']
    if recent >= limit:
        raise Refused(
            _l('You are commenting very fast: at most %(n)d comments a minute. Wait a moment.',
               n=limit)
        )  # fmt: skip


def _retried(commitment: Commitment, comment_id: int | None) -> Comment | None:
    if comment_id is None:
        return None
    comment = db.session.get(Comment, comment_id)
    if comment is None:  # gone with its commitment since the lookup
        return None
    if comment.commitment_id != commitment.id:
        raise Refused(_l('client_id was already used for another comment.'))
    return comment


def next_seq(commitment_id: int) -> int:
    """Take the commitment's next comment sequence number, inside the current transaction.

    One ``UPDATE … RETURNING``: on PostgreSQL it holds the commitment's row lock until the
    transaction ends, so a second change waits for the first to commit and numbers follow commit
    order (SQLite has one writer at a time anyway). A rollback gives the number back. A Core
    statement, not the ORM: ``version`` (drafting's conflict check) is neither bumped nor
    checked, and ``modified_dt`` keeps its value.
    """
    table = Commitment.__table__
    seq = db.session.execute(
        update(table)
        .where(table.c.id == commitment_id)
        .values(comment_seq=table.c.comment_seq + 1, modified_dt=table.c.modified_dt)
        .returning(table.c.comment_seq)
    ).scalar_one()
    loaded = db.session.identity_map.get(db.session.identity_key(Commitment, commitment_id))
    if loaded is not None:  # keep a loaded commitment truthful without marking it changed
        set_committed_value(loaded, 'comment_seq', seq)
    return seq


def comments_since(
    commitment_id: int, limit: int, *, since_seq: int | None = None, since_id: int | None = None
) -> list[Comment] | None:
    """The comments changed after ``since_seq`` (or posted after ``since_id``), in id order.

    Each in its current state. None when there are more than ``limit``: the caller sends the
    window instead. ``since_id`` is what old clients send; ids are taken at INSERT, not in
    commit order, so it may miss a comment (docs/realtime.md).
    """
    query = select(Comment).where(Comment.commitment_id == commitment_id)
    if since_seq is not None:
        query = query.where(Comment.seq > since_seq).order_by(Comment.seq)
    else:
        query = query.where(Comment.id > (since_id or 0)).order_by(Comment.id)
    found = list(db.session.scalars(query.limit(limit + 1)).unique())
    if len(found) > limit:
        return None
    return sorted(found, key=lambda c: c.id)


def post_comment(
    commitment: Commitment, *, actor: User, body, client_id, parent_id=None, anchor='',
    stance='',
) -> tuple[Comment, bool]:  # fmt: skip
    """Add a comment; return it and whether it is new (a retried client id returns the first).

    A retry is broadcast again: the process that stored the comment may have died between its
    commit and its broadcast, and viewers that have it ignore it (docs/realtime.md). Two retries
    at once break the unique client id: the transaction runs again and finds the first
    (``core.transaction.commit(retry_race=True)``).
    """
    client_id = _check_client_id(client_id)
    # One post of a person at a time (PostgreSQL): posts sent at once from several sockets or
    # processes would each count the last minute before the others were stored, and pass the
    # rate limit together. FOR NO KEY UPDATE: rows that merely refer to the person do not wait.
    lock_row(actor, refresh=False, key_share=True)
    earlier = _earlier_posts(actor, client_id)
    existing = _retried(commitment, earlier.retried_id)
    if existing is not None:
        comment_changed.send(existing, event='comment_added', actor=actor)
        return existing, False
    body = check_body(body)
    parent = _check_parent(commitment, parent_id)
    anchor, milestone = check_anchor(commitment, anchor)
    milestone_id, position = (milestone.id, milestone.position) if milestone else (None, None)
    if parent is not None:  # a reply is about what its thread is about
        anchor, milestone_id, position = (
            parent.anchor,
            parent.milestone_id,
            parent.milestone_position,
        )
    stance = _check_stance(stance)
    _check_rate(earlier.recent)
    check_posting(actor, commitment)
    comment = Comment(
        commitment_id=commitment.id,
        author=actor,
        sector_id=actor.sector_id,
        organisation_label=actor.organisation_label or '',
        organisation_id=actor.organisation_id,
        parent=parent,
        anchor=anchor,
        milestone_id=milestone_id,
        stance=stance,
        body=body,
        body_html=render(body),
        client_id=client_id,
        seq=next_seq(commitment.id),
    )
    db.session.add(comment)
    db.session.flush()
    # Known already: no query to read it back for the comment's label.
    set_committed_value(comment, 'milestone_position', position)
    audit.record('comment.posted', comment, actor=actor, commitment_id=commitment.id)
    comment_changed.send(comment, event='comment_added', actor=actor)
    return comment, True


def edit_window() -> timedelta:
    """How long authors may edit their comments."""
    return timedelta(minutes=current_app.config['COMMENT_EDIT_MINUTES'])


def edit_comment(comment: Comment, *, actor: User, body) -> Comment:
    """Change a comment's text within the edit window; the old text is kept."""
    if not can(actor, 'edit_comment', comment):
        raise Refused(_l('Only the author may edit a comment.'))
    # An edit says something new: only who may comment now (a seat, an open consultation; not
    # blocked by a moderator) edits.
    commitment = db.session.get(Commitment, comment.commitment_id)
    if not can(actor, 'comment', commitment):
        raise Refused(
            _l('You may no longer comment on this commitment, so this comment cannot be edited.'),
            status=403,
        )
    # The person's row, as posting and a block take it: a block made at the same moment comes
    # before this edit (and refuses it) or after it.
    lock_row(actor, refresh=False, key_share=True)
    check_posting(actor, commitment)
    # A moderator hiding it at the same moment: the edit waits, then finds it hidden.
    lock_comment(comment)
    if not comment.is_visible:
        raise Refused(_l('This comment can no longer be edited.'))
    if utcnow() - comment.created_dt > edit_window():
        raise Refused(
            _l('Comments can be edited for %(n)d minutes after posting.',
               n=current_app.config['COMMENT_EDIT_MINUTES'])
        )  # fmt: skip
    body = check_body(body)
    if body == comment.body:
        return comment
    comment.versions.append(CommentVersion(body=comment.body))
    comment.body = body
    comment.body_html = render(body)
    comment.edited_dt = utcnow()
    comment.seq = next_seq(comment.commitment_id)
    db.session.flush()
    audit.record('comment.edited', comment, actor=actor)
    comment_changed.send(comment, event='comment_updated', actor=actor)
    return comment


def delete_comment(comment: Comment, *, actor: User) -> Comment:
    """Delete one's own comment: a placeholder stays so that replies keep their context."""
    if not can(actor, 'delete_comment', comment):
        raise Refused(_l('Only the author may delete a comment.'))
    lock_comment(comment)
    if comment.is_deleted:
        return comment
    comment.versions.append(CommentVersion(body=comment.body))
    comment.is_deleted = True
    comment.body = ''
    comment.body_html = ''
    comment.seq = next_seq(comment.commitment_id)
    db.session.flush()
    audit.record('comment.deleted', comment, actor=actor)
    comment_changed.send(comment, event='comment_deleted', actor=actor)
    return comment


def lock_comment(comment: Comment) -> None:
    """Lock ``comment``'s row until the transaction ends and read it afresh (PostgreSQL).

    Moderators acting on one comment at once take turns: the second sees the first's hiding
    (or restoring) and is refused, so the public log records each change once.
    """
    lock_row(comment)


def hide_comment(comment: Comment, *, actor: User, reason: str) -> Comment:
    """Hide a comment from the public (moderation); the reason is shown in its place.

    ``reason`` is a :class:`ModerationReason` code (``forum.moderation`` sends those) or a text.
    A comment already hidden, or deleted by its author, is refused (409).
    """
    if not (reason or '').strip():
        raise Refused(_l('Say why the comment is hidden.'))
    lock_comment(comment)
    if comment.is_hidden:
        raise state_error(_l('This comment is already hidden.'))
    if comment.is_deleted:
        raise state_error(_l('This comment was deleted by its author: there is nothing to hide.'))
    comment.is_hidden = True
    comment.hidden_reason = reason.strip()
    comment.seq = next_seq(comment.commitment_id)
    db.session.flush()
    audit.record(
        'comment.hidden', comment, actor=actor, reason=comment.hidden_reason,
        before={'is_hidden': False}, after={'is_hidden': True},
    )  # fmt: skip
    comment_changed.send(comment, event='comment_hidden', actor=actor)
    return comment


def restore_comment(comment: Comment, *, actor: User) -> Comment:
    """Show a hidden comment again (moderation); everyone watching sees it come back."""
    lock_comment(comment)
    if not comment.is_hidden:
        raise state_error(_l('This comment is not hidden.'))
    reason = comment.hidden_reason
    comment.is_hidden = False
    comment.hidden_reason = None
    comment.seq = next_seq(comment.commitment_id)
    db.session.flush()
    audit.record(
        'comment.restored', comment, actor=actor, reason=reason,
        before={'is_hidden': True}, after={'is_hidden': False},
    )  # fmt: skip
    comment_changed.send(comment, event='comment_updated', actor=actor)
    return comment
