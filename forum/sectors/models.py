"""Sectors of society and the organisations in them: who is who, below accounts and seats."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.bilingual import BilingualNameMixin
from ..db import CreatedMixin
from ..extensions import db


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
