"""The quorum and double-majority arithmetic, case by case (no database)."""

from fractions import Fraction

import pytest

from forum.decisions.tally import Ballot, Count, needed, tally

GOV, CSO, ACA = 1, 2, 3
THIRD = Fraction(1, 3)


def ballots(**by_sector):
    """``gov='aao'`` -> two approvals and an objection from government (a=approve, o, x=abstain)."""
    ids = {'gov': GOV, 'cso': CSO, 'aca': ACA}
    choice = {'a': 'approve', 'o': 'object', 'x': 'abstain'}
    return [
        Ballot(ids[s], ids[s] == GOV, choice[c])
        for s, letters in by_sector.items()
        for c in letters
    ]


def seated(gov=3, cso=3, aca=0):
    return {GOV: (True, gov), CSO: (False, cso), ACA: (False, aca)}


@pytest.mark.parametrize(
    ('share', 'seats', 'expected'),
    [
        (THIRD, 3, 1),
        (THIRD, 4, 2),  # 4/3 rounds up
        (THIRD, 0, 0),
        (Fraction(1, 2), 5, 3),
        (Fraction(2, 3), 6, 4),
        (Fraction(1, 1), 7, 7),
    ],
)
def test_needed_rounds_up(share, seats, expected):
    assert needed(share, seats) == expected


@pytest.mark.parametrize(
    ('seats', 'cast', 'quorum_met'),
    [
        (seated(3, 3), ballots(gov='a', cso='a'), True),  # one in three each
        (seated(3, 3), ballots(gov='aa'), False),  # civil society absent
        (seated(4, 3), ballots(gov='a', cso='a'), False),  # 1 of 4 is below a third
        (seated(4, 3), ballots(gov='ax', cso='a'), True),  # abstaining is taking part
        (seated(3, 3, aca=0), ballots(gov='a', cso='a'), True),  # no seats, no quorum needed
        (seated(0, 0, 0), [], False),  # nobody seated: no quorum at all
        (seated(3, 3, aca=2), ballots(gov='a', cso='a'), False),  # academia must take part too
    ],
)
def test_quorum_is_per_sector(seats, cast, quorum_met):
    result = tally('vote', THIRD, seats, cast)
    assert result.quorum_met is quorum_met
    if not quorum_met:
        assert result.outcome == 'no_quorum'
        assert not result.passed


@pytest.mark.parametrize(
    ('cast', 'outcome'),
    [
        (ballots(gov='aa', cso='aa'), 'passed'),
        (ballots(gov='ao', cso='aa'), 'no_government_majority'),  # a tie is no majority
        (ballots(gov='aa', cso='ao'), 'no_other_majority'),
        (ballots(gov='aax', cso='aoo'), 'no_other_majority'),
        (ballots(gov='axx', cso='axx'), 'passed'),  # abstentions do not count against
        (ballots(gov='xxx', cso='aaa'), 'no_government_majority'),  # all abstain: no majority
        (ballots(gov='aaa', cso='ooo'), 'no_other_majority'),  # one side cannot carry it
        # Non-government is one side: civil society's objections outweigh academia's approval.
        (ballots(gov='a', cso='oo', aca='a'), 'no_other_majority'),
        (ballots(gov='a', cso='ao', aca='a'), 'passed'),
    ],
)
def test_vote_needs_a_double_majority(cast, outcome):
    academics = int(any(b.sector_id == ACA for b in cast))
    result = tally('vote', THIRD, seated(3, 3, aca=academics), cast)
    assert result.outcome == outcome
    assert result.passed is (outcome == 'passed')


def test_a_side_with_no_members_cannot_agree():
    result = tally('vote', THIRD, seated(0, 3), ballots(cso='aaa'))
    assert result.quorum_met
    assert result.outcome == 'no_government_majority'


@pytest.mark.parametrize(
    ('cast', 'outcome'),
    [
        (ballots(gov='a', cso='a'), 'passed'),
        (ballots(gov='aa', cso='ao'), 'objection'),  # one objection is enough
        (ballots(gov='a'), 'no_quorum'),
    ],
)
def test_consensus_passes_unless_someone_objects(cast, outcome):
    assert tally('consensus', THIRD, seated(3, 3), cast).outcome == outcome


def test_results_are_given_by_sector_and_side():
    result = tally('vote', THIRD, seated(3, 3, aca=1), ballots(gov='aox', cso='aa', aca='o'))
    by_sector = {row.sector_id: row for row in result.sectors}
    assert by_sector[GOV].count == Count(1, 1, 1)
    assert by_sector[CSO].count == Count(2, 0, 0)
    assert by_sector[ACA].count == Count(0, 1, 0)
    assert (by_sector[ACA].seated, by_sector[ACA].needed) == (1, 1)
    assert result.government == Count(1, 1, 1)
    assert result.others == Count(2, 1, 0)
