"""Nobody impersonates an organisation: typed affiliations stay unverified until confirmed."""

import uuid

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.cli import forum_cli
from forum.core.audit import AuditEntry
from forum.core.names import hidden_characters
from forum.sectors.services import save_organisation, sector_by_code
from tests.conftest import PASSWORD, csrf_token

EN = {'Accept-Language': 'en'}


def _register(client, **fields):
    data = {'email': 'nok@example.org', 'display_name': 'นก', 'organisation': 'ministry of finance',
            'sector': 'government', 'password': PASSWORD, 'confirm': PASSWORD,
            'csrf_token': csrf_token(client, '/auth/register'), **fields}  # fmt: skip
    return client.post('/auth/register', data=data, headers=EN)


@pytest.fixture
def ministry(app, db):
    """The real Ministry of Finance record."""
    org = save_organisation(
        None, actor=None, name_th='กระทรวงการคลัง', name_en='Ministry of Finance',
        sector=sector_by_code('government'),
    )  # fmt: skip
    db.session.commit()
    return org.id


def test_typing_a_known_organisation_does_not_link_its_record(client, db, ministry):
    assert _register(client).status_code == 302
    user = db.session.scalar(select(User).filter_by(email='nok@example.org'))
    assert user.organisation_id is None
    assert user.organisation_name == 'ministry of finance'
    assert user.is_affiliation_verified is False


def test_an_unverified_affiliation_is_shown_as_such_on_comments(
    app, client, auth, db, ministry, make_commitment, socket_client
):
    from datetime import date

    from forum.members.services import add_membership

    cid = make_commitment()
    assert _register(client).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(email='nok@example.org'))
        # A seat without an organisation: member rights, but the affiliation stays unconfirmed.
        add_membership(user, actor=None, sector=sector_by_code('government'), seat_role='member',
                       term_start=date(2026, 1, 1))  # fmt: skip
        db.session.commit()
    sock = socket_client(client, logged_in=True)
    sock.emit('join', {'commitment_id': cid}, callback=True)
    ack = sock.emit('post_comment', {'commitment_id': cid, 'body': 'ความเห็น',
                                     'client_id': str(uuid.uuid4())}, callback=True)  # fmt: skip
    assert ack['ok'] is True
    author = ack['comment']['author']
    assert author['organisation'] == 'ministry of finance'
    assert author['organisation_verified'] is False
    assert author['organisation_status'] == {'th': 'ยังไม่ยืนยัน', 'en': 'unverified'}
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert '<span class="affiliation unverified">(unverified)</span>' in page


