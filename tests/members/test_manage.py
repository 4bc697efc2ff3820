from sqlalchemy import select

from forum.auth.models import Role, User
from forum.core.audit import AuditEntry
from forum.members.models import Membership
from forum.sectors.models import Organisation, Sector
from tests.conftest import csrf_token


def _post(client, path, data):
    data = dict(data, csrf_token=csrf_token(client, path))
    return client.post(path, data=data, headers={'Accept-Language': 'en'})


def test_management_pages_need_the_secretariat(client, auth, create_user_, create_member):
    for path in ('/members/manage', '/members/sectors', '/members/organisations'):
        response = client.get(path)
        assert response.status_code == 302
        assert '/auth/login' in response.headers['Location']
    create_member(email='m@example.org')
    auth.login('m@example.org')
    for path in ('/members/manage', '/members/seats/new', '/members/sectors/new'):
        assert client.get(path).status_code == 403


def test_secretariat_adds_a_seat_and_the_participant_holds_it_without_a_new_role(
    client, auth, db, secretariat, create_user_
):
    person = create_user_(email='ploy@example.org', display_name='พลอย')
    auth.login('sec@example.org')
    org = db.session.scalar(select(Organisation))  # none yet
    assert org is None
    response = _post(
        client,
        '/members/seats/new',
        {
            'email': 'ploy@example.org',
            'sector': 'academia',
            'organisation': '',
            'seat_role': 'co_chair',
            'term_start': '2026-01-01',
            'term_end': '2027-12-31',
        },
    )
    assert response.status_code == 302
    seat = db.session.scalar(select(Membership))
    assert seat.user_id == person.id
    assert seat.sector.code == 'academia'
    assert seat.seat_role == 'co_chair'
    assert db.session.get(User, person.id).role == Role.participant  # rights come from the seat
    entry = db.session.scalar(select(AuditEntry).filter_by(action='membership.created'))
    assert entry.actor_id == secretariat.id
    assert entry.data['sector'] == 'academia'
    assert 'พลอย' in client.get('/members').get_data(as_text=True)


def test_seat_form_errors_are_clear_and_nothing_is_saved(client, auth, db, secretariat):
    auth.login('sec@example.org')
    response = _post(
        client,
        '/members/seats/new',
        {
            'email': 'nobody@example.org',
            'sector': 'academia',
            'seat_role': 'member',
            'term_start': '2026-01-01',
        },
    )
    assert response.status_code == 400
    assert 'No account has this email' in response.get_data(as_text=True)
    response = _post(
        client,
        '/members/seats/new',
        {
            'email': 'sec@example.org',
            'sector': 'academia',
            'seat_role': 'member',
            'term_start': '2026-05-01',
            'term_end': '2026-01-01',
        },
    )
    assert 'The term cannot end before it starts.' in response.get_data(as_text=True)
    response = _post(
        client,
        '/members/seats/new',
        {'email': 'sec@example.org', 'sector': 'academia', 'seat_role': 'king', 'term_start': 'x'},
    )
    html = response.get_data(as_text=True)
    assert 'Not a valid choice.' in html
    assert 'Not a valid date value.' in html
    assert db.session.scalars(select(Membership)).all() == []


def test_seat_edit_and_remove_are_audited(client, auth, db, secretariat, create_member):
    member = create_member(email='m@example.org', sector='government')
    seat_id = db.session.scalar(select(Membership.id).filter_by(user_id=member.id))
    auth.login('sec@example.org')
    response = _post(
        client,
        f'/members/seats/{seat_id}/edit',
        {
            'email': 'm@example.org',
            'sector': 'government',
            'seat_role': 'chair',
            'term_start': '2026-01-01',
        },
    )
    assert response.status_code == 302
    assert db.session.get(Membership, seat_id).seat_role == 'chair'
    updated = db.session.scalar(select(AuditEntry).filter_by(action='membership.updated'))
    assert updated.data['seat_role'] == ['member', 'chair']
    response = _post(client, f'/members/seats/{seat_id}/delete', {})
    assert response.status_code == 302
    assert db.session.get(Membership, seat_id) is None
    assert db.session.scalar(select(AuditEntry).filter_by(action='membership.deleted'))


