"""The arithmetic of a balanced decision: quorum per sector, and the double majority.

Plain data in, plain data out, so that every edge case (ties, a sector with no seats, everyone
abstaining) is tested without a database.

- **Quorum**: in every sector that holds seats, at least ``share`` of its seated members took
  part (answered anything, abstaining included). A forum with no seats has no quorum.
- **Consensus**: with a quorum, the decision passes unless someone objects.
- **Vote**: with a quorum, it passes only when approvals outnumber objections among the
  government votes *and* among the non-government votes (abstentions count for the quorum, not
  for the majority). A tie is no majority; a side with no votes has no majority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from flask_babel import lazy_gettext as _l

#: Why a decision passed or failed (stored in ``Decision.outcome``), with its words.
OUTCOMES = {
    'passed': _l('Passed: quorum met and the required agreement reached.'),
    'no_quorum': _l('Failed: no quorum in every sector.'),
    'objection': _l('Failed: a member objected.'),
    'no_government_majority': _l('Failed: no majority among government members.'),
    'no_other_majority': _l('Failed: no majority among non-government members.'),
    'subject_moved': _l('Not endorsed: what was decided had left review when the decision closed.'),
}


@dataclass(frozen=True)
class Ballot:
    """One counted answer: the voter's sector and side at the time, and the choice."""

    sector_id: int
    is_government: bool
    choice: str


@dataclass(frozen=True)
class Count:
    """Answers of a group (a sector, or one side)."""

    approve: int = 0
    object: int = 0
    abstain: int = 0

    @property
    def took_part(self) -> int:
        """Everyone who answered, abstentions included."""
        return self.approve + self.object + self.abstain

    @property
    def majority(self) -> bool:
        """Approvals outnumber objections (a tie, or no votes, is no majority)."""
        return self.approve > self.object

    def plus(self, choice: str) -> Count:
        """This count with one more ``choice``."""
        return Count(
            self.approve + (choice == 'approve'),
            self.object + (choice == 'object'),
            self.abstain + (choice == 'abstain'),
        )


@dataclass(frozen=True)
class SectorResult:
    """One sector: its seated members, their answers, and whether it reached its quorum."""

    sector_id: int
    is_government: bool
    seated: int
    count: Count
    needed: int

    @property
    def quorate(self) -> bool:
        """At least ``needed`` took part (a sector with no seats needs nobody)."""
        return self.count.took_part >= self.needed


@dataclass(frozen=True)
class Result:
    """The whole decision: per sector, per side, and the outcome (a key of :data:`OUTCOMES`)."""

    sectors: list[SectorResult]
    government: Count
    others: Count
    quorum_met: bool
    outcome: str

    @property
    def passed(self) -> bool:
        """Whether the decision passes."""
        return self.outcome == 'passed'

    @property
    def outcome_label(self):
        """Why it passed or failed, in the reader's language."""
        return OUTCOMES[self.outcome]


def needed(share: Fraction, seated: int) -> int:
    """The fewest members of ``seated`` that make ``share`` of them (rounded up)."""
    product = share * seated
    return -((-product.numerator) // product.denominator)


def tally(
    mode: str,
    share: Fraction,
    seated: dict[int, tuple[bool, int]],
    ballots: Iterable[Ballot],
) -> Result:
    """Count ``ballots`` against the seats (sector id -> (is government, seated members))."""
    per_sector: dict[int, Count] = {}
    sides = {True: Count(), False: Count()}
    sector_side = {sector_id: is_gov for sector_id, (is_gov, _n) in seated.items()}
    for ballot in ballots:
        per_sector[ballot.sector_id] = per_sector.get(ballot.sector_id, Count()).plus(ballot.choice)
        sides[ballot.is_government] = sides[ballot.is_government].plus(ballot.choice)
        sector_side.setdefault(ballot.sector_id, ballot.is_government)
    rows = [
        SectorResult(
            sector_id,
            sector_side[sector_id],
            seated.get(sector_id, (False, 0))[1],
            per_sector.get(sector_id, Count()),
            needed(share, seated.get(sector_id, (False, 0))[1]),
        )
        for sector_id in sorted(sector_side)
    ]
    anyone_seated = any(n > 0 for _g, n in seated.values())
    quorum_met = anyone_seated and all(row.quorate for row in rows)
    if not quorum_met:
        outcome = 'no_quorum'
    elif mode == 'consensus':
        outcome = 'objection' if sides[True].object + sides[False].object else 'passed'
    elif not sides[True].majority:
        outcome = 'no_government_majority'
    elif not sides[False].majority:
        outcome = 'no_other_majority'
    else:
        outcome = 'passed'
    return Result(rows, sides[True], sides[False], quorum_met, outcome)
