"""The round's state machine, the 15-day rule, and the plan kept in step with its rounds."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from forum.consultations.models import ConsultationRound, RoundState, ShortRound
from forum.consultations.services.rounds import (
    announce_round,
    close_round,
    open_round,
    publish_round,
)
from forum.core.audit import AuditEntry
from forum.core.refusals import Refused
from forum.db import utcnow
from forum.naps.models import Nap
from tests.conftest import csrf_token
from tests.consultations.conftest import EN, a_day_within, get_round

#: A datetime-local input's value.
LOCAL = '%Y-%m-%dT%H:%M'


def _staff(db, secretariat):
    return db.session.merge(secretariat)


def test_a_round_moves_forward_one_step_at_a_time(db, make_round, secretariat):
    round_id = make_round('draft', days=30)
    round_ = get_round(db, round_id)
    actor = _staff(db, secretariat)
    now = round_.opens_at
    # Nothing but "announce" from a draft.
    for move in (open_round, close_round, publish_round):
        with pytest.raises(Refused) as refused:
            move(round_, actor=actor, now=now)
        assert refused.value.status == 409
    announce_round(round_, actor=actor, now=now - timedelta(hours=1))
    assert round_.state == RoundState.announced
    with force_locale('en'), pytest.raises(Refused, match='from "Announced" to "Closed"'):
        close_round(round_, actor=actor, now=now)
    open_round(round_, actor=actor, now=now)
    assert (round_.state, round_.opened_dt) == (RoundState.open, now)
    assert round_.is_accepting(now)
    assert not round_.is_accepting(round_.closes_at)
    with pytest.raises(Refused):
        announce_round(round_, actor=actor, now=now)
    close_round(round_, actor=actor, now=now + timedelta(days=3))
    assert round_.state == RoundState.closed
    assert round_.ended_at == now + timedelta(days=3)  # closed early
    assert not round_.is_accepting(now + timedelta(days=3))
    publish_round(round_, actor=actor, now=now + timedelta(days=4))
    assert round_.state == RoundState.published
    for move in (announce_round, open_round, close_round, publish_round):
        with pytest.raises(Refused):
            move(round_, actor=actor, now=now)
    db.session.commit()
    actions = db.session.scalars(
        select(AuditEntry.action)
        .filter_by(target_type='consultation_rounds', target_id=round_id)
        .order_by(AuditEntry.id)  # in the order written: without it PostgreSQL may return any
    ).all()
    assert actions == [
        'consultation_round.created', 'consultation_round.announced',
        'consultation_round.opened', 'consultation_round.closed', 'consultation_round.published',
    ]  # fmt: skip


def test_a_short_round_opens_only_with_a_reason_which_is_kept(db, make_round, secretariat):
    round_ = get_round(db, make_round('announced', days=10))
    actor = _staff(db, secretariat)
    with force_locale('en'), pytest.raises(ShortRound, match='open for 10.0 days; Thai practice'):
        open_round(round_, actor=actor, now=round_.opens_at)
    assert round_.state == RoundState.announced
    open_round(round_, actor=actor, now=round_.opens_at, reason='ต้องส่งคณะรัฐมนตรีก่อนสิ้นเดือน')
    assert round_.short_reason == 'ต้องส่งคณะรัฐมนตรีก่อนสิ้นเดือน'
    db.session.commit()
    entry = db.session.scalar(select(AuditEntry).filter_by(action='consultation_round.opened'))
    assert entry.data['short_reason'] == 'ต้องส่งคณะรัฐมนตรีก่อนสิ้นเดือน'
    assert entry.data['days'] == 10.0


def test_a_round_of_fifteen_days_needs_no_reason(db, make_round, secretariat):
    round_ = get_round(db, make_round('announced', days=15))
    open_round(round_, actor=_staff(db, secretariat), now=round_.opens_at, reason='ignored')
    assert round_.short_reason is None


def test_opening_late_counts_the_days_left(db, make_round, secretariat):
    round_ = get_round(db, make_round('announced', days=20))
    late = round_.opens_at + timedelta(days=6)  # 14 days left
    with pytest.raises(ShortRound):
        open_round(round_, actor=_staff(db, secretariat), now=late)
    with force_locale('en'), pytest.raises(Refused, match='close date has passed'):
        open_round(round_, actor=_staff(db, secretariat), now=round_.closes_at, reason='x')


def test_publishing_is_refused_while_an_input_lacks_a_response(db, make_round, secretariat):
    from forum.consultations.services.inputs import record_offline_input
    from forum.sectors.services import sector_by_code

    round_ = get_round(db, make_round('open'))
    actor = _staff(db, secretariat)
    record_offline_input(
        round_, actor=actor, about='', channel='meeting', received_on=a_day_within(round_),
        sector=sector_by_code('academia'), body='ข้อเสนอจากเวที',
    )  # fmt: skip
    close_round(round_, actor=actor)
    with force_locale('en'), pytest.raises(Refused, match='1 input still lacks a') as refused:
        publish_round(round_, actor=actor)
    assert refused.value.status == 409
    assert round_.state == RoundState.closed


def test_opening_moves_a_plan_in_drafting_to_consultation(db, make_round, nap_id):
    make_round('open')
    assert db.session.get(Nap, nap_id).state == 'consultation'


def test_the_plan_cannot_leave_consultation_while_a_round_takes_inputs(
    client, auth, db, make_round, nap_id
):
    round_id = make_round('open')
    auth.login('sec@example.org')
    response = client.post(
        f'/naps/{nap_id}/state', data={'state': 'endorsed', 'csrf_token': csrf_token(client)},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 409
    assert 'Consultation round C1 takes inputs until' in response.get_data(as_text=True)
    assert db.session.get(Nap, nap_id).state == 'consultation'
    # Closed, the plan may move on.
    round_ = get_round(db, round_id)
    close_round(round_, actor=None)
    db.session.commit()
    response = client.post(
        f'/naps/{nap_id}/state', data={'state': 'endorsed', 'csrf_token': csrf_token(client)}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Nap, nap_id).state == 'endorsed'


def test_a_round_needs_a_plan_in_drafting_or_consultation(db, make_round, nap_id, secretariat):
    round_ = get_round(db, make_round('announced'))
    nap = db.session.get(Nap, nap_id)
    nap.state = 'endorsed'
    with force_locale('en'), pytest.raises(Refused, match='runs on a plan in drafting or'):
        open_round(round_, actor=_staff(db, secretariat), now=round_.opens_at)


def test_the_secretariat_runs_a_round_through_the_pages(client, auth, db, nap_id, commitments):
    auth.login('sec@example.org')
    page = client.get(f'/consultations/new?nap={nap_id}', headers=EN)
    assert page.status_code == 200
    now = utcnow() + timedelta(hours=8)  # local time, well ahead
    opens, closes = now + timedelta(days=1), now + timedelta(days=11)
    form = {
        'csrf_token': csrf_token(client), 'title_th': 'รอบทดสอบ', 'title_en': 'Test round',
        'description_th': '', 'description_en': '', 'announce_on': now.date().isoformat(),
        'opens_at': opens.strftime(LOCAL), 'closes_at': closes.strftime(LOCAL),
        'channels': ['online', 'written'], 'scope': 'chosen', 'commitments': [str(commitments[0])],
    }  # fmt: skip
    response = client.post(f'/consultations/new?nap={nap_id}', data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    round_ = db.session.scalar(select(ConsultationRound))
    assert (round_.code, round_.state, round_.covers_all) == ('C1', 'draft', False)
    assert [c.id for c in round_.commitments] == [commitments[0]]
    assert round_.channels == ['online', 'written']
    # The form's local times (Asia/Bangkok) are stored in UTC.
    assert round_.opens_at.strftime('%H:%M') == (opens - timedelta(hours=7)).strftime('%H:%M')
    # A draft is the secretariat's only.
    auth.logout()
    assert client.get(f'/consultations/{round_.id}').status_code == 404
    auth.login('sec@example.org')
    token = csrf_token(client)
    assert (
        client.post(f'/consultations/{round_.id}/announce', data={'csrf_token': token}).status_code
        == 302
    )
    # Ten days: opening now needs a reason.
    response = client.post(
        f'/consultations/{round_.id}/open', data={'csrf_token': token}, headers=EN
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'Thai practice advises at least 15' in html
    assert get_round(db, round_.id).state == 'announced'
    response = client.post(
        f'/consultations/{round_.id}/open', data={'csrf_token': token, 'reason': 'เร่งด่วน'}
    )
    assert response.status_code == 302
    round_ = get_round(db, round_.id)
    assert (round_.state, round_.short_reason) == ('open', 'เร่งด่วน')
    # An opened round keeps its schedule.
    form['csrf_token'] = token
    response = client.post(f'/consultations/{round_.id}/edit', data=form, headers=EN)
    assert response.status_code == 409
    assert 'keeps its schedule and scope' in response.get_data(as_text=True)


def test_a_schedule_that_runs_backwards_is_refused(client, auth, db, nap_id, commitments):
    auth.login('sec@example.org')
    now = utcnow()
    form = {
        'csrf_token': csrf_token(client), 'title_th': 'รอบ', 'title_en': '',
        'announce_on': now.date().isoformat(), 'opens_at': '2030-01-10T09:00',
        'closes_at': '2030-01-01T09:00', 'channels': ['online'], 'scope': 'all',
    }  # fmt: skip
    response = client.post(f'/consultations/new?nap={nap_id}', data=form, headers=EN)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'The round must close after it opens.' in page
    # The reason stands by the close date (the summary links there), not by the title.
    assert re.search(r'<a href="#closes_at">[^<]*</a>: The round must close after it opens.', page)
    assert 'href="#title_th"' not in page
    assert db.session.scalar(select(ConsultationRound.id)) is None
    form.update(closes_at='2030-02-01T09:00', channels=[])
    response = client.post(f'/consultations/new?nap={nap_id}', data=form, headers=EN)
    assert response.status_code == 400
    assert 'Choose at least one channel.' in response.get_data(as_text=True)
