"""Decisions of the forum: an endorsement put to the members, and their votes."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.enums import LabelledEnum, enum_column
from ..core.refusals import Refused, state_error
from ..db import CreatedMixin, UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..commitments.models import Commitment
    from ..naps.models import Nap
    from ..sectors.models import Sector


class DecisionMode(LabelledEnum):
    """How the forum decides."""

    consensus = 'consensus', _l('Consensus (passes unless a member objects)')
    vote = 'vote', _l('Vote (a majority of government and of non-government members)')


class DecisionState(LabelledEnum):
    """Where a decision is: open for votes, then passed or failed."""

    open = 'open', _l('Open')
    passed = 'passed', _l('Passed')
    failed = 'failed', _l('Failed')


class VoteChoice(LabelledEnum):
    """A member's answer."""

    approve = 'approve', _l('Approve')
    object = 'object', _l('Object')
    abstain = 'abstain', _l('Abstain')


class Decision(CreatedMixin, db.Model):
    """The forum endorsing a commitment (``commitment_id``) or a draft plan (``nap_id`` only)."""

    __tablename__ = 'decisions'
    __table_args__ = (
        CheckConstraint(
            'quorum_num >= 0 AND quorum_den > 0 AND quorum_num <= quorum_den', 'quorum'
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan decided on, or the plan of the commitment decided on.
    nap_id: Mapped[int] = mapped_column(ForeignKey('naps.id'), index=True)
    #: Empty: the decision is on the plan's draft itself.
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey('commitments.id'), index=True)
    #: One of :class:`DecisionMode`.
    mode: Mapped[str] = enum_column(DecisionMode, 'mode', default=DecisionMode.vote)
    #: One of :class:`DecisionState`.
    state: Mapped[str] = enum_column(DecisionState, 'state', default=DecisionState.open)
    #: Quorum: this share (numerator / denominator) of each sector's seated members takes part.
    quorum_num: Mapped[int] = mapped_column(default=1)
    quorum_den: Mapped[int] = mapped_column(default=3)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    closed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: Why it passed or failed, in English (the page words it in the reader's language).
    outcome: Mapped[str] = mapped_column(String(40), default='')
    #: Seated members per sector when it closed: ``{sector id: [is government, seats]}``.
    seated: Mapped[dict | None] = mapped_column(JSON)
    #: The secretariat's note (the meeting, the question put).
    note: Mapped[str] = mapped_column(Text, default='')

    nap: Mapped[Nap] = relationship(lazy='joined')
    commitment: Mapped[Commitment | None] = relationship(lazy='joined')
    votes: Mapped[list[Vote]] = relationship(
        back_populates='decision', order_by='Vote.id', lazy='selectin'
    )

    def __repr__(self):
        return f'<Decision {self.id} {self.mode} {self.state}>'

    @property
    def quorum(self) -> Fraction:
        """The share of each sector's seated members that must take part."""
        return Fraction(self.quorum_num, self.quorum_den)

    @property
    def is_open(self) -> bool:
        """Whether votes are taken."""
        return self.state == DecisionState.open

    @property
    def state_label(self) -> str:
        """The state, translated."""
        return DecisionState.label_of(self.state)

    @property
    def mode_label(self) -> str:
        """The mode, translated."""
        return DecisionMode.label_of(self.mode)

    def check_open(self) -> None:
        """Refuse (409) anything but a vote on an open decision."""
        if not self.is_open:
            raise state_error(_l('This decision is closed: no more votes are taken.'))

    def close(self, passed: bool, outcome: str) -> None:
        """Close with the result; refuse a decision already closed."""
        self.check_open()
        self.state = DecisionState.passed if passed else DecisionState.failed
        self.outcome = outcome
        self.closed_dt = utcnow()

    def allowed_choices(self) -> list[VoteChoice]:
        """The answers this decision's mode offers."""
        if self.mode == DecisionMode.consensus:
            return [VoteChoice.approve, VoteChoice.object]
        return list(VoteChoice)

    def check_choice(self, choice: str) -> VoteChoice:
        """The member of :class:`VoteChoice` for ``choice``, or a refusal (400)."""
        member = VoteChoice.get(choice)
        if member is None or member not in self.allowed_choices():
            raise Refused(_l('Choose one of the listed answers.'))
        return member


class Vote(CreatedMixin, db.Model):
    """One member's answer to a decision, with the sector of the seat they voted from."""

    __tablename__ = 'votes'
    __table_args__ = (UniqueConstraint('decision_id', 'voter_id', name='uq_votes_decision_voter'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey('decisions.id'))
    voter_id: Mapped[int] = mapped_column(ForeignKey('users.id'), index=True)
    #: The seat voted from, and its sector and side at the time of the vote.
    membership_id: Mapped[int | None] = mapped_column(ForeignKey('memberships.id'))
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    is_government: Mapped[bool]
    #: The seat's role at the time (an alternate's vote counts only while their member's does not).
    seat_role: Mapped[str] = mapped_column(String(20))
    #: Organisation of the seat (an alternate stands in for a member of the same organisation).
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id'))
    #: One of :class:`VoteChoice`.
    choice: Mapped[str] = enum_column(VoteChoice, 'choice')
    #: False when the alternate's member voted after all: the member's vote counts instead.
    is_counted: Mapped[bool] = mapped_column(default=True)

    decision: Mapped[Decision] = relationship(back_populates='votes')
    voter: Mapped[User] = relationship(lazy='joined')
    sector: Mapped[Sector] = relationship(lazy='joined')

    def __repr__(self):
        return f'<Vote {self.id} decision={self.decision_id} {self.choice}>'

    @property
    def choice_label(self) -> str:
        """The answer, translated."""
        return VoteChoice.label_of(self.choice)
