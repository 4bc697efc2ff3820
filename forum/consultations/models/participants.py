"""Registration for consultation: sector, organisation, province, and consent to the notice."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import CreatedMixin, UTCDateTime
from ...extensions import db

if TYPE_CHECKING:
    from ...auth.models import User
    from ...sectors.models import Sector


class ConsultationParticipant(CreatedMixin, db.Model):
    """A registered person's details for consultation, and their consent to the data notice."""

    __tablename__ = 'consultation_participants'

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id', ondelete='CASCADE'), unique=True)
    #: The sector the person declares for their inputs.
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    #: The organisation they speak for, if any (as typed).
    organisation: Mapped[str] = mapped_column(String(255), default='')
    #: ISO 3166-2 code of their province (``TH-10``), if given.
    province: Mapped[str | None] = mapped_column(String(6))
    #: The version of the personal-data notice they agreed to (``notice.NOTICE_VERSION``).
    notice_version: Mapped[str] = mapped_column(String(20))
    #: When they agreed to it.
    consented_dt: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    sector: Mapped[Sector] = relationship(lazy='joined')

    def __repr__(self):
        return f'<ConsultationParticipant {self.id} user {self.user_id}>'
