"""National Action Plans and the OGP policy areas their commitments belong to."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.bilingual import BilingualMixin, BilingualNameMixin
from ..core.enums import LabelledEnum, enum_column
from ..core.refusals import state_error
from ..db import CreatedMixin
from ..extensions import db


class PolicyArea(BilingualNameMixin, db.Model):
    """One of OGP's policy areas (seed, table 2), with example lead agencies."""

    __tablename__ = 'policy_areas'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable identifier (``anti_corruption``).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    description_th: Mapped[str] = mapped_column(Text, default='')
    #: Example lead agencies in Thai, one per line (seed, table 2).
    lead_agencies_th: Mapped[str] = mapped_column(Text, default='')
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f'<PolicyArea {self.code}>'


class NapState(LabelledEnum):
    """Where a National Action Plan is in OGP's cycle."""

    planning = 'planning', _l('Planning')
    drafting = 'drafting', _l('Drafting')
    consultation = 'consultation', _l('Consultation')
    endorsed = 'endorsed', _l('Endorsed by the MSF')
    submitted_cabinet = 'submitted_cabinet', _l('Submitted to Cabinet')
    submitted_ogp = 'submitted_ogp', _l('Submitted to OGP')
    implementing = 'implementing', _l('Implementing')
    closed = 'closed', _l('Closed')


#: Each state and the states it may move to: forward one step; a draft may go back from
#: consultation to drafting when the consultation asks for changes.
NAP_TRANSITIONS = {
    NapState.planning: {NapState.drafting},
    NapState.drafting: {NapState.consultation},
    NapState.consultation: {NapState.endorsed, NapState.drafting},
    NapState.endorsed: {NapState.submitted_cabinet},
    NapState.submitted_cabinet: {NapState.submitted_ogp},
    NapState.submitted_ogp: {NapState.implementing},
    NapState.implementing: {NapState.closed},
    NapState.closed: set(),
}


def nap_period(start_year: int, length_years: int, end_month: int) -> tuple[date, date]:
    """Return the first and last day of a plan of ``length_years`` ending on 30 June or 31 Dec.

    A plan ending in June starts on 1 July of ``start_year``; one ending in December on 1 January.
    """
    if length_years not in (2, 4):
        raise ValueError('a plan runs 2 or 4 years')
    if end_month not in (6, 12):
        raise ValueError('a plan ends on 30 June or 31 December')
    start = date(start_year, 7, 1) if end_month == 6 else date(start_year, 1, 1)
    end = date(start.year + length_years, start.month, 1) - timedelta(days=1)
    return start, end


class Nap(BilingualMixin, CreatedMixin, db.Model):
    """A National Action Plan: numbered, bilingual, 2 or 4 years long."""

    __tablename__ = 'naps'
    __table_args__ = (
        CheckConstraint('length_years IN (2, 4)', name='length'),
        CheckConstraint('end_date > start_date', name='period'),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The country's plan number (1 for the first NAP).
    number: Mapped[int] = mapped_column(unique=True)
    title_th: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    length_years: Mapped[int]
    start_date: Mapped[date]
    end_date: Mapped[date]
    #: One of :class:`NapState`.
    state: Mapped[str] = enum_column(NapState, 'state', length=30, default=NapState.planning)
    #: The last commitment number handed out; numbers are never reused.
    last_commitment_number: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f'<Nap {self.number} {self.state}>'

    @property
    def title(self) -> str:
        """The title in the reader's language (falling back to the other)."""
        return self.text('title')

    @property
    def state_label(self) -> str:
        """The state, translated."""
        return NapState.label_of(self.state)

    @property
    def is_public(self) -> bool:
        """Everyone may read a plan once it is past planning."""
        return self.state != NapState.planning

    @property
    def next_states(self) -> list[NapState]:
        """The states this plan may move to now."""
        return sorted(NAP_TRANSITIONS[NapState(self.state)], key=list(NapState).index)

    def move_to(self, state: str) -> None:
        """Move to ``state``, or raise :class:`Refused` saying why not."""
        try:
            target = NapState(state)
        except ValueError:
            raise state_error(_l('Unknown state.')) from None
        if target not in NAP_TRANSITIONS[NapState(self.state)]:
            raise state_error(
                _l(
                    'A plan cannot move from "%(current)s" to "%(target)s".',
                    current=self.state_label,
                    target=target.label,
                )
            )
        self.state = target

    def contains(self, day: date | None) -> bool:
        """Return whether ``day`` lies inside the plan's period."""
        return day is not None and self.start_date <= day <= self.end_date
