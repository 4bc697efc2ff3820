"""Comments on commitments, and the earlier versions of edited ones."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    select,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship, validates

from ..commitments.fields import COMMITMENT_TEXTS
from ..commitments.models import Milestone
from ..core.enums import LabelledEnum, enum_column
from ..db import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..sectors.models import Organisation, Sector


class Stance(LabelledEnum):
    """What a comment does."""

    support = 'support', _l('Support')
    concern = 'concern', _l('Concern')
    question = 'question', _l('Question')
    proposal = 'proposal', _l('Proposal')


class ModerationReason(LabelledEnum):
    """Why a comment is flagged or hidden (the code shown in its place and in the public log)."""

    spam = 'spam', _l('Spam')
    offensive = 'offensive', _l('Offensive')
    personal_data = 'personal_data', _l('Personal data')
    off_topic = 'off_topic', _l('Off-topic')


#: ``comments.anchor`` of a comment about a milestone; ``comments.milestone_id`` says which.
MILESTONE = 'milestone'

#: The parts of every commitment besides its milestones, with their labels.
FIELD_LABELS = {
    '': _l('The whole commitment'),
    **{name: label for name, label, _needed in COMMITMENT_TEXTS},
    'ogp_values': _l('Relevance to OGP values'),
    'who_and_when': _l('Who and when'),
}

#: The part of comments whose milestone was deleted (they stay; the database emptied their
#: ``milestone_id``): shown instead of the milestone's number, never as an id.
REMOVED_MILESTONE = _l('A milestone since removed')


def milestone_label(position: int) -> str:
    """The label of the milestone at ``position`` ("Milestone 3"), in the reader's language."""
    return _('Milestone %(n)s', n=position)


def anchor_key(anchor: str, milestone_id: int | None) -> str:
    """A comment's part as pages, sockets and ``?about=`` name it.

    ``''`` (the whole commitment), a field name, ``milestone:<id>``, or ``milestone`` alone for
    a milestone since removed (its comments stay; the database emptied their ``milestone_id``).
    """
    if anchor == MILESTONE and milestone_id is not None:
        return f'{MILESTONE}:{milestone_id}'
    return anchor


def parse_anchor_key(key: str) -> tuple[str, int | None]:
    """The ``(anchor, milestone_id)`` columns of a key of :func:`anchor_key` (ValueError if none).

    Checks the form only; whether the milestone exists and belongs to the commitment is the
    caller's to ask (``services.check_anchor``).
    """
    kind, colon, ident = key.partition(':')
    if not colon:
        return key, None
    if kind != MILESTONE or not ident.isascii() or not ident.isdigit():
        raise ValueError(f'not an anchor: {key!r}')
    return MILESTONE, int(ident)


