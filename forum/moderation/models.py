"""Moderators, flags, the public log of their actions, appeals, blocks, the balanced floor."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..comments.models import ModerationReason
from ..core.enums import LabelledEnum, enum_column
from ..db import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..comments.models import Comment
    from ..sectors.models import Sector


class ActionKind(LabelledEnum):
    """What a moderator did (one row of the public moderation log)."""

    hidden = 'hidden', _l('Comment hidden')
    restored = 'restored', _l('Comment restored')
    appeal_upheld = 'appeal_upheld', _l('Appeal upheld: stays hidden')
    appeal_granted = 'appeal_granted', _l('Appeal granted: restored')
    blocked = 'blocked', _l('Person blocked from commenting')
    floor_on = 'floor_on', _l('Balanced floor switched on')
    floor_off = 'floor_off', _l('Balanced floor switched off')


class AppealState(LabelledEnum):
    """Where an appeal stands."""

    pending = 'pending', _l('Waiting for a decision')
    upheld = 'upheld', _l('Upheld: the comment stays hidden')
    granted = 'granted', _l('Granted: the comment is restored')


class Moderator(db.Model):
    """A person the secretariat designated as a moderator (staff moderate by their role)."""

    __tablename__ = 'moderators'

    user_id: Mapped[int] = mapped_column(
        ForeignKey('users.id', ondelete='CASCADE'), primary_key=True
    )
    #: Who designated them.
    designated_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy='joined')

    def __repr__(self):
        return f'<Moderator {self.user_id}>'


class Flag(db.Model):
    """A reader's flag on a comment: one per person and comment."""

    __tablename__ = 'comment_flags'
    __table_args__ = (
        UniqueConstraint('comment_id', 'user_id', name='uq_comment_flags_comment_user'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey('comments.id', ondelete='CASCADE'), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'))
    #: One of :class:`~forum.comments.models.ModerationReason`.
    reason: Mapped[str] = enum_column(ModerationReason, 'reason')
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set when a moderator hid or restored the comment after this flag (it leaves the queue).
    handled_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    comment: Mapped[Comment] = relationship()

    def __repr__(self):
        return f'<Flag {self.id} on comment {self.comment_id}>'

    @property
    def reason_label(self) -> str:
        """The reason, translated."""
        return ModerationReason.label_of(self.reason)


class ModerationAction(db.Model):
    """One moderator's action: a row of the public log (the moderator's name stays private)."""

    __tablename__ = 'moderation_actions'
    __table_args__ = (Index('ix_moderation_actions_created_dt', 'created_dt'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: One of :class:`ActionKind`.
    kind: Mapped[str] = enum_column(ActionKind, 'kind')
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey('comments.id', ondelete='SET NULL'), index=True
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey('commitments.id', ondelete='SET NULL')
    )
    #: A :class:`~forum.comments.models.ModerationReason` code, or empty.
    reason: Mapped[str] = enum_column(ModerationReason, 'reason', allow_empty=True, default='')
    #: The moderator's note: in the audit log and for moderators, never in the public log.
    note: Mapped[str] = mapped_column(Text, default='')
    #: Who acted (private: the public log names the sector only).
    moderator_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    #: The sector the moderator acted for; empty when the secretariat acted.
    sector_id: Mapped[int | None] = mapped_column(ForeignKey('sectors.id'))

    sector: Mapped[Sector | None] = relationship(lazy='joined')

    def __repr__(self):
        return f'<ModerationAction {self.id} {self.kind}>'

    @property
    def kind_label(self) -> str:
        """What happened, translated."""
        return ActionKind.label_of(self.kind)

    @property
    def reason_label(self) -> str:
        """The reason code, translated; empty without one."""
        return ModerationReason.label_of(self.reason) if self.reason else ''


class Appeal(db.Model):
    """An author's appeal against the hiding of their comment: one per hiding."""

    __tablename__ = 'moderation_appeals'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The hiding appealed against (unique: one appeal each).
    action_id: Mapped[int] = mapped_column(
        ForeignKey('moderation_actions.id', ondelete='CASCADE'), unique=True
    )
    comment_id: Mapped[int] = mapped_column(
        ForeignKey('comments.id', ondelete='CASCADE'), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    #: Why the author thinks the comment should show.
    text: Mapped[str] = mapped_column(Text)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: One of :class:`AppealState`.
    state: Mapped[str] = enum_column(AppealState, 'state', default=AppealState.pending)
    decided_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    decision_note: Mapped[str] = mapped_column(Text, default='')

    action: Mapped[ModerationAction] = relationship(lazy='joined')
    comment: Mapped[Comment] = relationship()

    def __repr__(self):
        return f'<Appeal {self.id} on comment {self.comment_id} {self.state}>'

    @property
    def state_label(self) -> str:
        """Where it stands, translated."""
        return AppealState.label_of(self.state)


class Block(db.Model):
    """A person blocked from commenting until a date, with the moderator's justification."""

    __tablename__ = 'comment_blocks'
    __table_args__ = (
        Index('ix_comment_blocks_user_id_ends_dt', 'user_id', 'ends_dt'),
        CheckConstraint('ends_dt > created_dt', name='ends_after_start'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'))
    moderator_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    justification: Mapped[str] = mapped_column(Text)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The block ends at this moment (UTC).
    ends_dt: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy='joined')

    def __repr__(self):
        return f'<Block {self.id} of user {self.user_id}>'


class BalancedFloor(db.Model):
    """A commitment's "balanced floor": a dominant sector's members wait between comments."""

    __tablename__ = 'balanced_floors'
    __table_args__ = (
        CheckConstraint('share_percent BETWEEN 1 AND 99', name='share_percent'),
        CheckConstraint('last_n BETWEEN 2 AND 500', name='last_n'),
        CheckConstraint('wait_minutes BETWEEN 1 AND 1440', name='wait_minutes'),
    )

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey('commitments.id', ondelete='CASCADE'), primary_key=True
    )
    is_on: Mapped[bool] = mapped_column(default=False)
    #: A sector dominates above this share (percent) of the last ``last_n`` comments.
    share_percent: Mapped[int] = mapped_column(default=50)
    last_n: Mapped[int] = mapped_column(default=20)
    #: How long its members wait between comments.
    wait_minutes: Mapped[int] = mapped_column(default=10)
    modified_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self):
        return f'<BalancedFloor {self.commitment_id} {"on" if self.is_on else "off"}>'
