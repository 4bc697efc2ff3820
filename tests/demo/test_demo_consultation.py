"""``flask forum demo`` also runs a consultation round to its published results."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from forum.consultations.models import ConsultationInput, ConsultationRound, ConsultationTheme
from forum.consultations.results import round_results
from forum.naps.models import Nap


@pytest.fixture
def demo(runner, db):
    """Run ``flask forum demo`` once; return its output."""
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    return result.output


def test_one_closed_round_with_published_responses(db, demo):
    assert 'Demo consultation (closed, responses published): 1 round(s), 44 inputs' in demo
    (round_,) = db.session.scalars(select(ConsultationRound)).all()
    assert round_.state == 'published'
    assert round_.closes_at <= round_.published_dt
    assert round_.nap.number == 1
    # The plan went back to drafting to carry the changes.
    assert db.session.scalar(select(Nap.state).filter_by(number=1)) == 'drafting'


def test_forty_inputs_or_more_across_sectors_and_channels_with_every_disposition(db, demo):
    round_ = db.session.scalar(select(ConsultationRound))
    data = round_results(round_)
    inputs = data['inputs']
    assert len(inputs) >= 40
    channels = Counter(i['channel'] for i in inputs)
    assert set(channels) == {'online', 'meeting', 'written'}
    assert channels['meeting'] + channels['written'] >= 10  # offline
    sectors = {'government', 'civil_society', 'private_sector', 'academia', 'other', 'secretariat'}
    assert {i['counted_as'] for i in inputs} >= sectors
    dispositions = {i['response']['disposition'] for i in inputs if i['response']}
    assert dispositions == {'adopted', 'partly_adopted', 'not_adopted', 'already_covered',
                            'out_of_scope', 'deferred'}  # fmt: skip
    assert all(i['response'] for i in inputs if i['status'] == 'active')
    assert {i['status'] for i in inputs} == {'active', 'withdrawn', 'hidden'}
    assert any(i['response']['revisions'] for i in inputs if i['response'])
    assert any(i['duplicate_of'] for i in inputs)
    assert db.session.scalar(select(func.count(ConsultationTheme.id))) >= 6
    assert data['participation']['respondents'] >= 25
    provinces = {row['code'] for row in data['participation']['by_province']}
    assert len(provinces) >= 8


def test_the_demo_round_is_loaded_once(runner, db, demo):
    before = db.session.scalar(select(func.count(ConsultationInput.id)))
    result = runner.invoke(args=['forum', 'demo'])
    assert '0 round(s), 0 inputs created' in result.output
    assert db.session.scalar(select(func.count(ConsultationInput.id))) == before
