"""Who speaks, by sector: seats, comments, consultation inputs and votes, counted for the panel.

Overall (the plans that are public), for one plan, or for one commitment. Staff acting as the
secretariat are counted as "secretariat", apart from the sectors: a comment by an account whose
role is secretariat or admin, an input the secretariat recorded as its own. Seats are the forum's
(chairs, co-chairs, members held today) whatever the view; votes count as their seat's sector at
the time of the vote, alternates in place of their member included.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..auth.models import User
from ..comments.models import Comment
from ..commitments.models import Commitment
from ..consultations.models import ConsultationInput, ConsultationRound, InputStatus, RoundState
from ..core.i18n import local_today
from ..core.permissions import SECRETARIAT, STAFF
from ..decisions.models import Decision, Vote
from ..extensions import db
from ..members.composition import COUNTED_ROLES, seat_facts
from ..naps.models import Nap, NapState
from ..sectors.models import Sector
from ..sectors.services import list_sectors


@dataclass(frozen=True)
class Row:
    """One bar: a sector (or the secretariat) and its count."""

    code: str
    label: str
    count: int
    is_government: bool = False


@dataclass(frozen=True)
class Chart:
    """One measure by sector: its title, what it counts, and the rows (zero included)."""

    key: str
    title: str
    description: str
    rows: list[Row]

    @property
    def total(self) -> int:
        """Everything counted."""
        return sum(r.count for r in self.rows)

    @property
    def largest(self) -> int:
        """The longest bar (at least 1, so that bars scale)."""
        return max([r.count for r in self.rows] + [1])

    @property
    def sides(self) -> tuple[int, int]:
        """Government and non-government counts (the secretariat apart from both)."""
        government = sum(r.count for r in self.rows if r.is_government)
        others = sum(r.count for r in self.rows if not r.is_government and r.code != SECRETARIAT)
        return government, others

    def share(self, row: Row) -> int:
        """``row``'s share of the total, in whole per cent."""
        return round(100 * row.count / self.total) if self.total else 0


#: The measures, in order: key, title, what is counted.
MEASURES = (
    ('seats', _l('Seats'), _l('Chairs, co-chairs and members holding a seat today.')),
    ('comments', _l('Comments'), _l('Comments in the discussions (deleted ones not counted).')),
    (
        'inputs',
        _l('Consultation inputs'),
        _l('Inputs to consultation rounds (withdrawn not counted).'),
    ),
    ('votes', _l('Votes in decisions'), _l("Counted answers to the forum's decisions.")),
)


def _rows(sectors: list[Sector], counts: dict[str, int], *, secretariat: bool) -> list[Row]:
    rows = [Row(s.code, s.name, counts.get(s.code, 0), s.is_government) for s in sectors]
    if secretariat:
        rows.append(Row(SECRETARIAT, _('Secretariat'), counts.get(SECRETARIAT, 0)))
    return rows


def _seats(sectors: list[Sector]) -> dict[str, int]:
    codes = {s.id: s.code for s in sectors}
    counts: dict[str, int] = {}
    for fact in seat_facts(local_today()):
        if fact.seat_role in COUNTED_ROLES:
            code = codes[fact.sector_id]
            counts[code] = counts.get(code, 0) + 1
    return counts


def _comments(nap: Nap | None, commitment: Commitment | None) -> dict[str, int]:
    query = (
        select(Sector.code, User.role, func.count(Comment.id))
        .join(Sector, Sector.id == Comment.sector_id)
        .join(User, User.id == Comment.author_id)
        .join(Commitment, Commitment.id == Comment.commitment_id)
        .join(Nap, Nap.id == Commitment.nap_id)
        .where(Comment.is_deleted.is_(False), Nap.state != NapState.planning)
        .group_by(Sector.code, User.role)
    )
    if commitment is not None:
        query = query.where(Comment.commitment_id == commitment.id)
    elif nap is not None:
        query = query.where(Commitment.nap_id == nap.id)
    counts: dict[str, int] = {}
    for code, role, n in db.session.execute(query):
        key = SECRETARIAT if role in STAFF else code
        counts[key] = counts.get(key, 0) + n
    return counts


def _inputs(nap: Nap | None, commitment: Commitment | None) -> dict[str, int]:
    query = (
        select(Sector.code, ConsultationInput.is_secretariat, func.count(ConsultationInput.id))
        .join(Sector, Sector.id == ConsultationInput.sector_id)
        .join(ConsultationRound, ConsultationRound.id == ConsultationInput.round_id)
        .join(Nap, Nap.id == ConsultationRound.nap_id)
        .where(
            ConsultationInput.status != InputStatus.withdrawn,
            ConsultationRound.state != RoundState.draft,
            Nap.state != NapState.planning,
        )
        .group_by(Sector.code, ConsultationInput.is_secretariat)
    )
    if commitment is not None:
        query = query.where(ConsultationInput.commitment_id == commitment.id)
    elif nap is not None:
        query = query.where(ConsultationRound.nap_id == nap.id)
    counts: dict[str, int] = {}
    for code, is_secretariat, n in db.session.execute(query):
        key = SECRETARIAT if is_secretariat else code
        counts[key] = counts.get(key, 0) + n
    return counts


def _votes(nap: Nap | None, commitment: Commitment | None) -> dict[str, int]:
    query = (
        select(Sector.code, func.count(Vote.id))
        .join(Sector, Sector.id == Vote.sector_id)
        .join(Decision, Decision.id == Vote.decision_id)
        .join(Nap, Nap.id == Decision.nap_id)
        .where(Vote.is_counted.is_(True), Nap.state != NapState.planning)
        .group_by(Sector.code)
    )
    if commitment is not None:
        query = query.where(Decision.commitment_id == commitment.id)
    elif nap is not None:
        query = query.where(Decision.nap_id == nap.id)
    return dict(db.session.execute(query).all())


def balance_charts(*, nap: Nap | None = None, commitment: Commitment | None = None) -> list[Chart]:
    """The four measures by sector, for the forum, one plan or one commitment."""
    sectors = list_sectors()
    counts = {
        'seats': _seats(sectors),
        'comments': _comments(nap, commitment),
        'inputs': _inputs(nap, commitment),
        'votes': _votes(nap, commitment),
    }
    return [
        Chart(
            key,
            str(title),
            str(description),
            _rows(sectors, counts[key], secretariat=key in ('comments', 'inputs')),
        )
        for key, title, description in MEASURES
    ]
