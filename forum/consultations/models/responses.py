"""Themes that group inputs, and the reasoned responses to inputs and themes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.bilingual import BilingualMixin
from ...core.enums import LabelledEnum, enum_column
from ...db import CreatedMixin, UTCDateTime, utcnow
from ...extensions import db

if TYPE_CHECKING:
    from ...auth.models import User
    from ...commitments.models import CommitmentRevision
    from .inputs import ConsultationInput


class Disposition(LabelledEnum):
    """What became of an input (OGP's reasoned response)."""

    adopted = 'adopted', _l('Adopted')
    partly_adopted = 'partly_adopted', _l('Partly adopted')
    not_adopted = 'not_adopted', _l('Not adopted')
    already_covered = 'already_covered', _l('Already covered')
    out_of_scope = 'out_of_scope', _l('Out of scope')
    deferred = 'deferred', _l('Deferred')


#: The foreign keys are named by hand: the convention's names pass PostgreSQL's 63 characters.
response_revisions = Table(
    'consultation_response_revisions',
    db.metadata,
    Column(
        'response_id',
        ForeignKey(
            'consultation_responses.id',
            ondelete='CASCADE',
            name='fk_consultation_response_revisions_response',
        ),
        primary_key=True,
    ),
    Column(
        'revision_id',
        ForeignKey(
            'commitment_revisions.id',
            ondelete='CASCADE',
            name='fk_consultation_response_revisions_revision',
        ),
        primary_key=True,
    ),
)


class ConsultationResponse(db.Model):
    """A reasoned response: the disposition, why, the revisions that carry it, who and when."""

    __tablename__ = 'consultation_responses'

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey('consultation_rounds.id', ondelete='CASCADE'), index=True
    )
    #: One of :class:`Disposition`.
    disposition: Mapped[str] = enum_column(Disposition, 'disposition')
    #: Why (required unless adopted), in the secretariat's words.
    reason: Mapped[str] = mapped_column(Text, default='')
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    decided_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    decided_by: Mapped[User | None] = relationship(lazy='joined')
    revisions: Mapped[list[CommitmentRevision]] = relationship(
        secondary=response_revisions, lazy='selectin', order_by='CommitmentRevision.id'
    )

    def __repr__(self):
        return f'<ConsultationResponse {self.id} {self.disposition}>'

    @property
    def disposition_label(self) -> str:
        """The disposition, translated."""
        return Disposition.label_of(self.disposition)


class ConsultationTheme(BilingualMixin, CreatedMixin, db.Model):
    """An issue (ประเด็น) raised in a round: inputs grouped under it share its response."""

    __tablename__ = 'consultation_themes'

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey('consultation_rounds.id', ondelete='CASCADE'), index=True
    )
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default='')
    #: The response that applies to every input of the theme without one of its own.
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey('consultation_responses.id', ondelete='SET NULL')
    )
    #: A theme merged into another keeps its name and points there; its inputs moved.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey('consultation_themes.id'))

    response: Mapped[ConsultationResponse | None] = relationship(lazy='joined')
    merged_into: Mapped[ConsultationTheme | None] = relationship(remote_side=[id])
    inputs: Mapped[list[ConsultationInput]] = relationship(
        back_populates='theme', order_by='ConsultationInput.seq'
    )

    def __repr__(self):
        return f'<ConsultationTheme {self.id} of round {self.round_id}>'

    @property
    def title(self) -> str:
        """The title in the reader's language."""
        return self.text('title')
