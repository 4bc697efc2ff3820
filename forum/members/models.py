"""The forum's composition: sectors, organisations and MSF seats (memberships)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.bilingual import BilingualNameMixin
from ..core.enums import LabelledEnum, enum_column
from ..db import CreatedMixin
from ..extensions import db

if TYPE_CHECKING:
    from ..auth.models import User


class Sector(BilingualNameMixin, db.Model):
    """A part of society represented in the forum (government, civil society…)."""

    __tablename__ = 'sectors'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable identifier used in URLs, exports and the CLI (``civil_society``).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    #: Whether the sector counts as "government" when parity rules compare the two sides.
    is_government: Mapped[bool] = mapped_column(default=False)
    #: Display order.
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f'<Sector {self.code}>'


class Organisation(BilingualNameMixin, CreatedMixin, db.Model):
    """An agency, group, company or institution; each belongs to one sector."""

    __tablename__ = 'organisations'

    id: Mapped[int] = mapped_column(primary_key=True)
    name_th: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))

    sector: Mapped[Sector] = relationship(lazy='joined')

    def __repr__(self):
        return f'<Organisation {self.id} {self.name_en!r}>'


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
