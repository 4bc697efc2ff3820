"""Commitments, their milestones and their revisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.bilingual import BilingualMixin
from ..core.enums import LabelledEnum, enum_column
from ..core.refusals import state_error
from ..db import CreatedMixin, UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User
    from ..naps.models import Nap, PolicyArea
    from ..sectors.models import Organisation


class CommitmentState(LabelledEnum):
    """Where a commitment is on its way into the plan."""

    draft = 'draft', _l('Draft')
    msf_review = 'msf_review', _l('In MSF review')
    endorsed = 'endorsed', _l('Endorsed')
    consultation = 'consultation', _l('In consultation')
    final = 'final', _l('Final')
    withdrawn = 'withdrawn', _l('Withdrawn')


#: Forward moves, plus review sending a draft back; withdrawal is separate (it needs a reason).
COMMITMENT_TRANSITIONS = {
    CommitmentState.draft: {CommitmentState.msf_review},
    CommitmentState.msf_review: {CommitmentState.endorsed, CommitmentState.draft},
    CommitmentState.endorsed: {CommitmentState.consultation},
    CommitmentState.consultation: {CommitmentState.final},
    CommitmentState.final: set(),
    CommitmentState.withdrawn: set(),
}


class MilestoneStatus(LabelledEnum):
    """How far a milestone's implementation is."""

    not_started = 'not_started', _l('Not started')
    in_progress = 'in_progress', _l('In progress')
    complete = 'complete', _l('Complete')
    delayed = 'delayed', _l('Delayed')


commitment_supporters = Table(
    'commitment_supporters',
    db.metadata,
    Column('commitment_id', ForeignKey('commitments.id', ondelete='CASCADE'), primary_key=True),
    Column('organisation_id', ForeignKey('organisations.id'), primary_key=True),
)

commitment_editors = Table(
    'commitment_editors',
    db.metadata,
    Column('commitment_id', ForeignKey('commitments.id', ondelete='CASCADE'), primary_key=True),
    Column('user_id', ForeignKey('users.id'), primary_key=True),
)


class Commitment(BilingualMixin, CreatedMixin, db.Model):
    """One commitment of a NAP, in the OGP template, every text in Thai and English."""

    __tablename__ = 'commitments'
    __table_args__ = (UniqueConstraint('nap_id', 'number', name='uq_commitments_nap_number'),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: No index of its own: the unique constraint (nap_id, number) starts with it.
    nap_id: Mapped[int] = mapped_column(ForeignKey('naps.id'))
    #: Per-plan number, shown as the country code and four digits (TH0001); never reused.
    number: Mapped[int]
    #: One of :class:`CommitmentState`.
    state: Mapped[str] = enum_column(CommitmentState, 'state', default=CommitmentState.draft)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    policy_area_id: Mapped[int] = mapped_column(ForeignKey('policy_areas.id'))
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id'))
    contact_name: Mapped[str] = mapped_column(String(200), default='')
    contact_email: Mapped[str] = mapped_column(String(254), default='')
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    budget: Mapped[str] = mapped_column(String(500), default='')
    sdg_targets: Mapped[str] = mapped_column(String(500), default='')
    #: Incremented on every saved revision; a form sent with an older one is a conflict.
    version: Mapped[int] = mapped_column(default=0)
    #: Every UPDATE of the row says ``WHERE version = <the version loaded>``: a row another
    #: transaction moved on raises StaleDataError (a Conflict) instead of being overwritten. The
    #: services set the version themselves (it is the revision number).
    __mapper_args__ = {'version_id_col': version, 'version_id_generator': False}
    #: The last comment sequence number given out on this commitment (comments.seq): raised by
    #: one Core UPDATE inside every comment change's transaction, never through the ORM, so it
    #: neither bumps nor checks ``version`` (forum/comments/services.py ``next_seq``).
    comment_seq: Mapped[int] = mapped_column(default=0, server_default='0')
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    modified_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Bilingual texts of the OGP template (see fields.COMMITMENT_TEXTS).
    title_th: Mapped[str] = mapped_column(Text, default='')
    title_en: Mapped[str] = mapped_column(Text, default='')
    short_title_th: Mapped[str] = mapped_column(Text, default='')
    short_title_en: Mapped[str] = mapped_column(Text, default='')
    description_th: Mapped[str] = mapped_column(Text, default='')
    description_en: Mapped[str] = mapped_column(Text, default='')
    problem_th: Mapped[str] = mapped_column(Text, default='')
    problem_en: Mapped[str] = mapped_column(Text, default='')
    causes_th: Mapped[str] = mapped_column(Text, default='')
    causes_en: Mapped[str] = mapped_column(Text, default='')
    solution_th: Mapped[str] = mapped_column(Text, default='')
    solution_en: Mapped[str] = mapped_column(Text, default='')
    contribution_th: Mapped[str] = mapped_column(Text, default='')
    contribution_en: Mapped[str] = mapped_column(Text, default='')

    # OGP values (see fields.OGP_VALUES): a flag and a justification in both languages.
    value_access: Mapped[bool] = mapped_column(default=False)
    value_access_why_th: Mapped[str] = mapped_column(Text, default='')
    value_access_why_en: Mapped[str] = mapped_column(Text, default='')
    value_participation: Mapped[bool] = mapped_column(default=False)
    value_participation_why_th: Mapped[str] = mapped_column(Text, default='')
    value_participation_why_en: Mapped[str] = mapped_column(Text, default='')
    value_accountability: Mapped[bool] = mapped_column(default=False)
    value_accountability_why_th: Mapped[str] = mapped_column(Text, default='')
    value_accountability_why_en: Mapped[str] = mapped_column(Text, default='')
    value_technology: Mapped[bool] = mapped_column(default=False)
    value_technology_why_th: Mapped[str] = mapped_column(Text, default='')
    value_technology_why_en: Mapped[str] = mapped_column(Text, default='')

    nap: Mapped[Nap] = relationship(lazy='joined')
    policy_area: Mapped[PolicyArea] = relationship(lazy='joined')
    lead_agency: Mapped[Organisation | None] = relationship(lazy='joined')
    supporters: Mapped[list[Organisation]] = relationship(
        secondary=commitment_supporters, lazy='selectin', order_by='Organisation.name_en'
    )
    #: Loaded only when asked for (permission checks): readers never need these accounts.
    editors: Mapped[list[User]] = relationship(secondary=commitment_editors)
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates='commitment',
        order_by='Milestone.position',
        cascade='all, delete-orphan',
        lazy='selectin',
    )

    def __repr__(self):
        return f'<Commitment {self.id} {self.code} {self.state}>'

    @property
    def code(self) -> str:
        """The public identifier: country code and four digits (``TH0001``)."""
        return f'{current_app.config["COUNTRY_CODE"]}{self.number:04d}'

    @property
    def title(self) -> str:
        """The title in the reader's language."""
        return self.text('title')

    @property
    def state_label(self) -> str:
        """The state, translated."""
        return CommitmentState.label_of(self.state)

    @property
    def is_editable(self) -> bool:
        """Final and withdrawn commitments are closed to edits."""
        return self.state not in (CommitmentState.final, CommitmentState.withdrawn)

    def move_to(self, state: str, *, checklist_ok: bool) -> None:
        """Change state, or raise :class:`~forum.core.refusals.Refused` saying why not.

        Entering MSF review needs a passing checklist (``checklist_ok``).
        """
        target = CommitmentState(state)
        current = CommitmentState(self.state)
        if target == CommitmentState.withdrawn:
            raise state_error(_l('Withdrawing needs a reason: use "Withdraw".'))
        if target not in COMMITMENT_TRANSITIONS[current]:
            raise state_error(
                _l(
                    'A commitment cannot move from "%(current)s" to "%(target)s".',
                    current=current.label,
                    target=target.label,
                )
            )
        if target == CommitmentState.msf_review and not checklist_ok:
            raise state_error(
                _l('The checklist does not pass yet: complete the missing items first.')
            )
        self.state = target

    def withdraw(self, reason: str) -> None:
        """Withdraw the commitment with a stated reason."""
        if not (reason or '').strip():
            raise state_error(_l('Say why the commitment is withdrawn.'))
        if self.state in (CommitmentState.withdrawn, CommitmentState.final):
            raise state_error(_l('A final or withdrawn commitment cannot be withdrawn.'))
        self.state = CommitmentState.withdrawn
        self.withdrawn_reason = reason.strip()


