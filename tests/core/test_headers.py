"""Security headers on every response (core/headers.py), and pages that need no inline code."""

import re

import pytest

from forum import create_app
from forum.config import ROOT
from tests.conftest import csrf_token

TEMPLATES = sorted((ROOT / 'forum').rglob('templates/**/*.html'))


def _policy(response) -> dict[str, str]:
    header = response.headers['Content-Security-Policy']
    return {
        part.split(' ', 1)[0]: part.split(' ', 1)[1]
        for part in (p.strip() for p in header.split(';'))
        if part
    }


def _check_headers(response) -> None:
    policy = _policy(response)
    assert policy['default-src'] == "'self'"
    assert policy['script-src'] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy['style-src'] == "'self'"
    assert policy['connect-src'] == "'self'"
    assert policy['object-src'] == "'none'"
    assert policy['frame-ancestors'] == "'none'"
    assert 'unsafe' not in response.headers['Content-Security-Policy']
    assert response.headers['X-Content-Type-Options'] == 'nosniff'
    assert response.headers['Referrer-Policy'] == 'strict-origin-when-cross-origin'
    assert response.headers['X-Frame-Options'] == 'DENY'


def test_every_kind_of_response_carries_the_headers(app, client):
    @app.route('/_test/boom')
    def boom():
        raise RuntimeError('a bug')

    token = csrf_token(client)
    responses = {
        'page': client.get('/'),
        'login page': client.get('/auth/login'),
        'not found': client.get('/commitments/424242'),
        'API': client.get('/api/v1/naps'),
        'API error': client.get('/api/v1/commitments?state=x'),
        'static file': client.get('/static/css/forum.css'),
        'health check': client.get('/healthz'),
        'redirect after a form': client.post('/language', data={'lang': 'en', 'csrf_token': token}),
        'refused form': client.post('/language', data={'lang': 'en'}),
        'server error': client.get('/_test/boom'),
    }
    codes = {name: r.status_code for name, r in responses.items()}
    assert codes == {
        'page': 200, 'login page': 200, 'not found': 404, 'API': 200, 'API error': 400,
        'static file': 200, 'health check': 200, 'redirect after a form': 302,
        'refused form': 400, 'server error': 500,
    }  # fmt: skip
    for response in responses.values():
        _check_headers(response)
        assert 'Strict-Transport-Security' not in response.headers


def test_plain_http_is_served_as_it_is(client):
    """The embedded set-up: no redirect to HTTPS, no HSTS, a session cookie sent over HTTP."""
    response = client.get('/auth/login', base_url='http://192.168.1.10:5000')
    assert response.status_code == 200
    assert 'Strict-Transport-Security' not in response.headers
    assert 'Secure' not in response.headers['Set-Cookie']


def test_hsts_only_when_cookies_are_https_only(database_url, monkeypatch):
    plain = create_app({'SQLALCHEMY_DATABASE_URI': database_url}).test_client()
    response = plain.get('/healthz', base_url='https://forum.example.go.th')
    assert 'Strict-Transport-Security' not in response.headers

    monkeypatch.setenv('FORUM_SECURE_COOKIES', '1')
    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv('FORUM_DATABASE_URL', database_url)
    secure = create_app().test_client()
    response = secure.get('/healthz', base_url='https://forum.example.go.th')
    assert response.headers['Strict-Transport-Security'] == 'max-age=31536000'
    _check_headers(response)
    behind_proxy = secure.get('/healthz', headers={'X-Forwarded-Proto': 'https'})
    assert behind_proxy.headers['Strict-Transport-Security'] == 'max-age=31536000'
    # Over plain HTTP (a health check from the proxy's side): no redirect, no HSTS.
    response = secure.get('/healthz', base_url='http://127.0.0.1:8000')
    assert response.status_code == 200
    assert 'Strict-Transport-Security' not in response.headers


@pytest.mark.parametrize('template', TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / 'forum')))
def test_templates_hold_no_inline_code_or_style(template):
    """What the policy would block: inline scripts, ``style=`` attributes, ``on…=`` handlers."""
    html = template.read_text(encoding='utf-8')
    for tag in re.findall(r'<script\b[^>]*>', html):
        assert 'src=' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r'<style\b', html)
    assert not re.search(r'\sstyle\s*=', html)
    assert not re.search(r'\son[a-z]+\s*=', html)
    assert 'javascript:' not in html
