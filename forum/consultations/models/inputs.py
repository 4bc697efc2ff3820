"""Inputs to a consultation round: what someone said, on what, through which channel."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...comments.models import (
    FIELD_LABELS,
    MILESTONE,
    REMOVED_MILESTONE,
    anchor_key,
    milestone_label,
)
from ...core.enums import LabelledEnum, enum_column
from ...db import CreatedMixin, UTCDateTime
from ...extensions import db
from .rounds import Channel

if TYPE_CHECKING:
    from ...auth.models import User
    from ...commitments.models import Commitment, Milestone
    from ...sectors.models import Sector
    from .responses import ConsultationResponse, ConsultationTheme
    from .rounds import ConsultationRound


class InputStatus(LabelledEnum):
    """Whether an input stands."""

    active = 'active', _l('Accepted for consideration')
    withdrawn = 'withdrawn', _l('Withdrawn by its submitter')
    hidden = 'hidden', _l('Hidden by the secretariat')


class ConsultationInput(CreatedMixin, db.Model):
    """One input: on the plan as a whole, a commitment, or one part of a commitment.

    Never edited after submission: its submitter may withdraw it while the round is open; the
    secretariat may hide it (with a reason), group it under a theme, mark it a duplicate of
    another, and respond to it.
    """

    __tablename__ = 'consultation_inputs'
    __table_args__ = (
        UniqueConstraint('round_id', 'seq', name='uq_consultation_inputs_round_seq'),
        # A comment is promoted once per round.
        UniqueConstraint(
            'round_id', 'source_comment_id', name='uq_consultation_inputs_round_comment'
        ),
        # A form sent twice (the same client id) gives the first input, not a second.
        UniqueConstraint(
            'submitter_id', 'client_id', name='uq_consultation_inputs_submitter_client'
        ),
        # As comments: only an input about a milestone names one; the anchor holds no id.
        CheckConstraint(f"milestone_id IS NULL OR anchor = '{MILESTONE}'", name='milestone_id'),
        CheckConstraint("anchor NOT LIKE '%:%'", name='anchor'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey('consultation_rounds.id', ondelete='CASCADE'))
    #: The round's sequence number of this input (taken in commit order): ``C1-000123``.
    seq: Mapped[int]
    #: The commitment the input is on; empty for the plan as a whole.
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey('commitments.id'))
    #: The part of the commitment, as comments name it: ``''`` (the whole commitment), a field
    #: name (``problem``) or ``milestone`` (``milestone_id`` says which).
    anchor: Mapped[str] = mapped_column(String(60), default='')
    #: The milestone an input is about; emptied if the milestone is deleted (the input stays,
    #: about "a milestone since removed").
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey('milestones.id', ondelete='SET NULL')
    )
    #: What the person said (at most 10,000 characters), as they said it.
    body: Mapped[str] = mapped_column(Text)
    #: One of :class:`~.rounds.Channel`.
    channel: Mapped[str] = enum_column(Channel, 'channel')
    #: The account that submitted it online (or whose comment was promoted); empty offline.
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: The submitter's name as given (offline) or their display name when submitting.
    submitter_name: Mapped[str] = mapped_column(String(200), default='')
    #: The organisation the submitter spoke for, if any.
    organisation: Mapped[str] = mapped_column(String(255), default='')
    #: The submitter's sector (self-declared), kept as it was when the input came in.
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    #: Staff acting as the secretariat: counted as "secretariat", apart from the sectors.
    is_secretariat: Mapped[bool] = mapped_column(default=False)
    #: ISO 3166-2 code of the submitter's province (``TH-10``), if given.
    province: Mapped[str | None] = mapped_column(String(6))
    #: Whether the submitter agreed to be named in the published results.
    publish_name: Mapped[bool] = mapped_column(default=False)
    #: How to reach an offline submitter (phone, address): for the secretariat only, never
    #: published.
    contact: Mapped[str] = mapped_column(String(255), default='')
    #: The UUID the submission form carried (online inputs), for idempotent retries.
    client_id: Mapped[str | None] = mapped_column(String(36))
    #: The day it was said or received, in the forum's time zone (offline: as recorded).
    received_on: Mapped[date]
    #: The staff member who recorded an offline input or promoted a comment.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: The comment this input was promoted from.
    source_comment_id: Mapped[int | None] = mapped_column(
        ForeignKey('comments.id', ondelete='SET NULL')
    )
    #: One of :class:`InputStatus`.
    status: Mapped[str] = enum_column(InputStatus, 'status', default=InputStatus.active)
    status_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Why the secretariat hid it (shown in its place).
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey('consultation_themes.id', ondelete='SET NULL'), index=True
    )
    #: The input this one repeats: both are kept; without a response of its own, this one
    #: takes the other's.
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey('consultation_inputs.id'))
    #: A response to this input alone (else its theme's, else its original's).
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey('consultation_responses.id', ondelete='SET NULL')
    )

    round: Mapped[ConsultationRound] = relationship(lazy='joined')
    commitment: Mapped[Commitment | None] = relationship(lazy='joined')
    milestone: Mapped[Milestone | None] = relationship(lazy='joined')
    sector: Mapped[Sector] = relationship(lazy='joined')
    submitter: Mapped[User | None] = relationship(foreign_keys=[submitter_id])
    theme: Mapped[ConsultationTheme | None] = relationship(back_populates='inputs')
    duplicate_of: Mapped[ConsultationInput | None] = relationship(remote_side=[id])
    response: Mapped[ConsultationResponse | None] = relationship(lazy='joined')

    def __repr__(self):
        return f'<ConsultationInput {self.id} {self.tracking_number}>'

    @property
    def tracking_number(self) -> str:
        """``C<round>-<six digits>``, shown to the submitter and in the results."""
        return f'C{self.round.number}-{self.seq:06d}'

    @property
    def status_label(self) -> str:
        """The status, translated."""
        return InputStatus.label_of(self.status)

    @property
    def channel_label(self) -> str:
        """The channel, translated."""
        return Channel.label_of(self.channel)

    @property
    def anchor_key(self) -> str:
        """The part as pages name it: ``''``, a field, ``milestone:<id>`` (or ``milestone``)."""
        return anchor_key(self.anchor, self.milestone_id)

    @property
    def part_label(self) -> str:
        """The part of the commitment, in the reader's language; empty for the whole."""
        if self.anchor == MILESTONE:
            if self.milestone is None:
                return str(REMOVED_MILESTONE)
            return milestone_label(self.milestone.position)
        label = FIELD_LABELS.get(self.anchor) if self.anchor else None
        return str(label) if label is not None else ''

    def part_label_in(self, locale: str) -> str:
        """:attr:`part_label` in ``locale``, whatever the reader's language."""
        with force_locale(locale):
            return self.part_label

    @property
    def is_active(self) -> bool:
        """Neither withdrawn nor hidden: it needs a response."""
        return self.status == InputStatus.active

    def effective_response(self) -> tuple[ConsultationResponse | None, str]:
        """The response that answers this input, and where it comes from.

        ``('input')`` its own; ``('theme')`` its theme's; ``('duplicate')`` the one of the
        input it repeats (its own or its theme's); ``(None, '')`` none yet.
        """
        if self.response is not None:
            return self.response, 'input'
        if self.theme is not None and self.theme.response is not None:
            return self.theme.response, 'theme'
        # Along the inputs it repeats; a loop (two inputs marked duplicates of each other by
        # merges made at once, before merges took turns) ends where it began.
        seen, other = {self.id}, self.duplicate_of
        while other is not None and other.id not in seen:
            if other.response is not None:
                return other.response, 'duplicate'
            if other.theme is not None and other.theme.response is not None:
                return other.theme.response, 'duplicate'
            seen.add(other.id)
            other = other.duplicate_of
        return None, ''
