"""What every API answer shares: pages, validators and 304s, CORS for GET only; the members."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from forum.commitments.models import Commitment
from forum.core.audit import AuditEntry
from tests.api.test_api import MEMBER_EMAIL, world  # noqa: F401 - the fixture
from tests.conftest import audit_triggers_lifted


def _age_every_change(db, seconds: int = 60) -> None:
    """Make every recorded change ``seconds`` old (Last-Modified is only sent once settled)."""
    past = datetime.now(UTC) - timedelta(seconds=seconds)
    # The audit log is append-only (docs/moderation.md): its triggers are lifted for this test's
    # time travel only, in the same transaction, and the ORM's guard by the connection.
    conn = db.session.connection()
    with audit_triggers_lifted(conn):
        conn.execute(update(AuditEntry.__table__).values(created_dt=past))
    db.session.execute(
        update(Commitment).values(modified_dt=past).execution_options(synchronize_session=False)
    )
    db.session.commit()


def test_pages_of_commitments(client, world):  # noqa: F811
    first = client.get('/api/v1/commitments?per_page=1&nap=' + str(world['public']))
    data = first.get_json()
    assert (data['count'], data['total'], data['page'], data['pages']) == (1, 2, 1, 2)
    assert data['previous'] is None
    assert data['next'].endswith(f'/api/v1/commitments?page=2&per_page=1&nap={world["public"]}')
    assert first.headers['Link'] == f'<{data["next"]}>; rel="next"'
    second = client.get(data['next']).get_json()
    assert second['page'] == 2
    assert second['next'] is None
    assert [data['items'][0]['code'], second['items'][0]['code']] == ['TH0001', 'TH0002']
    beyond = client.get('/api/v1/commitments?page=9').get_json()
    assert (beyond['count'], beyond['items']) == (0, [])


@pytest.mark.parametrize(
    ('query', 'name'),
    [
        ('page=0', 'page'),
        ('page=abc', 'page'),
        ('per_page=201', 'per_page'),
        ('per_page=-1', 'per_page'),
    ],  # fmt: skip
)
def test_bad_page_parameters_are_400(client, world, query, name):  # noqa: F811
    response = client.get(f'/api/v1/naps?{query}', headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    assert f'"{name}" must be a whole number' in response.get_json()['error']


def test_etag_answers_304_until_something_changes(client, db, world):  # noqa: F811
    url = f'/api/v1/commitments/{world["complete"]}'
    first = client.get(url)
    etag = first.headers['ETag']
    assert first.headers['Cache-Control'] == 'no-cache'
    again = client.get(url, headers={'If-None-Match': etag})
    assert again.status_code == 304
    assert again.get_data() == b''
    assert again.headers['ETag'] == etag
    # Both languages are in every answer: with no checklist message, English is the same JSON...
    english = client.get(url, headers={'If-None-Match': etag, 'Accept-Language': 'en'})
    assert english.status_code == 304
    # ...a change the visitor would see makes a new ETag.
    db.session.get(Commitment, world['complete']).title_en = 'Open contracts'
    db.session.commit()
    changed = client.get(url, headers={'If-None-Match': etag})
    assert changed.status_code == 200
    assert changed.headers['ETag'] != etag
    assert changed.get_json()['title']['en'] == 'Open contracts'


def test_last_modified_answers_304_and_is_never_ahead_of_a_change(client, db, world):  # noqa: F811
    response = client.get('/api/v1/naps')
    assert 'Last-Modified' not in response.headers  # the changes are seconds old
    _age_every_change(db)
    response = client.get('/api/v1/naps')
    stamp = response.headers['Last-Modified']
    assert client.get('/api/v1/naps', headers={'If-Modified-Since': stamp}).status_code == 304
    # A change since: the same date no longer passes.
    db.session.get(Commitment, world['complete']).title_en = 'Changed'
    db.session.commit()
    assert client.get('/api/v1/naps', headers={'If-Modified-Since': stamp}).status_code == 200


def test_any_origin_may_get_without_credentials(client, world):  # noqa: F811
    response = client.get('/api/v1/naps', headers={'Origin': 'https://news.example'})
    assert response.headers['Access-Control-Allow-Origin'] == '*'
    assert 'Access-Control-Allow-Credentials' not in response.headers
    assert 'ETag' in response.headers['Access-Control-Expose-Headers']
    preflight = client.options(
        '/api/v1/naps',
        headers={
            'Origin': 'https://news.example',
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'if-none-match',
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers['Access-Control-Allow-Methods'] == 'GET'
    assert 'If-None-Match' in preflight.headers['Access-Control-Allow-Headers']
    # Only reading: a POST is refused whatever its origin.
    refused = client.post('/api/v1/naps', headers={'Origin': 'https://news.example'})
    assert refused.status_code == 405


def test_members_by_sector(client, world):  # noqa: F811
    data = client.get('/api/v1/members').get_json()
    assert data['total'] == 1
    (seat,) = data['items']
    assert seat['name'] == 'ผู้ร่าง'
    assert seat['sector'] == 'civil_society'
    assert seat['seat_role'] == 'member'
    assert seat['term_start'] == '2026-01-01'
    counts = {s['code']: s['seats'] for s in data['sectors']}
    assert counts['civil_society'] == 1
    assert counts['government'] == 0
    assert next(s for s in data['sectors'] if s['code'] == 'government')['name']['th'] == 'ภาครัฐ'
    assert MEMBER_EMAIL not in str(data)