class Comment(db.Model):
    """A comment on a commitment, on the whole or anchored to a field or a milestone."""

    __tablename__ = 'comments'
    __table_args__ = (
        # A retried post (same client id) finds the first one instead of making a second.
        UniqueConstraint('author_id', 'client_id', name='uq_comments_author_client'),
        Index('ix_comments_commitment_id_id', 'commitment_id', 'id'),
        # A rejoining socket asks for what changed after its cursor (docs/realtime.md).
        Index('ix_comments_commitment_id_seq', 'commitment_id', 'seq'),
        # The window (comments/window.py): a commitment's latest threads, then their replies.
        Index('ix_comments_commitment_id_parent_id_id', 'commitment_id', 'parent_id', 'id'),
        # The rate limit counts a person's comments of the last minute, however many they wrote.
        Index('ix_comments_author_id_created_dt', 'author_id', 'created_dt'),
        # Deleting a milestone empties its comments' milestone_id (ON DELETE SET NULL): the
        # database finds them here, in an index holding only comments about a milestone.
        Index(
            'ix_comments_milestone_id',
            'milestone_id',
            postgresql_where=text('milestone_id IS NOT NULL'),
            sqlite_where=text('milestone_id IS NOT NULL'),
        ),
        # Only a comment about a milestone names one; the anchor never holds an id as text.
        CheckConstraint(f"milestone_id IS NULL OR anchor = '{MILESTONE}'", name='milestone_id'),
        CheckConstraint("anchor NOT LIKE '%:%'", name='anchor'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey('commitments.id', ondelete='CASCADE'))
    author_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    #: The author's sector when writing (a later change of sector does not rewrite history).
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    #: The organisation as shown when writing.
    organisation_label: Mapped[str] = mapped_column(String(255), default='')
    #: The known organisation written for (the page shows its name in the reader's language);
    #: empty for a typed name, which ``organisation_label`` keeps.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey('organisations.id', ondelete='SET NULL')
    )
    #: A reply's parent (replies are one level deep).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey('comments.id'))
    #: What the comment is about: ``''`` (the whole commitment), a field name (``problem``) or
    #: ``milestone`` (``milestone_id`` says which). Replies carry their thread's. See
    #: :attr:`anchor_key` for the one name pages and sockets use.
    anchor: Mapped[str] = mapped_column(String(60), default='')
    #: The milestone a comment is about. Deleting the milestone keeps the comment: the database
    #: empties this column (ON DELETE SET NULL) and the comment is shown as about "a milestone
    #: since removed" (docs/realtime.md).
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey('milestones.id', ondelete='SET NULL')
    )
    #: One of :class:`Stance`, or empty.
    stance: Mapped[str] = enum_column(Stance, 'stance', allow_empty=True, default='')
    #: Markdown source as written.
    body: Mapped[str] = mapped_column(Text)
    #: Sanitised HTML rendered from ``body``.
    body_html: Mapped[str] = mapped_column(Text)
    #: The UUID the browser chose, for idempotent retries.
    client_id: Mapped[str] = mapped_column(String(36))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_deleted: Mapped[bool] = mapped_column(default=False)
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    #: The commitment's comment sequence number of this comment's latest change (post, edit,
    #: deletion, hiding): taken under the commitment's row lock, so it follows commit order
    #: (``services.next_seq``). 0 for rows inserted without the services (test data).
    seq: Mapped[int] = mapped_column(default=0, server_default='0')

    #: The milestone's place in the commitment (its label, "Milestone 3"), read with the comment
    #: (one indexed subquery, no query per comment); None when not about an existing milestone.
    milestone_position: Mapped[int | None] = column_property(
        select(Milestone.position).where(Milestone.id == milestone_id).scalar_subquery(),
        expire_on_flush=False,
    )

    author: Mapped[User] = relationship(lazy='joined')
    sector: Mapped[Sector] = relationship(lazy='joined')
    parent: Mapped[Comment | None] = relationship(remote_side=[id])
    organisation: Mapped[Organisation | None] = relationship(lazy='joined')
    versions: Mapped[list[CommentVersion]] = relationship(
        back_populates='comment', order_by='CommentVersion.id', cascade='all, delete-orphan'
    )

    def __repr__(self):
        return f'<Comment {self.id} on commitment {self.commitment_id}>'

    @validates('anchor')
    def _check_anchor(self, _key, anchor: str) -> str:
        if ':' in anchor:
            raise ValueError(f'anchor {anchor!r}: set anchor_key, or milestone_id for the id')
        return anchor

    @property
    def anchor_key(self) -> str:
        """The comment's part as pages and sockets name it (:func:`anchor_key`)."""
        return anchor_key(self.anchor, self.milestone_id)

    @anchor_key.setter
    def anchor_key(self, key: str) -> None:
        self.anchor, self.milestone_id = parse_anchor_key(key)

    @property
    def is_about_removed_milestone(self) -> bool:
        """Whether the comment is about a milestone deleted since."""
        return self.anchor == MILESTONE and (
            self.milestone_id is None or self.milestone_position is None
        )

    @property
    def anchor_label(self) -> str:
        """The part the comment is about, in the reader's language; empty for the whole."""
        if self.anchor == MILESTONE:
            if self.is_about_removed_milestone:
                return str(REMOVED_MILESTONE)
            return milestone_label(self.milestone_position)
        label = FIELD_LABELS.get(self.anchor) if self.anchor else None
        return str(label) if label is not None else ''

    def anchor_label_in(self, locale: str) -> str:
        """:attr:`anchor_label` in ``locale`` (``th`` or ``en``), whatever the reader's language."""
        with force_locale(locale):
            return self.anchor_label

    @property
    def stance_label(self) -> str:
        """The stance, translated; empty for a comment without one."""
        return Stance.label_of(self.stance) if self.stance else ''

    @property
    def organisation_shown(self) -> str:
        """The organisation written for: a known one in the reader's language, or the typed name."""
        if self.organisation is not None:
            return self.organisation.name
        return self.organisation_label

    @property
    def organisation_verified(self) -> bool:
        """Whether the secretariat confirmed the organisation shown with this comment."""
        if not self.author.is_affiliation_verified:
            return False
        if self.organisation_id is not None:
            return self.author.organisation_id == self.organisation_id
        return self.author.organisation_id is None and self.organisation_label == (
            self.author.organisation_name or ''
        )

    @property
    def editable_until(self) -> datetime:
        """Until when the author may edit this comment (the edit window after posting)."""
        from .services import edit_window

        return self.created_dt + edit_window()

    @property
    def is_editable(self) -> bool:
        """Whether the text may still be edited: visible and within the edit window."""
        return self.is_visible and utcnow() <= self.editable_until

    @property
    def hidden_label(self) -> str:
        """Why the comment is hidden, in the reader's language (a reason code's label or a text)."""
        reason = ModerationReason.get(self.hidden_reason)
        return str(reason.label) if reason is not None else (self.hidden_reason or '')

    def hidden_label_in(self, locale: str) -> str:
        """:attr:`hidden_label` in ``locale`` (``th`` or ``en``)."""
        with force_locale(locale):
            return self.hidden_label

    @property
    def is_visible(self) -> bool:
        """Whether the text is shown (deleted and hidden comments leave a placeholder)."""
        return not (self.is_deleted or self.is_hidden)


class CommentVersion(db.Model):
    """The text of a comment before one of its edits."""

    __tablename__ = 'comment_versions'

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey('comments.id', ondelete='CASCADE'), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    #: When this text was replaced.
    replaced_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates='versions')

    def __repr__(self):
        return f'<CommentVersion {self.id} of comment {self.comment_id}>'
