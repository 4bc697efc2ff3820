"""Consultation rounds on a NAP draft: schedule, channels, the commitments covered, and state."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from flask_babel import get_timezone, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.bilingual import BilingualMixin
from ...core.enums import LabelledEnum, enum_column
from ...core.i18n import format_datetime
from ...core.refusals import Refused, state_error
from ...db import CreatedMixin, UTCDateTime, utcnow
from ...extensions import db

if TYPE_CHECKING:
    from ...commitments.models import Commitment
    from ...naps.models import Nap

#: Thai practice: a public hearing stays open at least this long (a shorter one needs a reason).
RECOMMENDED_DAYS = 15


class RoundState(LabelledEnum):
    """Where a consultation round is."""

    draft = 'draft', _l('Draft')
    announced = 'announced', _l('Announced')
    open = 'open', _l('Open')
    closed = 'closed', _l('Closed')
    published = 'published', _l('Responses published')


#: Forward only, one step at a time.
ROUND_TRANSITIONS = {
    RoundState.draft: {RoundState.announced},
    RoundState.announced: {RoundState.open},
    RoundState.open: {RoundState.closed},
    RoundState.closed: {RoundState.published},
    RoundState.published: set(),
}


class Channel(LabelledEnum):
    """How an input reached the forum."""

    online = 'online', _l('Online')
    meeting = 'meeting', _l('Meeting or workshop')
    written = 'written', _l('Written submission')
    other = 'other', _l('Other')


#: Channels an input recorded by the secretariat may come through (online ones come by the site).
OFFLINE_CHANNELS = (Channel.meeting, Channel.written, Channel.other)

round_commitments = Table(
    'consultation_round_commitments',
    db.metadata,
    Column('round_id', ForeignKey('consultation_rounds.id', ondelete='CASCADE'), primary_key=True),
    Column('commitment_id', ForeignKey('commitments.id', ondelete='CASCADE'), primary_key=True),
)


class ShortRound(Refused):
    """Opening a round shorter than Thai practice advises, without saying why."""

    def __init__(self, days: float):
        super().__init__(
            _l(
                'This round would be open for %(days)s days; Thai practice advises at least '
                '%(min)d. Say why it is shorter to open it.',
                days=f'{days:.1f}',
                min=RECOMMENDED_DAYS,
            )
        )
        self.days = days


class ConsultationRound(BilingualMixin, CreatedMixin, db.Model):
    """A round of public consultation on a NAP draft: all its commitments or a chosen few."""

    __tablename__ = 'consultation_rounds'
    __table_args__ = (
        CheckConstraint('closes_at > opens_at', name='schedule'),
        CheckConstraint('input_seq >= 0', name='input_seq'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The forum's round number (C1, C2…): in every tracking number of its inputs.
    number: Mapped[int] = mapped_column(unique=True)
    nap_id: Mapped[int] = mapped_column(ForeignKey('naps.id'), index=True)
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default='')
    description_th: Mapped[str] = mapped_column(Text, default='')
    description_en: Mapped[str] = mapped_column(Text, default='')
    #: The day the round is (to be) made public, in the forum's time zone.
    announce_on: Mapped[date]
    #: When inputs may start (the schedule; ``opened_dt`` says when it really opened).
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When inputs stop being accepted, whatever the state says.
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Channel codes (:class:`Channel`) through which inputs are taken.
    channels: Mapped[list] = mapped_column(JSON, default=list)
    #: Every commitment of the plan (not withdrawn) is covered; else only ``commitments``.
    covers_all: Mapped[bool] = mapped_column(default=True)
    #: One of :class:`RoundState`.
    state: Mapped[str] = enum_column(RoundState, 'state', default=RoundState.draft)
    #: Why the round is open for fewer than :data:`RECOMMENDED_DAYS` days (given when opening).
    short_reason: Mapped[str | None] = mapped_column(Text)
    announced_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: The last input sequence number handed out: raised by one Core UPDATE under the row's
    #: lock inside each new input's transaction, so numbers follow commit order.
    input_seq: Mapped[int] = mapped_column(default=0, server_default='0')

    nap: Mapped[Nap] = relationship(lazy='joined')
    commitments: Mapped[list[Commitment]] = relationship(
        secondary=round_commitments, order_by='Commitment.number'
    )

    def __repr__(self):
        return f'<ConsultationRound {self.code} {self.state}>'

    @property
    def code(self) -> str:
        """``C<number>``: the start of every tracking number of the round."""
        return f'C{self.number}'

    @property
    def title(self) -> str:
        """The title in the reader's language (falling back to the other)."""
        return self.text('title')

    @property
    def description(self) -> str:
        """The description in the reader's language."""
        return self.text('description')

    @property
    def state_label(self) -> str:
        """The state, translated."""
        return RoundState.label_of(self.state)

    @property
    def channel_labels(self) -> list[str]:
        """The round's channels, translated, in the order of :class:`Channel`."""
        return [c.label for c in Channel if c in self.channels]

    @property
    def is_public(self) -> bool:
        """Whether the public may read the round (announced or later)."""
        return self.state != RoundState.draft

    @property
    def is_editable(self) -> bool:
        """Title, schedule, channels and scope change only before the round opens."""
        return self.state in (RoundState.draft, RoundState.announced)

    @property
    def takes_offline_inputs(self) -> bool:
        """The secretariat records offline inputs while the round is open or closed."""
        return self.state in (RoundState.open, RoundState.closed)

    @property
    def ended_at(self) -> datetime:
        """When the round stopped (or will stop) taking inputs."""
        if self.closed_dt is not None and self.closed_dt < self.closes_at:
            return self.closed_dt
        return self.closes_at

    def is_accepting(self, now: datetime | None = None) -> bool:
        """Whether participants may submit and withdraw inputs at ``now``."""
        return self.state == RoundState.open and (now or utcnow()) < self.closes_at

    def covers(self, commitment: Commitment) -> bool:
        """Whether ``commitment`` is in the round (one of the plan's, not withdrawn)."""
        if commitment.nap_id != self.nap_id or commitment.state == 'withdrawn':
            return False
        return self.covers_all or any(c.id == commitment.id for c in self.commitments)

    def days_open(self, now: datetime) -> float:
        """How many days the round takes inputs if it opens at ``now``."""
        return (self.closes_at - now) / timedelta(days=1)

    def refusal_to_take_inputs(self, now: datetime) -> Refused:
        """Why an input cannot be submitted at ``now`` (409), in words a participant reads."""
        if self.state in (RoundState.draft, RoundState.announced):
            return state_error(
                _l(
                    'This consultation round is not open yet: it opens on %(when)s.',
                    when=format_datetime(self.opens_at),
                )
            )
        return state_error(
            _l(
                'This consultation round closed on %(when)s: inputs are no longer accepted.',
                when=format_datetime(min(self.ended_at, now)),
            )
        )

    # -- the state machine ------------------------------------------------------------------

    def _move(self, target: RoundState) -> None:
        current = RoundState(self.state)
        if target not in ROUND_TRANSITIONS[current]:
            raise state_error(
                _l(
                    'A round cannot move from "%(current)s" to "%(target)s".',
                    current=current.label,
                    target=target.label,
                )
            )
        self.state = target

    def check_schedule(self) -> None:
        """Refuse a schedule that runs backwards, and a round without channel or commitment."""
        if self.closes_at <= self.opens_at:
            raise Refused(_l('The round must close after it opens.'), field='closes_at')
        if self.announce_on > self.opens_at.astimezone(get_timezone()).date():
            raise Refused(_l('The round must be announced before it opens.'), field='announce_on')
        if not self.channels:
            raise Refused(_l('Choose at least one channel.'), field='channels')
        if not self.covers_all and not self.commitments:
            raise Refused(
                _l('Choose the commitments the round covers, or all of them.'), field='commitments'
            )

    def announce(self, now: datetime) -> None:
        """Make the round public (draft → announced); its close must still be ahead."""
        self.check_schedule()
        if self.closes_at <= now:
            raise state_error(_l('The close date has passed: change the schedule first.'))
        self._move(RoundState.announced)
        self.announced_dt = now

    def open(self, now: datetime, reason: str | None = None) -> None:
        """Start taking inputs now (announced → open).

        A round open for fewer than :data:`RECOMMENDED_DAYS` days is allowed with a reason,
        which is kept (:class:`ShortRound` without one).
        """
        if self.state != RoundState.announced:
            self._move(RoundState.open)  # refuses, saying from where to where
        if self.closes_at <= now:
            raise state_error(_l('The close date has passed: change the schedule first.'))
        days = self.days_open(now)
        reason = (reason or '').strip()
        if days < RECOMMENDED_DAYS and not reason:
            raise ShortRound(days)
        self._move(RoundState.open)
        self.opened_dt = now
        self.short_reason = reason if days < RECOMMENDED_DAYS else None

    def close(self, now: datetime) -> None:
        """Stop taking inputs (open → closed), early or once the close date has passed."""
        self._move(RoundState.closed)
        self.closed_dt = now

    def publish(self, now: datetime, *, unanswered: int) -> None:
        """Publish the responses (closed → published): refused while an input has none."""
        if self.state == RoundState.closed and unanswered:
            raise state_error(
                ngettext(
                    '%(num)d input still lacks a response: respond to every input before '
                    'publishing.',
                    '%(num)d inputs still lack a response: respond to every input before '
                    'publishing.',
                    unanswered,
                )
            )
        self._move(RoundState.published)
        self.published_dt = now
