import re

from sqlalchemy import select

from forum.auth.models import Role, User
from forum.core.audit import AuditEntry
from tests.conftest import PASSWORD, csrf_token


def _register(client, lang='en', **overrides):
    data = {
        'email': 'nok@example.org',
        'display_name': 'นกแก้ว ใจงาม',
        'organisation': 'Ministry of Nowhere',
        'sector': 'civil_society',
        'password': PASSWORD,
        'confirm': PASSWORD,
    }
    data.update(overrides)
    data['csrf_token'] = csrf_token(client, '/auth/register')
    return client.post('/auth/register', data=data, headers={'Accept-Language': lang})


def test_register_creates_a_participant_and_logs_in(client, db):
    response = _register(client)
    assert response.status_code == 302
    user = db.session.scalar(select(User).filter_by(email='nok@example.org'))
    assert user.role == Role.participant
    assert user.sector.code == 'civil_society'
    assert user.organisation is None
    assert user.organisation_name == 'Ministry of Nowhere'
    assert user.password_hash.startswith('$argon2id$')
    assert PASSWORD not in user.password_hash
    page = client.get('/', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    assert 'นกแก้ว ใจงาม' in page
    assert 'Log out' in page
    entry = db.session.scalar(select(AuditEntry).filter_by(action='user.created'))
    assert entry.actor_id == user.id
    assert entry.target_id == user.id


def test_duplicate_email_is_refused_in_the_readers_language(client, db, create_user_):
    create_user_(email='nok@example.org')
    response = _register(client, lang='th', email='NOK@example.org')
    assert response.status_code == 400
    assert 'มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว' in response.get_data(as_text=True)
    assert db.session.scalar(select(User).filter_by(email='nok@example.org')) is not None
    assert len(db.session.scalars(select(User)).all()) == 1


def test_invalid_email_short_password_and_missing_field(client, db):
    response = _register(client, email='not-an-email', password='short', confirm='short')
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'Enter a valid email address' in html
    assert 'The password must have at least 10 characters.' in html
    response = _register(client, display_name='')
    assert response.status_code == 400
    assert 'This field is required.' in response.get_data(as_text=True)
    assert db.session.scalars(select(User)).all() == []


def test_errors_in_thai(client):
    response = _register(client, lang='th', email='x', password='short', confirm='short')
    html = response.get_data(as_text=True)
    assert 'กรุณากรอกอีเมลที่ถูกต้อง' in html
    assert 'รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร' in html


def test_unknown_sector_is_a_form_error(client, db):
    response = _register(client, sector='aliens')
    assert response.status_code == 400
    assert 'Not a valid choice.' in response.get_data(as_text=True)
    assert db.session.scalars(select(User)).all() == []


def test_missing_csrf_token_is_refused_with_a_message(client, db):
    response = client.post(
        '/auth/register',
        data={'email': 'a@example.org', 'password': PASSWORD},
        headers={'Accept-Language': 'en'},
    )
    assert response.status_code == 400
    assert 'This form has expired' in response.get_data(as_text=True)
    assert db.session.scalars(select(User)).all() == []


def test_login_and_logout(client, auth, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    response = auth.login('ploy@example.org')
    assert response.status_code == 302
    assert 'พลอย' in client.get('/').get_data(as_text=True)
    assert auth.logout().status_code == 302
    assert 'พลอย' not in client.get('/').get_data(as_text=True)


def _logged_in_as(client) -> str | None:
    """The name the page header shows for the person logged in, or None."""
    page = client.get('/', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    match = re.search(r'<span class="whoami">([^<]*)</span>', page)
    return match.group(1).strip() if match and 'Log out' in page else None


def test_login_is_case_insensitive_on_email(client, auth, create_user_):
    create_user_(email='ploy@example.org', display_name='พลอย')
    assert _logged_in_as(client) is None
    assert auth.login('Ploy@Example.org').status_code == 302
    assert _logged_in_as(client) == 'พลอย'


def test_wrong_password_is_a_form_error(client, auth, create_user_):
    create_user_(email='ploy@example.org')
    response = auth.login('ploy@example.org', 'wrong password!!', headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    assert 'Wrong email or password.' in response.get_data(as_text=True)
    response = auth.login('nobody@example.org', 'whatever123', headers={'Accept-Language': 'en'})
    assert 'Wrong email or password.' in response.get_data(as_text=True)


def test_login_never_redirects_off_site(auth, create_user_):
    create_user_(email='ploy@example.org')
    response = auth.login('ploy@example.org', query_string={'next': 'https://evil.example/'})
    assert response.headers['Location'] == '/'


def test_login_returns_to_the_page_asked_for(auth, create_user_):
    create_user_(email='ploy@example.org')
    response = auth.login('ploy@example.org', query_string={'next': '/members'})
    assert response.headers['Location'] == '/members'


def test_logout_needs_post(client, auth, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    assert client.get('/auth/logout').status_code == 405


def test_disabled_account_cannot_log_in(client, auth, create_user_, db):
    user = create_user_(email='ploy@example.org')
    db.session.get(User, user.id).is_active_account = False
    db.session.commit()
    assert auth.login('ploy@example.org').status_code == 400
    assert _logged_in_as(client) is None
