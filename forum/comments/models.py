"""Comments on commitments, and the earlier versions of edited ones."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    #: ``''`` for the whole commitment, a field name (``problem``) or ``milestone:<id>``.
    anchor: Mapped[str] = mapped_column(String(60), default='')
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

    author: Mapped[User] = relationship(lazy='joined')
    sector: Mapped[Sector] = relationship(lazy='joined')
    parent: Mapped[Comment | None] = relationship(remote_side=[id])
    organisation: Mapped[Organisation | None] = relationship(lazy='joined')
    versions: Mapped[list[CommentVersion]] = relationship(
        back_populates='comment', order_by='CommentVersion.id', cascade='all, delete-orphan'
    )

    def __repr__(self):
        return f'<Comment {self.id} on commitment {self.commitment_id}>'

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