def test_sector_crud(client, auth, db, secretariat):
    auth.login('sec@example.org')
    response = _post(
        client,
        '/members/sectors/new',
        {'code': 'youth', 'name_th': 'ภาคเยาวชน', 'name_en': 'Youth'},
    )
    assert response.status_code == 302
    sector = db.session.scalar(select(Sector).filter_by(code='youth'))
    assert sector.name_th == 'ภาคเยาวชน'
    assert not sector.is_government
    response = _post(
        client, '/members/sectors/new', {'code': 'youth', 'name_th': 'ซ้ำ', 'name_en': 'Dup'}
    )
    assert response.status_code == 400
    assert 'Another sector has this code.' in response.get_data(as_text=True)
    response = _post(
        client, '/members/sectors/new', {'code': 'Bad Code', 'name_th': 'x', 'name_en': 'x'}
    )
    assert 'Use lower-case Latin letters' in response.get_data(as_text=True)
    response = _post(
        client,
        f'/members/sectors/{sector.id}/edit',
        {'code': 'youth', 'name_th': 'ภาคเยาวชน', 'name_en': 'Young people'},
    )
    assert response.status_code == 302
    assert db.session.get(Sector, sector.id).name_en == 'Young people'
    assert db.session.scalar(select(AuditEntry).filter_by(action='sector.updated'))
    html = client.get('/members/sectors').get_data(as_text=True)
    assert 'Young people' in html
    assert 'ภาคประชาสังคม' in html


def test_organisation_crud_and_bilingual_names(client, auth, db, secretariat):
    auth.login('sec@example.org')
    response = _post(
        client,
        '/members/organisations/new',
        {'name_th': 'กระทรวงยุติธรรม', 'name_en': 'Ministry of Justice', 'sector': 'government'},
    )
    assert response.status_code == 302
    org = db.session.scalar(select(Organisation))
    assert org.sector.code == 'government'
    response = _post(
        client,
        '/members/organisations/new',
        {'name_th': '', 'name_en': 'x' * 300, 'sector': 'nowhere'},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'This field is required.' in html
    assert 'At most 255 characters.' in html
    assert len(db.session.scalars(select(Organisation)).all()) == 1
    th = client.get('/members/organisations', headers={'Accept-Language': 'th'})
    assert 'กระทรวงยุติธรรม' in th.get_data(as_text=True)


def test_html_in_names_is_shown_as_text(client, auth, db, secretariat):
    auth.login('sec@example.org')
    _post(
        client,
        '/members/organisations/new',
        {'name_th': '<script>alert(1)</script>', 'name_en': '<b>x</b>', 'sector': 'other'},
    )
    html = client.get('/members/organisations').get_data(as_text=True)
    assert '<script>alert(1)</script>' not in html
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in html


def test_unknown_seat_is_404(client, auth, secretariat):
    auth.login('sec@example.org')
    assert client.get('/members/seats/9999/edit').status_code == 404


def test_a_seat_with_an_organisation_id_no_row_can_have_is_no_crash(
    client, auth, db, secretariat, create_member
):
    member = create_member(email='m@example.org', sector='government')
    seat_id = db.session.scalar(select(Membership.id).filter_by(user_id=member.id))
    auth.login('sec@example.org')
    for organisation in ('²', '1000000000000000000000000000000'):
        fields = {
            'email': 'm@example.org',
            'sector': 'government',
            'seat_role': 'member',
            'term_start': '2026-01-01',
            'organisation': organisation,
        }
        response = _post(client, f'/members/seats/{seat_id}/edit', fields)
        assert response.status_code in (302, 400), organisation
        db.session.expire_all()
        assert db.session.get(Membership, seat_id).organisation_id is None
