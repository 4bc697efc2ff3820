"""The API at its edges, as found from outside: odd query parameters, dates, errors, If-Match.

Each test answers a defect an outside review found (2026-12-07): a parameter named like one of
``url_for``'s own was a 500; the members' answer got a stale 304 after midnight; an answer's
``Date`` sent back as ``If-Modified-Since`` could hide a change made in the same second; a 405
had no ``Allow``; API errors could not be read cross-origin; an export's JSON address answered
errors in HTML; a signed-in visitor's answer could be kept by a shared cache.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import pytest

from forum.api.http import validated_at
from forum.commitments.models import Commitment
from forum.core.i18n import local_day_start
from tests.api.test_api import MEMBER_EMAIL, world  # noqa: F401 - the fixture
from tests.api.test_http import _age_every_change

ODD = ['round_id=5', 'endpoint=x', '_external=0', '_method=POST', '_anchor=top',
       '_scheme=https', 'foo=bar', 'page_size=3']  # fmt: skip


@pytest.mark.parametrize('odd', ODD)
def test_a_parameter_the_list_does_not_know_is_neither_an_error_nor_echoed(client, world, odd):  # noqa: F811
    nap = world['public']
    response = client.get(f'/api/v1/commitments?per_page=1&nap={nap}&{odd}')
    assert response.status_code == 200
    expected = f'http://localhost/api/v1/commitments?page=2&per_page=1&nap={nap}'
    assert response.get_json()['next'] == expected  # the filter kept, nothing else
    assert response.headers['Link'] == f'<{expected}>; rel="next"'
    assert client.get(f'/api/v1/naps?per_page=1&{odd}').status_code == 200


def test_past_the_last_page_the_previous_page_is_the_last(client, world):  # noqa: F811
    nap = world['public']
    for page in (3, 2147483647):
        data = client.get(f'/api/v1/commitments?per_page=1&nap={nap}&page={page}').get_json()
        assert (data['count'], data['pages'], data['next']) == (0, 2, None)
        assert data['previous'].endswith(f'/api/v1/commitments?page=2&per_page=1&nap={nap}')


def test_last_modified_is_five_seconds_after_a_change_in_whole_seconds(app):
    change = datetime(2026, 3, 1, 9, 30, 1, 300_000, tzinfo=UTC)
    mark = validated_at(change)
    assert mark == datetime(2026, 3, 1, 9, 30, 6, tzinfo=UTC)
    # An answer made earlier in the second of the change is dated 09:30:01; sent back as
    # If-Modified-Since, that date is before the mark, so the change is never hidden.
    assert change.replace(microsecond=100_000).replace(microsecond=0) < mark
    assert validated_at(None) is None
    start = local_day_start(date(2026, 3, 2))
    assert start.utcoffset() == timedelta(hours=7)  # Asia/Bangkok, outside a request
    assert validated_at(change, not_before=start) == datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
    assert validated_at(None, not_before=start) == start
    with app.test_request_context('/'):  # Flask-Babel's time zone (pytz's), not local mean time
        assert local_day_start(date(2026, 3, 2)) == start
        assert local_day_start(date(2026, 3, 2)).utcoffset() == timedelta(hours=7)


def test_an_answer_dated_just_before_a_change_is_not_304(client, db, world):  # noqa: F811
    _age_every_change(db, 60)
    stamp = parsedate_to_datetime(client.get('/api/v1/naps').headers['Last-Modified'])
    aged = datetime.now(UTC) - timedelta(seconds=60)
    assert aged - timedelta(seconds=2) < stamp - timedelta(seconds=5) <= aged  # 5 s on
    # An answer made now carries this Date (gunicorn adds it; a cache may send it back as
    # If-Modified-Since when there was no Last-Modified). A change in the same second:
    answer_date = format_datetime(datetime.now(UTC).replace(microsecond=0), usegmt=True)
    db.session.get(Commitment, world['complete']).title_en = 'Changed in the same second'
    db.session.commit()
    again = client.get('/api/v1/naps', headers={'If-Modified-Since': answer_date})
    assert again.status_code == 200
    assert 'Last-Modified' not in again.headers  # until five seconds after the change


def test_the_members_answer_is_never_older_than_the_day(client, db, world, monkeypatch):  # noqa: F811
    _age_every_change(db, 3600)
    today = client.get('/api/v1/members')
    assert today.get_json()['total'] == 1
    stamp = today.headers['Last-Modified']
    assert client.get('/api/v1/members', headers={'If-Modified-Since': stamp}).status_code == 304
    # Another day in the answer's eyes (a term may start or end at midnight): not 304.
    import forum.api.members as members

    monkeypatch.setattr(members, 'local_today', lambda: date(2099, 1, 1))
    later = client.get('/api/v1/members', headers={'If-Modified-Since': stamp})
    assert later.status_code == 200
    assert later.get_json()['on'] == '2099-01-01'


def test_if_match_naming_another_version_is_a_json_412(client, world):  # noqa: F811
    response = client.get('/api/v1/naps', headers={'If-Match': '"another"'})
    assert response.status_code == 412
    assert response.get_json()['status'] == 412
    assert 'If-Match' in response.get_json()['error']
    assert 'items' not in response.get_json()
    etag = client.get('/api/v1/naps').headers['ETag']
    assert client.get('/api/v1/naps', headers={'If-Match': etag}).status_code == 200
    assert client.get('/api/v1/naps', headers={'If-Match': f'"x", {etag}'}).status_code == 200
    assert client.get('/api/v1/naps', headers={'If-Match': '*'}).status_code == 200  # any
    assert client.get('/api/v1/naps', headers={'If-Match': f'W/{etag}'}).status_code == 412
    thai = client.get('/api/v1/naps', headers={'If-Match': '"x"', 'Accept-Language': 'th'})
    assert thai.get_json()['error'] == 'ข้อมูลเปลี่ยนไปแล้วจากฉบับที่ระบุใน If-Match'


def test_api_errors_say_what_http_asks_and_any_origin_may_read_them(client, world):  # noqa: F811
    origin = {'Origin': 'https://news.example'}
    refused = client.delete(f'/api/v1/naps/{world["public"]}', headers=origin)
    assert refused.status_code == 405
    assert set(refused.headers['Allow'].replace(' ', '').split(',')) >= {'GET', 'HEAD'}
    assert 'POST' not in refused.headers['Allow']
    assert refused.get_json()['status'] == 405
    assert refused.headers['Access-Control-Allow-Origin'] == '*'
    missing = client.get('/api/v1/no-such-list', headers=origin)
    assert missing.status_code == 404
    assert missing.get_json()['status'] == 404
    assert missing.headers['Access-Control-Allow-Origin'] == '*'
    assert 'Accept-Language' in missing.headers['Vary']
    english = client.get('/api/v1/naps/999999', headers={'Accept-Language': 'en'})
    thai = client.get('/api/v1/naps/999999', headers={'Accept-Language': 'th'})
    assert english.get_json()['error'] != thai.get_json()['error']  # hence Vary
    # Outside the API, an error page is not offered to other sites; a 405 names what is allowed.
    page = client.get('/no-such-page', headers=origin)
    assert page.status_code == 404
    assert 'Access-Control-Allow-Origin' not in page.headers
    page = client.post(f'/naps/{world["public"]}/export.pdf', headers={'Accept': 'text/html'})
    assert page.status_code == 405
    assert page.mimetype == 'text/html'
    assert 'GET' in page.headers['Allow']


def test_an_exports_json_address_answers_errors_in_json(client, world):  # noqa: F811
    missing = client.get('/naps/999999/export.json')
    assert missing.status_code == 404
    assert missing.get_json()['status'] == 404
    bad = client.get(f'/naps/{world["public"]}/export.json?lang=xx')
    assert bad.status_code == 400
    assert 'th, en' in bad.get_json()['error']
    # A browser asking for the PDF still gets a page.
    page = client.get(
        f'/naps/{world["public"]}/export.pdf?lang=xx', headers={'Accept': 'text/html'}
    )
    assert page.status_code == 400
    assert page.mimetype == 'text/html'


def test_a_signed_in_visitors_answer_is_kept_by_no_shared_cache(client, auth, world):  # noqa: F811
    assert client.get('/api/v1/naps').headers['Cache-Control'] == 'no-cache'
    auth.login(MEMBER_EMAIL)
    assert client.get('/api/v1/naps').headers['Cache-Control'] == 'private, no-cache'


def test_the_openapi_document_names_the_policy_areas_and_the_digits(client, world):  # noqa: F811
    doc = client.get('/api/v1/openapi.json').get_json()
    params = {p['name']: p for p in doc['paths']['/commitments']['get']['parameters']}
    codes = params['policy_area']['schema']['enum']
    assert 'civic_space' in codes
    assert client.get('/api/v1/commitments?policy_area=').status_code == 400  # not in the enum
    for odd in ('%00', 'a%00b'):  # PostgreSQL refuses a NUL outright: core/nul_guard.py
        refused = client.get(
            f'/api/v1/commitments?policy_area={odd}', headers={'Accept-Language': 'en'}
        )
        assert refused.status_code == 400
        assert 'NUL' in refused.get_json()['error']
    refused = client.get('/api/v1/commitments?policy_area=%1b')
    assert refused.status_code == 400
    assert 'civic_space' in refused.get_json()['error']  # the codes it knows
    for path in ('/naps/{nap_id}/export.json', '/consultations/{round_id}/summary.json'):
        names = {p['name']: p for p in doc['paths'][path]['get']['parameters']}
        assert names['digits']['schema']['enum'] == ['arabic', 'thai']
    assert '412' in doc['paths']['/naps']['get']['responses']


def test_a_persons_private_account_changes_do_not_move_last_modified(client, db, world):  # noqa: F811
    from forum.auth.models import User
    from forum.auth.services import set_locale

    _age_every_change(db, 60)
    stamp = client.get('/api/v1/naps').headers['Last-Modified']
    member = db.session.scalar(db.select(User).filter_by(email=MEMBER_EMAIL))
    set_locale(member, 'en', actor=member)
    db.session.commit()
    response = client.get('/api/v1/naps', headers={'If-Modified-Since': stamp})
    assert response.status_code == 304
    assert client.get('/api/v1/naps').headers['Last-Modified'] == stamp
