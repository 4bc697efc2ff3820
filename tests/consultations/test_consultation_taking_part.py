"""Who may take part, and how: registering, submitting, the tracking number, withdrawing."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from forum.comments.models import Comment
from forum.consultations.models import ConsultationInput, ConsultationParticipant
from forum.consultations.notice import NOTICE_VERSION
from forum.consultations.services.rounds import close_round
from forum.db import utcnow
from tests.conftest import csrf_token
from tests.consultations.conftest import EN, TH, get_round


def _count(db) -> int:
    return db.session.scalar(select(func.count(ConsultationInput.id)))


def _send(client, round_id, **fields):
    path = f'/consultations/{round_id}/inputs/new'
    data = {'csrf_token': csrf_token(client), 'client_id': str(uuid.uuid4()), 'about': '',
            'body': 'ข้อคิดเห็น'} | fields  # fmt: skip
    return client.post(path, data=data, headers=EN)


def test_a_registered_person_without_a_seat_comments_only_while_a_round_is_open(
    client, auth, db, make_round, commitments, create_user_
):
    create_user_(email='p@example.org')
    auth.login('p@example.org')
    page = client.get(f'/commitments/{commitments[0]}', headers=EN).get_data(as_text=True)
    assert 'id="comment-form"' not in page
    assert 'other registered participants may comment while a consultation on it is open' in page
    round_id = make_round('open', only=[commitments[0]])
    page = client.get(f'/commitments/{commitments[0]}', headers=EN).get_data(as_text=True)
    assert 'id="comment-form"' in page
    assert 'Consultation round C1 is open on this commitment' in page
    data = {'csrf_token': csrf_token(client), 'client_id': str(uuid.uuid4()), 'body': 'เห็นด้วย'}
    assert client.post(f'/commitments/{commitments[0]}/comments', data=data).status_code == 302
    # The other commitment is not in the round.
    page = client.get(f'/commitments/{commitments[1]}', headers=EN).get_data(as_text=True)
    assert 'id="comment-form"' not in page
    assert 'No consultation round takes inputs on this commitment now' in page
    data['client_id'] = str(uuid.uuid4())
    assert client.post(f'/commitments/{commitments[1]}/comments', data=data).status_code == 403
    # Closed: no more comments from people without a seat.
    close_round(get_round(db, round_id), actor=None)
    db.session.commit()
    data['client_id'] = str(uuid.uuid4())
    assert client.post(f'/commitments/{commitments[0]}/comments', data=data).status_code == 403
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_over_the_socket_too_a_person_without_a_seat_comments_only_while_a_round_is_open(
    client, auth, db, make_round, commitments, create_user_, socket_client
):
    create_user_(email='p@example.org')
    auth.login('p@example.org')
    sock = socket_client(client, logged_in=True)

    def post(commitment_id):
        payload = {'commitment_id': commitment_id, 'body': 'เห็นด้วย', 'client_id': str(uuid.uuid4())}
        return sock.emit('post_comment', payload, callback=True)

    refused = post(commitments[0])
    assert refused['ok'] is False
    assert refused['error']
    round_id = make_round('open', only=[commitments[0]])
    assert post(commitments[0])['ok'] is True
    assert post(commitments[1])['ok'] is False  # not in the round
    close_round(get_round(db, round_id), actor=None)
    db.session.commit()
    after = post(commitments[0])
    assert after['ok'] is False
    assert after['error']
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_the_plan_page_says_truthfully_who_may_take_part_and_until_when(
    client, db, make_round, nap_id
):
    from forum.naps.models import Nap

    # In consultation without a round that takes inputs: said so.
    db.session.get(Nap, nap_id).state = 'consultation'
    db.session.commit()
    page = client.get(f'/naps/{nap_id}', headers=EN).get_data(as_text=True)
    assert 'no consultation round takes inputs now: only MSF members and the secretariat' in page
    round_ = get_round(db, make_round('open'))
    page = client.get(f'/naps/{nap_id}', headers=TH).get_data(as_text=True)
    closes = round_.closes_at + timedelta(hours=7)
    be_year = closes.year + 543
    notice = re.search(r'<p data-round="C1" data-open="true">(.*?)</p>', page, re.S).group(1)
    assert str(be_year) in notice  # the Buddhist-Era year, in Thai
    assert str(closes.year) not in notice.replace(str(be_year), '')
    assert f'{closes:%H:%M}' in notice
    assert 'ไม่มีรอบการรับฟังความคิดเห็น' not in page


def test_an_announced_round_says_when_it_opens_and_takes_nothing_yet(
    client, auth, citizen, make_round
):
    round_id = make_round('announced')
    auth.login('citizen@example.org')
    page = client.get(f'/consultations/{round_id}', headers=EN).get_data(as_text=True)
    assert 'Announced: it opens on' in page
    assert 'Submit an input' not in page
    response = client.get(f'/consultations/{round_id}/inputs/new', headers=EN)
    assert response.status_code == 409
    assert 'This consultation round is not open yet: it opens on' in response.get_data(as_text=True)


def test_registering_for_consultation_needs_consent_and_records_its_version(
    client, auth, db, make_round, create_user_
):
    round_id = make_round('open')
    create_user_(email='p@example.org', sector='academia')
    auth.login('p@example.org')
    response = client.get(f'/consultations/{round_id}/inputs/new')
    assert response.status_code == 302
    assert '/consultations/join?next=' in response.location
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert 'What is never published' in page
    assert '<option selected value="academia">' in page
    form = {'csrf_token': csrf_token(client), 'sector': 'academia', 'organisation': '',
            'province': 'TH-40'}  # fmt: skip
    response = client.post(response.location, data=form, headers=EN)
    assert response.status_code == 400
    assert 'Agree to the personal-data notice to take part.' in response.get_data(as_text=True)
    assert db.session.scalar(select(ConsultationParticipant)) is None
    form['province'] = 'TH-99'
    form['consent'] = 'y'
    assert client.post('/consultations/join', data=form).status_code == 400
    form['province'] = 'TH-40'
    response = client.post(f'/consultations/join?next=/consultations/{round_id}/inputs/new',
                           data=form)  # fmt: skip
    assert response.status_code == 302
    assert response.location.endswith(f'/consultations/{round_id}/inputs/new')
    participant = db.session.scalar(select(ConsultationParticipant))
    assert (participant.province, participant.notice_version) == ('TH-40', NOTICE_VERSION)
    assert participant.consented_dt > utcnow() - timedelta(minutes=5)
    # An offsite "next" goes nowhere.
    form['csrf_token'] = csrf_token(client)
    response = client.post('/consultations/join?next=//evil.example/', data=form)
    assert 'evil' not in response.location


def test_a_participant_submits_and_gets_a_tracking_number(
    client, auth, db, citizen, make_round, commitments
):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    form = client.get(f'/consultations/{round_id}/inputs/new?about=c{commitments[0]}:problem',
                      headers=EN).get_data(as_text=True)  # fmt: skip
    assert f'<option selected value="c{commitments[0]}:problem">' in form
    assert '<optgroup label="TH0001' in form
    response = _send(client, round_id, about=f'c{commitments[0]}:problem',
                     body='ขอให้เพิ่มข้อมูลฐาน', publish_name='y')  # fmt: skip
    assert response.status_code == 302
    item = db.session.scalar(select(ConsultationInput))
    assert item.tracking_number == 'C1-000001'
    assert (item.anchor, item.publish_name, item.channel) == ('problem', True, 'online')
    assert (item.sector.code, item.province, item.is_secretariat) == (
        'civil_society',
        'TH-50',
        False,
    )
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert '<strong class="tracking" id="tracking-number">C1-000001</strong>' in page
    assert 'cannot be edited after it is sent' in page
    second = _send(client, round_id, body='อีกหนึ่งข้อ')
    assert second.status_code == 302
    numbers = db.session.scalars(select(ConsultationInput.seq).order_by(ConsultationInput.id))
    assert list(numbers) == [1, 2]
    # Nobody else sees an input before publication.
    auth.logout()
    assert client.get(response.location).status_code == 404


def test_a_form_sent_twice_gives_one_input(client, auth, db, citizen, make_round):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    client_id = str(uuid.uuid4())
    for _ in range(2):
        assert _send(client, round_id, client_id=client_id).status_code == 302
    assert _count(db) == 1


def test_bad_inputs_are_refused_with_the_reason_and_nothing_saved(
    client, auth, db, citizen, make_round, make_commitment
):
    round_id = make_round('open', only=None)
    outside = make_commitment(milestones=0)  # made after the round: covered (all)
    auth.login('citizen@example.org')
    cases = [
        ({'body': '   \u200b '}, 'Write the input first: it is empty.'),
        ({'body': 'ก' * 10_001}, 'At most 10,000 characters.'),
        ({'about': 'c999999'}, 'This commitment is not part of this consultation round.'),
        ({'about': f'c{outside}:milestone:1'}, 'This part of the commitment does not exist.'),
        ({'about': 'x'}, 'Choose what the input is about.'),
    ]
    for fields, message in cases:
        response = _send(client, round_id, **fields)
        assert response.status_code == 400, fields
        assert message in response.get_data(as_text=True), fields
    assert _count(db) == 0


def test_a_commitment_outside_a_round_of_chosen_commitments_is_refused(
    client, auth, db, citizen, make_round, commitments
):
    round_id = make_round('open', only=[commitments[0]])
    auth.login('citizen@example.org')
    response = _send(client, round_id, about=f'c{commitments[1]}')
    assert response.status_code == 400
    assert 'not part of this consultation round' in response.get_data(as_text=True)
    assert _count(db) == 0


def test_submitting_after_the_close_is_refused_with_a_clear_message(
    client, auth, db, citizen, make_round
):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    form = client.get(f'/consultations/{round_id}/inputs/new').get_data(as_text=True)
    assert 'id="input-form"' in form
    round_ = get_round(db, round_id)
    round_.closes_at = utcnow() - timedelta(minutes=1)  # the close date passed meanwhile
    db.session.commit()
    response = _send(client, round_id, body='ส่งช้าไป')
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'This consultation round closed on' in html
    assert 'inputs are no longer accepted' in html
    assert 'ส่งช้าไป' in html  # the text stays in the form
    assert _count(db) == 0
    close_round(get_round(db, round_id), actor=None)
    db.session.commit()
    response = client.get(f'/consultations/{round_id}/inputs/new', headers=EN)
    assert response.status_code == 409
    assert 'inputs are no longer accepted' in response.get_data(as_text=True)


def test_the_submitter_withdraws_while_the_round_is_open_and_nobody_edits(
    client, auth, db, citizen, create_user_, make_round
):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    location = _send(client, round_id).location
    item_id = int(location.rsplit('/', 1)[1])
    # There is no way to edit an input.
    assert client.get(f'/consultations/inputs/{item_id}/edit').status_code == 404
    # Someone else may not withdraw it.
    auth.logout()
    create_user_(email='other@example.org')
    auth.login('other@example.org')
    response = client.post(f'/consultations/inputs/{item_id}/withdraw',
                           data={'csrf_token': csrf_token(client)})  # fmt: skip
    assert response.status_code == 404
    auth.logout()
    auth.login('citizen@example.org')
    response = client.post(f'/consultations/inputs/{item_id}/withdraw',
                           data={'csrf_token': csrf_token(client)})  # fmt: skip
    assert response.status_code == 302
    item = db.session.get(ConsultationInput, item_id)
    assert item.status == 'withdrawn'
    # Withdrawn once; a second time is refused.
    response = client.post(f'/consultations/inputs/{item_id}/withdraw',
                           data={'csrf_token': csrf_token(client)}, headers=EN)  # fmt: skip
    assert response.status_code == 409
    assert 'no longer open to withdrawal' in response.get_data(as_text=True)


def test_withdrawal_after_the_close_is_refused(client, auth, db, citizen, make_round):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    item_id = int(_send(client, round_id).location.rsplit('/', 1)[1])
    close_round(get_round(db, round_id), actor=None)
    db.session.commit()
    page = client.get(f'/consultations/inputs/{item_id}', headers=EN).get_data(as_text=True)
    assert 'Withdraw the input' not in page
    response = client.post(f'/consultations/inputs/{item_id}/withdraw',
                           data={'csrf_token': csrf_token(client)}, headers=EN)  # fmt: skip
    assert response.status_code == 409
    assert 'inputs can no longer be withdrawn' in response.get_data(as_text=True)
    assert db.session.get(ConsultationInput, item_id).status == 'active'


def test_staff_inputs_count_as_the_secretariat(client, auth, db, join, secretariat, make_round):
    round_id = make_round('open')
    join(secretariat, sector='government')
    auth.login('sec@example.org')
    assert _send(client, round_id).status_code == 302
    item = db.session.scalar(select(ConsultationInput))
    assert (item.is_secretariat, item.sector.code) == (True, 'government')


def test_the_secretariat_pages_are_the_secretariats(client, auth, citizen, make_round, nap_id):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    token = csrf_token(client)
    for path in (f'/consultations/{round_id}/manage', f'/consultations/{round_id}/import',
                 f'/consultations/{round_id}/inputs/offline', f'/consultations/new?nap={nap_id}',
                 f'/consultations/{round_id}/import/template.csv'):  # fmt: skip
        assert client.get(path).status_code == 403, path
    for path in (f'/consultations/{round_id}/close', f'/consultations/{round_id}/themes'):
        assert client.post(path, data={'csrf_token': token}).status_code == 403, path
    # Results before publication: not for the public.
    assert client.get(f'/consultations/{round_id}/results').status_code == 404


def test_an_input_about_a_milestone_outlives_the_milestone(
    client, auth, db, citizen, secretariat, make_round, commitments
):
    from forum.commitments.models import Commitment
    from forum.commitments.services import delete_milestone
    from forum.consultations.results import round_results

    round_id = make_round('open')
    commitment = db.session.get(Commitment, commitments[0])
    milestone = commitment.milestones[0]
    auth.login('citizen@example.org')
    response = _send(client, round_id, about=f'c{commitment.id}:milestone:{milestone.id}')
    assert response.status_code == 302
    item = db.session.scalar(select(ConsultationInput))
    assert (item.anchor, item.milestone_id, item.part_label) == ('milestone', milestone.id,
                                                                  'หมุดหมายที่ 1')  # fmt: skip
    commitment = db.session.get(Commitment, commitments[0])
    delete_milestone(commitment, commitment.milestones[0], actor=db.session.merge(secretariat),
                     base_version=commitment.version)  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    item = db.session.scalar(select(ConsultationInput))
    assert (item.anchor, item.milestone_id) == ('milestone', None)
    part = round_results(get_round(db, round_id))['inputs'][0]['part']
    assert part == {'code': 'milestone', 'label': {'th': 'หมุดหมายที่ถูกนำออกไปแล้ว',
                                                    'en': 'A milestone since removed'}}  # fmt: skip


def test_the_notices_version_reads_as_a_version_not_a_date(client):
    # An outside review: "ฉบับ 2026-12-1" looked like a Gregorian date to a Thai reader.
    from forum.consultations.notice import NOTICE_VERSION

    year, month, number = (int(p) for p in NOTICE_VERSION.split('-'))
    thai = client.get('/consultations/notice', headers={'Accept-Language': 'th'})
    assert thai.status_code == 200
    html = thai.get_data(as_text=True)
    assert NOTICE_VERSION not in html
    assert f'ฉบับที่ {number} (' in html
    assert f' {year + 543})</p>' in html
    english = client.get('/consultations/notice', headers={'Accept-Language': 'en'})
    assert f'Version {number} of ' in english.get_data(as_text=True)
