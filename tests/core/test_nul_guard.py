"""A NUL in a query or form value is a 400 with a reason, never a 500 (PostgreSQL refuses it).

Found by sending every GET route each known query parameter as a NUL, on PostgreSQL: the plan
page's ``area`` filter reached the database and answered 500.
"""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token

REASON = 'This request contains a NUL character'
EN = {'Accept-Language': 'en'}


@pytest.fixture
def nap_id(db, secretariat):
    from forum.naps.services import create_nap, move_nap

    user = db.session.merge(secretariat)
    nap = create_nap(actor=user, number=1, title_th='แผน', title_en='Plan', start_year=2026,
                     length_years=2, end_month=6)  # fmt: skip
    move_nap(nap, 'drafting', actor=user)
    db.session.commit()
    return nap.id


def test_a_nul_in_a_query_is_a_400_with_its_reason(client, nap_id):
    for query in ('area=%00', 'area=a%00b', '%00=1', 'lang=th&view=%00'):
        page = client.get(f'/naps/{nap_id}?{query}', headers={'Accept': 'text/html', **EN})
        assert page.status_code == 400, query
        assert REASON in page.get_data(as_text=True)
    api = client.get('/api/v1/naps?page=%00', headers=EN)
    assert api.status_code == 400
    assert REASON in api.get_json()['error']
    assert client.get(f'/naps/{nap_id}?lang=th').status_code == 200  # a query without one


def test_a_nul_in_a_form_is_a_400_and_nothing_is_done(client):
    token = csrf_token(client, '/auth/login')
    response = client.post(
        '/auth/login',
        data={'email': 'a\x00@example.org', 'password': 'x', 'csrf_token': token},
        headers=EN,
    )
    assert response.status_code == 400
    assert REASON in response.get_data(as_text=True)


def test_the_reason_is_in_thai_too(client):
    response = client.get('/api/v1/naps?x=%00', headers={'Accept-Language': 'th'})
    assert response.status_code == 400
    assert response.get_json()['error'] == 'คำขอนี้มีอักขระ NUL ซึ่งไม่อาจอยู่ในข้อความใดได้'


def test_a_form_refused_for_a_nul_shows_back_the_text_it_sent(client):
    # A text pasted with a NUL in it is not lost with the form: the page gives it back, the NUL
    # shown as U+FFFD; the CSRF token, a password and short values (choices, versions) are not.
    token = csrf_token(client, '/auth/login')
    long_text = 'ข้อเสนอที่เขียนมายาวพอสมควร\x00 และมีอักขระ NUL ปนมาจากการคัดลอก'
    response = client.post(
        '/auth/login',
        data={'email': long_text, 'password': 'a-secret-password-of-length',
              'next': '/a', 'csrf_token': token},
        headers={'Accept': 'text/html', **EN},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert REASON in html
    assert 'What you wrote' in html
    shown = long_text.replace('\x00', '\ufffd')
    assert f'>{shown}</textarea>' in html
    assert '\x00' not in html
    assert 'a-secret-password-of-length' not in html
    assert html.count('<textarea') == 1  # neither the token nor the short ``next``
    # The same form sent by a JSON client gets the reason alone.
    token = csrf_token(client, '/auth/login')
    response = client.post(
        '/auth/login', data={'email': long_text, 'csrf_token': token},
        headers={'Accept': 'application/json', **EN},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.get_json() == {'error': REASON + ', which no text may hold.', 'status': 400}


def test_a_nul_in_a_short_value_gives_back_that_value_only(client):
    token = csrf_token(client, '/auth/login')
    response = client.post(
        '/auth/login', data={'email': 'a\x00b', 'next': '/somewhere/long/enough/to/show',
                             'csrf_token': token},
        headers={'Accept': 'text/html', **EN},
    )  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.count('<textarea') == 2
    assert '>a\ufffdb</textarea>' in html


def test_the_texts_shown_back_name_their_fields_and_lead_back_to_the_form(client):
    # A phone review: several unlabelled boxes, and only a link to the home page.
    token = csrf_token(client, '/auth/login')
    data = {'email': 'ข้อความที่ยาวพอจะแสดงกลับมา\x00ให้เห็น', 'csrf_token': token}
    here = {'Accept': 'text/html', 'Referer': 'http://localhost/auth/login?next=/naps', **EN}
    html = client.post('/auth/login', data=data, headers=here).get_data(as_text=True)
    assert '<label for="sent-1">The field "email"</label>' in html
    assert '<a class="button" href="/auth/login?next=/naps">Back to the form</a>' in html
    elsewhere = {**here, 'Referer': 'https://elsewhere.example/auth/login'}
    token = csrf_token(client, '/auth/login')
    html = client.post('/auth/login', data={**data, 'csrf_token': token},
                       headers=elsewhere).get_data(as_text=True)  # fmt: skip
    assert 'Back to the form' not in html
