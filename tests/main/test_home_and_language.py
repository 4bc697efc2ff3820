import re

from sqlalchemy import select

from forum.auth.models import User
from tests.conftest import csrf_token


def _lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)">', html).group(1)


def test_home_is_thai_by_default(client):
    html = client.get('/').get_data(as_text=True)
    assert _lang(html) == 'th'
    assert 'เวทีความร่วมมือหลายภาคส่วนด้านภาครัฐระบบเปิด' in html
    assert 'ต่อต้านการทุจริต' in html  # a policy area from the seed


def test_home_follows_accept_language(client):
    html = client.get('/', headers={'Accept-Language': 'en-GB,en;q=0.9'}).get_data(as_text=True)
    assert _lang(html) == 'en'
    assert 'Open Government Multistakeholder Forum' in html
    assert 'Anti-Corruption' in html


def test_thai_home_shows_the_buddhist_era_year(client):
    from forum.core.i18n import local_today

    html = client.get('/', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert str(local_today().year + 543) in html


def test_language_switch_persists_for_the_session(client):
    token = csrf_token(client)
    response = client.post(
        '/language', data={'lang': 'en', 'next': '/members', 'csrf_token': token}
    )
    assert response.status_code == 302
    assert response.headers['Location'] == '/members'
    html = client.get('/members', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert _lang(html) == 'en'
    assert 'Members of the forum' in html


def test_language_switch_is_saved_on_the_account(client, auth, db, create_user_):
    user = create_user_(email='ploy@example.org')
    auth.login('ploy@example.org')
    client.post('/language', data={'lang': 'en', 'csrf_token': csrf_token(client)})
    assert db.session.get(User, user.id).locale == 'en'
    # A new browser (no session) gets English after logging in.
    other = client.application.test_client()
    other_auth = type(auth)(other)
    other_auth.login('ploy@example.org')
    html = other.get('/', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert _lang(html) == 'en'


def test_unknown_language_is_a_400_with_a_reason(client, db):
    response = client.post('/language', data={'lang': 'fr', 'csrf_token': csrf_token(client)})
    assert response.status_code == 400
    assert b'choose th or en' in response.data
    assert db.session.scalars(select(User)).all() == []


def test_language_switch_refuses_off_site_next(client):
    token = csrf_token(client)
    response = client.post(
        '/language', data={'lang': 'en', 'next': '//evil.example/x', 'csrf_token': token}
    )
    assert response.headers['Location'] == '/'


def test_pages_have_landmarks_and_a_skip_link(client):
    html = client.get('/').get_data(as_text=True)
    for landmark in ('<header', '<nav', '<main id="content"', '<footer'):
        assert landmark in html
    assert 'href="#content"' in html
    assert 'name="csrf-token"' in html


def test_unknown_page_is_a_translated_404(client):
    response = client.get('/nowhere', headers={'Accept-Language': 'th'})
    assert response.status_code == 404
    assert 'ไม่พบหน้านี้' in response.get_data(as_text=True)


def test_ids_beyond_any_row_are_404_not_500(client):
    for path in (
        '/naps/99999999999999999999',
        '/commitments/2147483648',
        '/commitments/99999999999999999999/history',
        '/api/v1/commitments/99999999999999999999',
    ):
        assert client.get(path).status_code == 404, path


def test_a_next_with_a_line_break_goes_home(client):
    token = csrf_token(client)
    response = client.post(
        '/language',
        data={'lang': 'en', 'next': '/x\r\nSet-Cookie: a=b', 'csrf_token': token},
    )
    assert response.status_code == 302
    assert response.headers['Location'] == '/'
    assert 'a=b' not in response.headers.get('Set-Cookie', '')
