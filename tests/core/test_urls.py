"""Redirect targets stay on this site (core.urls.safe_next), whatever a browser makes of them."""

import pytest

from forum.core.urls import safe_next
from tests.conftest import csrf_token

OFF_SITE = [
    '//evil.example/x',
    '/\\evil.example',  # a browser reads the backslash as a slash: //evil.example
    '\\\\evil.example',
    '/\\/evil.example',
    '/x/\\evil.example',
    '/\tevil.example',
    '/\t/evil.example',  # browsers drop the tab: //evil.example
    '/\n/evil.example',
    '/\r/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    None,
    '/' + 'x' * 2000,
]


@pytest.mark.parametrize('target', OFF_SITE)
def test_anything_but_a_path_on_this_site_goes_home(app, target):
    with app.test_request_context():
        assert safe_next(target) == '/'


@pytest.mark.parametrize('target', ['/members', '/commitments/7?a=1&b=2#c', '/naps/1/%5Cx'])
def test_a_path_on_this_site_is_kept(app, target):
    with app.test_request_context():
        assert safe_next(target) == target


@pytest.mark.parametrize('target', ['/\\evil.example', '/\\/evil.example'])
def test_the_language_switch_never_sends_the_browser_off_site(client, target):
    token = csrf_token(client)
    response = client.post('/language', data={'lang': 'en', 'next': target, 'csrf_token': token})
    assert response.status_code == 302
    assert response.headers['Location'] == '/'


def test_logging_in_with_a_backslash_next_lands_at_home(client, create_user_):
    from tests.conftest import PASSWORD

    user = create_user_()
    token = csrf_token(client, '/auth/login')
    response = client.post(
        '/auth/login?next=/%5Cevil.example',
        data={'email': user.email, 'password': PASSWORD, 'csrf_token': token},
    )
    assert response.status_code == 302
    assert response.headers['Location'] == '/'