def test_the_secretariat_confirms_and_links_the_organisation(
    app, client, auth, db, ministry, secretariat, make_commitment, create_user_
):
    person = create_user_(email='nok@example.org', organisation_name='ministry of finance',
                          self_registered=True)  # fmt: skip
    assert person.affiliation_verified_dt is None
    auth.login('sec@example.org')
    page = client.get('/members/people', headers=EN).get_data(as_text=True)
    assert 'nok@example.org' in page
    assert 'unverified' in page
    # The known organisation is suggested, and nothing is linked before the secretariat says so.
    assert f'<option selected value="{ministry}">' in page or (
        f'<option value="{ministry}" selected>' in page
    )
    response = client.post(
        f'/members/people/{person.id}/affiliation',
        data={'csrf_token': csrf_token(client, '/members/people'),
              f'u{person.id}-organisation': str(ministry), 'action': 'verify'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 302
    user = db.session.get(User, person.id)
    assert user.organisation_id == ministry
    assert user.organisation_name is None
    assert user.is_affiliation_verified
    assert user.affiliation_verified_by_id == secretariat.id
    entry = db.session.scalar(select(AuditEntry).filter_by(action='user.affiliation_verified'))
    assert entry.actor_id == secretariat.id
    response = client.post(
        f'/members/people/{person.id}/affiliation',
        data={'csrf_token': csrf_token(client, '/members/people'), 'action': 'revoke'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 302
    assert db.session.get(User, person.id).is_affiliation_verified is False


def test_only_the_secretariat_confirms_affiliations(client, auth, db, create_member):
    member = create_member(email='m@example.org')
    auth.login('m@example.org')
    assert client.get('/members/people').status_code == 403
    response = client.post(
        f'/members/people/{member.id}/affiliation',
        data={'csrf_token': csrf_token(client, '/'), 'action': 'revoke'},
    )
    assert response.status_code == 403
    assert db.session.get(User, member.id).is_affiliation_verified is True


def test_seating_someone_for_an_organisation_confirms_it(
    client, auth, db, ministry, secretariat, create_user_
):
    person = create_user_(email='nok@example.org', organisation_name='ministry of finance',
                          self_registered=True)  # fmt: skip
    auth.login('sec@example.org')
    response = client.post(
        '/members/seats/new',
        data={'csrf_token': csrf_token(client, '/members/seats/new'), 'email': 'nok@example.org',
              'sector': 'government', 'organisation': str(ministry), 'seat_role': 'member',
              'term_start': '2026-01-01'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 302
    user = db.session.get(User, person.id)
    assert user.is_affiliation_verified
    assert user.organisation_id == ministry


@pytest.mark.parametrize(
    'name',
    [
        'Somchai\u202egro.elpmaxe',  # right-to-left override
        'Som\u200bchai',  # zero-width space
        'Somchai\u2066x\u2069',  # isolates
        'Somchai\x07',  # a control character
        '\u3164',  # a filler letter that shows nothing
    ],
)
def test_names_with_hidden_characters_are_refused(client, db, name):
    for field in ('display_name', 'organisation'):
        response = _register(client, **{field: name})
        assert response.status_code == 400
        assert 'Remove the hidden or control characters' in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None


def test_thai_names_with_marks_are_accepted():
    assert hidden_characters('ดร.ศิริพร วิชาการ น้ำใส') == []
    assert hidden_characters('a\u202eb\u202e') == ['U+202E']


def test_organisation_names_of_the_secretariat_are_checked_too(client, auth, secretariat, db):
    auth.login('sec@example.org')
    response = client.post(
        '/members/organisations/new',
        data={'csrf_token': csrf_token(client, '/members/organisations/new'),
              'name_th': 'กระทรวง\u200bการคลัง', 'name_en': 'Ministry', 'sector': 'government'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert 'U+200B' in response.get_data(as_text=True)


def test_the_cli_refuses_hidden_characters(runner):
    result = runner.invoke(
        forum_cli,
        ['create-user', 'x@example.org', '--password', PASSWORD, '--name', 'Admin\u202e'],
    )
    assert result.exit_code != 0
    assert 'U+202E' in result.output


def test_presence_shows_the_organisation_and_follows_its_confirmation(
    app, client, auth, db, ministry, secretariat, make_commitment, socket_client
):
    """Presence names a member with what they speak for, marked unverified until confirmed."""
    from datetime import date

    from forum.members.services import add_membership

    cid = make_commitment()
    assert _register(client).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(email='nok@example.org'))
        user_id = user.id
        add_membership(user, actor=None, sector=sector_by_code('government'), seat_role='member',
                       term_start=date(2026, 1, 1))  # fmt: skip
        db.session.commit()
    member = socket_client(client, logged_in=True)
    shown = member.emit('join', {'commitment_id': cid}, callback=True)['presence']
    assert shown['members'] == ['นก']
    assert shown['people'] == [{'name': 'นก', 'sector': 'government', 'verified': False,
                                'organisation': {'th': 'ministry of finance',
                                                 'en': 'ministry of finance'}}]  # fmt: skip

    staff = app.test_client()
    type(auth)(staff).login('sec@example.org')
    response = staff.post(
        f'/members/people/{user_id}/affiliation',
        data={'csrf_token': csrf_token(staff, '/members/people'),
              f'u{user_id}-organisation': str(ministry), 'action': 'verify'},
    )  # fmt: skip
    assert response.status_code == 302
    people = member.events('presence')[-1]['people']
    confirmed = {'th': 'กระทรวงการคลัง', 'en': 'Ministry of Finance'}
    assert people == [
        {'name': 'นก', 'sector': 'government', 'verified': True, 'organisation': confirmed}
    ]

    response = staff.post(
        f'/members/people/{user_id}/affiliation',
        data={'csrf_token': csrf_token(staff, '/members/people'), 'action': 'revoke'},
    )
    assert response.status_code == 302
    assert member.events('presence')[-1]['people'][0]['verified'] is False
