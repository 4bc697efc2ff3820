"""The forum's composition: MSF seats (memberships), each for a sector and an organisation."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.enums import LabelledEnum, enum_column
from ..db import CreatedMixin, UTCDateTime, utcnow
from ..extensions import db
from ..sectors.models import Organisation, Sector

if TYPE_CHECKING:
    from ..auth.models import User


class SeatRole(LabelledEnum):
    """The role a seat carries in the MSF."""

    chair = 'chair', _l('Chair')
    co_chair = 'co_chair', _l('Co-chair')
    member = 'member', _l('Member')
    alternate = 'alternate', _l('Alternate')
    observer = 'observer', _l('Observer')


class Membership(CreatedMixin, db.Model):
    """A seat: a person sits in the forum for a sector and an organisation, for a term."""

    __tablename__ = 'memberships'
    __table_args__ = (
        CheckConstraint('term_end IS NULL OR term_end >= term_start', name='term_order'),
        UniqueConstraint('user_id', 'term_start', name='uq_memberships_user_term'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: No index of its own: the unique constraint (user_id, term_start) starts with it.
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    #: The sector the seat represents (decided by the secretariat, not self-declared).
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id'))
    #: One of :class:`SeatRole`.
    seat_role: Mapped[str] = enum_column(SeatRole, 'seat_role', default=SeatRole.member)
    term_start: Mapped[date]
    #: Open-ended when empty.
    term_end: Mapped[date | None]

    user: Mapped[User] = relationship(back_populates='memberships', lazy='joined')
    sector: Mapped[Sector] = relationship(lazy='joined')
    organisation: Mapped[Organisation | None] = relationship(lazy='joined')

    def __repr__(self):
        return f'<Membership {self.id} user={self.user_id} {self.seat_role}>'

    @property
    def seat_role_label(self) -> str:
        """The seat's role, translated."""
        return SeatRole.label_of(self.seat_role)

    def is_current(self, on: date) -> bool:
        """Return whether the seat is held on ``on``."""
        return self.term_start <= on and (self.term_end is None or on <= self.term_end)


class CompositionRules(db.Model):
    """The forum's composition rules, set by the secretariat (one row; none until first saved).

    Until the rules are saved nothing is enforced; the form proposes the default, parity with
    co-chairs from both sides.
    """

    __tablename__ = 'composition_rules'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Government seats may not outnumber non-government seats.
    parity: Mapped[bool] = mapped_column(default=True)
    #: The co-chairs come from both sides: one government, one non-government.
    co_chairs_both_sides: Mapped[bool] = mapped_column(default=True)
    #: At most this many counted seats in all (empty: no limit).
    max_seats_total: Mapped[int | None]
    #: When the forum went out of balance (UTC), as noticed by a change; empty when balanced.
    out_of_balance_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The secretariat's public justification while the forum is out of balance.
    justification: Mapped[str] = mapped_column(Text, default='')
    #: When the rules were last saved (UTC).
    modified_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    quotas: Mapped[list[SectorQuota]] = relationship(
        back_populates='rules', cascade='all, delete-orphan', lazy='selectin'
    )

    def __repr__(self):
        return f'<CompositionRules parity={self.parity} co_chairs={self.co_chairs_both_sides}>'


class SectorQuota(db.Model):
    """Seats per sector: a minimum and an optional maximum."""

    __tablename__ = 'sector_quotas'
    __table_args__ = (
        CheckConstraint('min_seats >= 0', name='min_seats'),
        CheckConstraint('max_seats IS NULL OR max_seats >= 0', name='max_seats'),
        UniqueConstraint('rules_id', 'sector_id', name='uq_sector_quotas_rules_sector'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rules_id: Mapped[int] = mapped_column(ForeignKey('composition_rules.id'))
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    min_seats: Mapped[int] = mapped_column(default=0)
    #: Empty: no maximum.
    max_seats: Mapped[int | None]

    rules: Mapped[CompositionRules] = relationship(back_populates='quotas')
    sector: Mapped[Sector] = relationship(lazy='joined')

    def __repr__(self):
        return f'<SectorQuota {self.sector_id} {self.min_seats}..{self.max_seats}>'
