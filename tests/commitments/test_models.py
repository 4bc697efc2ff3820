from datetime import date

import pytest

from forum.commitments.models import Commitment, CommitmentState
from forum.core.refusals import Refused
from forum.naps.models import Nap, NapState, nap_period


@pytest.mark.parametrize(
    ('start_year', 'length', 'end_month', 'expected'),
    [
        (2026, 2, 6, (date(2026, 7, 1), date(2028, 6, 30))),
        (2026, 4, 6, (date(2026, 7, 1), date(2030, 6, 30))),
        (2027, 2, 12, (date(2027, 1, 1), date(2028, 12, 31))),
    ],
)
def test_plan_period_follows_length_and_end_month(start_year, length, end_month, expected):
    assert nap_period(start_year, length, end_month) == expected


def test_plan_length_and_end_are_checked():
    with pytest.raises(ValueError, match='2 or 4'):
        nap_period(2026, 3, 6)
    with pytest.raises(ValueError, match='June or 31 December'):
        nap_period(2026, 2, 9)


def test_plan_moves_forward_one_step_and_refuses_jumps(app):
    nap = Nap(state=NapState.planning)
    nap.move_to('drafting')
    assert nap.state == 'drafting'
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        with pytest.raises(Refused) as exc:
            nap.move_to('implementing')
        assert str(exc.value.message) == 'A plan cannot move from "Drafting" to "Implementing".'
    nap.move_to('consultation')
    nap.move_to('drafting')  # back for changes after consultation
    assert nap.next_states == [NapState.consultation]


def test_commitment_cannot_enter_review_with_a_failing_checklist(app):
    commitment = Commitment(state=CommitmentState.draft)
    with app.test_request_context(headers={'Accept-Language': 'th'}):
        with pytest.raises(Refused) as exc:
            commitment.move_to('msf_review', checklist_ok=False)
        assert 'รายการตรวจสอบ' in str(exc.value.message)
    commitment.move_to('msf_review', checklist_ok=True)
    assert commitment.state == 'msf_review'


def test_commitment_states_and_withdrawal(app):
    commitment = Commitment(state=CommitmentState.draft)
    with app.test_request_context():
        with pytest.raises(Refused):
            commitment.move_to('final', checklist_ok=True)
        with pytest.raises(Refused):
            commitment.move_to('withdrawn', checklist_ok=True)
        with pytest.raises(Refused):
            commitment.withdraw('   ')
    commitment.withdraw('Merged into TH0002')
    assert commitment.state == 'withdrawn'
    assert commitment.withdrawn_reason == 'Merged into TH0002'
    assert not commitment.is_editable