class Milestone(BilingualMixin, db.Model):
    """A step of a commitment with a measurable output, an owner and dates."""

    __tablename__ = 'milestones'
    __table_args__ = (
        CheckConstraint(
            'end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name='date_order'
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey('commitments.id', ondelete='CASCADE'), index=True
    )
    #: Order within the commitment, from 1.
    position: Mapped[int] = mapped_column(default=1)
    output_th: Mapped[str] = mapped_column(Text, default='')
    output_en: Mapped[str] = mapped_column(Text, default='')
    indicator_th: Mapped[str] = mapped_column(Text, default='')
    indicator_en: Mapped[str] = mapped_column(Text, default='')
    baseline_th: Mapped[str] = mapped_column(Text, default='')
    baseline_en: Mapped[str] = mapped_column(Text, default='')
    target_th: Mapped[str] = mapped_column(Text, default='')
    target_en: Mapped[str] = mapped_column(Text, default='')
    responsible_organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id'))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    #: One of :class:`MilestoneStatus`.
    status: Mapped[str] = enum_column(
        MilestoneStatus, 'status', default=MilestoneStatus.not_started
    )
    evidence_url: Mapped[str] = mapped_column(String(1000), default='')

    commitment: Mapped[Commitment] = relationship(back_populates='milestones')
    responsible_organisation: Mapped[Organisation | None] = relationship(lazy='joined')

    def __repr__(self):
        return f'<Milestone {self.id} of commitment {self.commitment_id} #{self.position}>'

    @property
    def status_label(self) -> str:
        """The status, translated."""
        return MilestoneStatus.label_of(self.status)


class CommitmentRevision(db.Model):
    """A saved state of a commitment and its milestones: who, when, which fields."""

    __tablename__ = 'commitment_revisions'
    __table_args__ = (
        UniqueConstraint('commitment_id', 'number', name='uq_commitment_revisions_number'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey('commitments.id', ondelete='CASCADE'), index=True
    )
    #: Equals the commitment's ``version`` once saved: 1, 2, 3…
    number: Mapped[int]
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: The fields that differ from the previous revision (``title_en``, ``milestones.2.target_th``).
    changed_fields: Mapped[list] = mapped_column(JSON, default=list)
    #: The whole commitment and its milestones as saved (see ``revisions.snapshot``).
    snapshot: Mapped[dict] = mapped_column(JSON)
    #: A restore names the revision it brought back.
    restored_from: Mapped[int | None]

    author: Mapped[User | None] = relationship(lazy='joined')

    def __repr__(self):
        return f'<CommitmentRevision {self.commitment_id}#{self.number}>'
