"""Anonymous readers' commitment page from memory (forum/pages/cache.py).

Never behind the commitment or its discussion, never another reader's token, never a logged-in
person's page.
"""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import event

from forum.comments.services import post_comment
from forum.commitments.models import Commitment
from forum.commitments.services import update_commitment
from forum.core import kept
from forum.extensions import db as _db
from forum.sectors.models import Organisation
from forum.sectors.services import save_organisation

EN = {'Accept-Language': 'en'}
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@pytest.fixture
def cached(app):
    """Pages kept for 10 s, on a clock the test moves."""
    app.config['PAGE_CACHE_SECONDS'] = 10
    now = [1000.0]
    original = kept.time.monotonic
    kept.time.monotonic = lambda: now[0]
    yield now
    kept.time.monotonic = original


def _statements(db, client, path):
    seen = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, 'before_cursor_execute', count)
    try:
        response = client.get(path, headers=EN)
    finally:
        event.remove(db.engine, 'before_cursor_execute', count)
    assert response.status_code == 200
    return response.get_data(as_text=True), seen


def test_a_second_anonymous_reader_gets_the_kept_page_with_a_token_of_their_own(
    app, db, client, make_commitment, cached
):
    cid = make_commitment()
    path = f'/commitments/{cid}'
    first, rendered = _statements(db, client, path)
    other = app.test_client()
    second, served = _statements(db, other, path)
    assert len(served) < len(rendered)
    assert len(served) <= 2  # the key's one query (and the session's, if any)
    mine, theirs = _META.search(first).group(1), _META.search(second).group(1)
    assert mine != theirs
    assert _META.sub('', first) == _META.sub('', second).replace(theirs, mine)
    assert '\x00' not in second
    # The token works for the session it was given to: the language form accepts it.
    answer = other.post('/language', data={'lang': 'th', 'csrf_token': theirs})
    assert answer.status_code == 302


def test_a_new_comment_or_a_save_is_on_the_next_page_at_once(
    app, db, client, make_commitment, dummy_member, secretariat, cached
):
    cid = make_commitment()
    path = f'/commitments/{cid}'
    assert 'ความเห็นล่าสุด' not in client.get(path, headers=EN).get_data(as_text=True)
    post_comment(
        db.session.get(Commitment, cid), actor=db.session.merge(dummy_member),
        body='ความเห็นล่าสุด', client_id=str(uuid.uuid4()),
    )  # fmt: skip
    db.session.commit()
    assert 'ความเห็นล่าสุด' in client.get(path, headers=EN).get_data(as_text=True)

    commitment = db.session.get(Commitment, cid)
    update_commitment(
        commitment, actor=db.session.merge(secretariat), fields={'budget': '12 ล้านบาท'},
        base_version=commitment.version,
    )  # fmt: skip
    db.session.commit()
    assert '12 ล้านบาท' in client.get(path, headers=EN).get_data(as_text=True)


def test_names_around_the_commitment_may_be_as_old_as_the_setting(
    app, db, client, make_commitment, orgs, cached
):
    cid = make_commitment()
    path = f'/commitments/{cid}'
    assert 'Ministry of Finance' in client.get(path, headers=EN).get_data(as_text=True)
    save_organisation(
        db.session.get(Organisation, orgs['ministry']), actor=None, name_en='Finance Ministry'
    )
    db.session.commit()
    kept = client.get(path, headers=EN).get_data(as_text=True)
    assert 'Ministry of Finance' in kept  # the documented staleness: at most 10 s
    cached[0] += 10
    fresh = client.get(path, headers=EN).get_data(as_text=True)
    assert 'Finance Ministry' in fresh
    assert 'Ministry of Finance' not in fresh


def test_languages_and_arguments_are_kept_apart(app, db, client, make_commitment, cached):
    cid = make_commitment()
    english = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    thai = app.test_client().get(f'/commitments/{cid}', headers={'Accept-Language': 'th'})
    assert '<html lang="en">' in english
    assert '<html lang="th">' in thai.get_data(as_text=True)
    both = client.get(f'/commitments/{cid}?view=both', headers=EN).get_data(as_text=True)
    assert both != english


def test_logged_in_readers_and_waiting_messages_are_never_served_from_memory(
    app, db, client, auth, make_commitment, dummy_member, cached
):
    cid = make_commitment()
    path = f'/commitments/{cid}'
    client.get(path, headers=EN)  # kept for anonymous readers
    auth.login('dummy@example.org')
    page = client.get(path, headers=EN).get_data(as_text=True)
    assert 'สมชาย ตัวอย่าง' in page  # the header names the person
    assert 'id="comment-form"' in page
    # A message waiting in an anonymous session is shown, not a kept page without it.
    reader = app.test_client()
    reader.get(path, headers=EN)
    with reader.session_transaction() as session:
        session['_flashes'] = [('message', 'Thank you for reading')]
    assert 'Thank you for reading' in reader.get(path, headers=EN).get_data(as_text=True)
    assert 'Thank you for reading' not in reader.get(path, headers=EN).get_data(as_text=True)


def test_a_plan_not_yet_public_is_checked_every_time(
    app, db, client, make_commitment, nap_id, cached
):
    from forum.naps.models import Nap

    cid = make_commitment()
    nap = db.session.get(Nap, nap_id)
    nap.state = 'planning'
    db.session.commit()
    assert client.get(f'/commitments/{cid}', headers=EN).status_code == 404
    assert client.get(f'/commitments/{cid}', headers=EN).status_code == 404
    assert _db.session.get(Nap, nap_id).state == 'planning'
