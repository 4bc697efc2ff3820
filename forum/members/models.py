"""The forum's composition: MSF seats (memberships), each for a sector and an organisation."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.enums import LabelledEnum, enum_column
from ..db import CreatedMixin
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
