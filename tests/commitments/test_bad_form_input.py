"""Forms given what no browser sends (found by fuzzing): a form error or a conflict, never a 500."""

from forum.commitments.models import Commitment, Milestone
from tests.commitments.test_routes import EN, _form
from tests.conftest import csrf_token


def test_too_long_and_unoffered_values_get_form_messages(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    data = _form(client, path)
    title = db.session.get(Commitment, cid).title_en
    data.update(contact_email='a' * 250 + '@example.org', supporters=['abc'], title_en='Changed')
    response = client.post(path, data=data, headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 400  # the form again, with its messages
    assert 'longer than 254 characters' in html
    assert 'not a valid choice' in html
    assert db.session.get(Commitment, cid).title_en == title


def test_a_version_no_row_can_have_is_a_conflict_not_a_crash(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    for version in ('1000000000000000000000000000000', '²', '-1'):
        data = dict(_form(client, path), version=version, title_en=f'Changed {version}')
        response = client.post(path, data=data, headers=EN)
        assert response.status_code == 409, version
        assert 'Not saved' in response.get_data(as_text=True)
    assert not db.session.get(Commitment, cid).title_en.startswith('Changed')


def test_a_too_long_evidence_link_gets_a_form_message(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    milestone = db.session.get(Commitment, cid).milestones[0]
    path = f'/commitments/{cid}/milestones/{milestone.id}/edit'
    data = dict(_form(client, path), evidence_url='https://example.org/' + 'x' * 1000)
    response = client.post(path, data=data, headers=EN)
    assert response.status_code == 400
    assert 'longer than 1000 characters' in response.get_data(as_text=True)
    assert db.session.get(Milestone, milestone.id).evidence_url != data['evidence_url']


def test_an_unoffered_drafting_team_member_gets_a_form_message(client, auth, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/team'
    response = client.post(
        path, data={'editors': ['abc'], 'csrf_token': csrf_token(client, path)}, headers=EN
    )
    assert response.status_code == 400
    assert 'not a valid choice' in response.get_data(as_text=True)


def test_the_messages_are_in_the_readers_language(client, auth, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    data = dict(_form(client, path), contact_email='a' * 250 + '@example.org')
    response = client.post(path, data=data, headers={'Accept-Language': 'th'})
    assert 'ช่องนี้ยาวได้ไม่เกิน 254 ตัวอักษร' in response.get_data(as_text=True)


def test_button_forms_refused_say_why(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    commitment = db.session.get(Commitment, cid)
    milestone = commitment.milestones[1]
    move = f'/commitments/{cid}/milestones/{milestone.id}/move'
    expired = {'version': str(commitment.version), 'offset': '-1', 'csrf_token': 'expired'}
    response = client.post(move, data=expired, headers=EN)
    assert response.status_code == 400
    assert 'This form has expired' in response.get_data(as_text=True)
    token = csrf_token(client)
    response = client.post(
        f'/commitments/{cid}/state', data={'state': 'bogus', 'csrf_token': token}, headers=EN
    )
    assert response.status_code == 400
    assert 'There is no such state.' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Commitment, cid).version == commitment.version
