"""Two server processes behind one Redis channel: comments, presence, revisions, logout."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest

from forum.demo.data import ORGANISATIONS, PEOPLE
from tests.servers import BIN, ROOT

COMMITMENT = 1
CHAIR = 'chair@example.org'
COCHAIR = 'cochair@example.org'
SECRETARIAT = 'secretariat@example.org'
CHAIR_NAME = 'ประเสริฐ วงศ์สวัสดิ์'
COCHAIR_NAME = 'มาลี ทองคำ'
BUSINESS_NAME = 'วรวุฒิ พาณิชย์'
YOUTH = 'youth@example.org'
YOUTH_NAME = 'ธนากร เยาวชน'
BUSINESS = 'business@example.org'


def _person(email: str) -> dict:
    """How presence shows a demo account it names: name, sector, organisation, verified."""
    _email, name, _role, sector, org_key, _seat = next(p for p in PEOPLE if p[0] == email)
    org = next(o for o in ORGANISATIONS if o[0] == org_key)
    # Demo accounts are created by the secretariat's command: their affiliation is confirmed.
    return {'name': name, 'sector': sector, 'organisation': {'th': org[2], 'en': org[3]},
            'verified': True}  # fmt: skip


def _people(*emails: str) -> list[dict]:
    """The ``people`` of a presence announcement naming ``emails``, in its order."""
    return sorted((_person(e) for e in emails), key=lambda p: (p['name'], p['sector']))


def _join(client, **extra) -> dict:
    """Join commitment 1 and return the acknowledgement, checked ok."""
    ack = client.call('join', {'commitment_id': COMMITMENT, **extra})
    assert ack['ok'] is True, ack
    return ack


def _comment_payload(client_id: str, body: str) -> dict:
    """A ``post_comment`` payload for commitment 1."""
    return {'commitment_id': COMMITMENT, 'body': body, 'client_id': client_id}


def _added(client, comment_id: int) -> list[dict]:
    """The ``comment_added`` events ``client`` received for ``comment_id``."""
    return [e for e in client.events('comment_added') if e['comment']['id'] == comment_id]


def _after_a_marker(poster, *clients) -> int:
    """Post a marker comment, wait until every one of ``clients`` has it; return its id.

    Broadcasts go through one Redis channel, which every process reads in the order they were
    published, and each socket gets them in that order: whatever was broadcast before the
    marker has then reached them all. What has not arrived by now was never sent.
    """
    client_id = str(uuid.uuid4())
    ack = poster.call('post_comment', _comment_payload(client_id, f'marker {client_id}'))
    assert ack['ok'] is True, ack
    for client in clients:
        client.wait_for('comment_added', lambda e: e['comment']['id'] == ack['comment']['id'])
    return ack['comment']['id']


def test_comment_on_one_process_reaches_the_other_and_a_retry_there_is_idempotent(
    web, live, server_a, server_b, db_query
):
    chair = web(server_a).login(CHAIR)
    token_a = chair.page_csrf()
    poster = live(chair, 'chair@A', csrf=token_a)
    watcher = live(web(server_b), 'anonymous@B', logged_in=False)
    # The chair's page was served by A; its socket reconnects to B with the same cookie and token.
    retrier = live(chair.on(server_b), 'chair@B', csrf=token_a)

    assert _join(poster)['can_comment'] is True
    assert _join(watcher)['can_comment'] is False
    assert _join(retrier)['can_comment'] is True

    client_id = str(uuid.uuid4())
    body = f'ข้อเสนอข้ามกระบวนการ **across processes** {client_id}'
    ack = poster.call('post_comment', _comment_payload(client_id, body))
    assert ack['ok'] is True, ack
    comment = ack['comment']
    assert comment['commitment_id'] == COMMITMENT
    assert client_id in comment['body_html']
    assert '<strong>across processes</strong>' in comment['body_html']

    event = watcher.wait_for('comment_added', lambda e: e['comment']['id'] == comment['id'])
    assert event['comment'] == comment
    retrier.wait_for('comment_added', lambda e: e['comment']['id'] == comment['id'])

    retry = retrier.call('post_comment', _comment_payload(client_id, body))
    assert retry == {'ok': True, 'comment': comment}
    # Retrying on the first process too gives the same comment.
    assert poster.call('post_comment', _comment_payload(client_id, body))['comment'] == comment

    rows = db_query(
        'SELECT c.id, c.body, u.email FROM comments c JOIN users u ON u.id = c.author_id '
        'WHERE c.client_id = %s',
        (client_id,),
    )
    assert rows == [(comment['id'], body, CHAIR)]

    # A retry sends the comment to the room again (its first broadcast may have died with its
    # process): the same comment at the same seq, which a client holding it ignores.
    marker = _after_a_marker(poster, poster, watcher, retrier)
    for client in (poster, watcher, retrier):
        assert _added(client, comment['id']) == [{'comment': comment}] * 3, client.name

    # A late joiner on B gets the comment (and the marker after it) in the join acknowledgement.
    late = live(web(server_b), 'late@B', logged_in=False)
    ack = _join(late, since_id=comment['id'] - 1)
    assert [c['id'] for c in ack['comments']] == [comment['id'], marker]


def _race(*calls: tuple) -> dict[str, dict]:
    """Send ``(client, payload)`` posts at the same moment; return the acks by client name."""
    start = threading.Barrier(len(calls))
    acks: dict[str, dict] = {}

    def send(client, payload):
        start.wait()
        acks[client.name] = client.call('post_comment', payload)

    threads = [threading.Thread(target=send, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert set(acks) == {client.name for client, _payload in calls}, acks
    return acks


@pytest.fixture
def chair_on_both(web, live, server_a, server_b):
    """The chair's sockets on A and on B: one browser (cookie, page token), two processes."""
    chair = web(server_a).login(CHAIR)
    token = chair.page_csrf()
    return live(chair, 'chair@A', csrf=token), live(chair.on(server_b), 'chair@B', csrf=token)


def test_simultaneous_retries_on_both_processes_store_one_comment(
    web, live, server_b, chair_on_both, db_query
):
    on_a, on_b = chair_on_both
    watcher = live(web(server_b), 'anonymous@B', logged_in=False)
    for client in (on_a, on_b, watcher):
        _join(client)

    ids = []
    for round_ in range(5):
        client_id = str(uuid.uuid4())
        payload = _comment_payload(client_id, f'Race {round_} {client_id}')
        acks = _race((on_a, payload), (on_b, payload))
        assert all(ack['ok'] for ack in acks.values()), acks
        assert acks['chair@A']['comment'] == acks['chair@B']['comment'], acks
        comment_id = acks['chair@A']['comment']['id']
        count = db_query('SELECT count(*) FROM comments WHERE client_id = %s', (client_id,))
        assert count == [(1,)]
        watcher.wait_for('comment_added', lambda e, cid=comment_id: e['comment']['id'] == cid)
        ids.append(comment_id)

    _after_a_marker(on_a, watcher)
    for comment_id in ids:  # the loser of each race sends the same comment again
        added = _added(watcher, comment_id)
        assert 1 <= len(added) <= 2, comment_id
        assert all(a == added[0] for a in added), comment_id


def test_simultaneous_retries_with_an_upper_case_client_id_agree(chair_on_both, db_query):
    on_a, on_b = chair_on_both
    for round_ in range(4):
        client_id = str(uuid.uuid4()).upper()
        payload = _comment_payload(client_id, f'Upper-case race {round_}')
        acks = _race((on_a, payload), (on_b, payload))
        count = db_query('SELECT count(*) FROM comments WHERE client_id = %s', (client_id.lower(),))
        assert count == [(1,)]
        assert all(ack['ok'] for ack in acks.values()), acks
        assert acks['chair@A']['comment'] == acks['chair@B']['comment'], acks


def test_a_client_id_raced_onto_two_commitments_never_answers_with_the_other(chair_on_both):
    on_a, on_b = chair_on_both
    for round_ in range(4):
        client_id = str(uuid.uuid4())
        acks = _race(
            (on_a, {'commitment_id': 1, 'body': f'One {round_}', 'client_id': client_id}),
            (on_b, {'commitment_id': 2, 'body': f'Two {round_}', 'client_id': client_id}),
        )
        assert sum(ack['ok'] for ack in acks.values()) == 1, acks
        for name, wanted in (('chair@A', 1), ('chair@B', 2)):
            if acks[name]['ok']:
                assert acks[name]['comment']['commitment_id'] == wanted, acks


def test_presence_from_one_process_reaches_the_other(web, live, server_a, server_b):
    cid = 6  # a room of its own: no other test's sockets come or go there
    watcher = live(web(server_b), 'anonymous@B', logged_in=False)
    assert watcher.call('join', {'commitment_id': cid})['ok'] is True
    chair = live(web(server_a).login(CHAIR), 'chair@A')
    assert chair.call('join', {'commitment_id': cid})['ok'] is True

    state = watcher.wait_for('presence', lambda p: p['commitment_id'] == cid and p['viewers'] == 2)
    assert state == {
        'commitment_id': cid,
        'viewers': 2,
        'by_sector': {'anonymous': 1, 'government': 1},
        'members': [CHAIR_NAME],
        'people': _people(CHAIR),
        'editors': [],
    }

    watcher.forget()
    assert chair.call('leave', {'commitment_id': cid}) == {'ok': True}
    state = watcher.wait_for('presence', lambda p: p['commitment_id'] == cid and p['viewers'] == 1)
    assert state == {
        'commitment_id': cid,
        'viewers': 1,
        'by_sector': {'anonymous': 1},
        'members': [],
        'people': [],
        'editors': [],
    }


def _worker_pid(server) -> int:
    """The process id of a server's one gunicorn worker (the process that holds the sockets)."""
    master = server.proc.pid
    children = Path(f'/proc/{master}/task/{master}/children').read_text().split()
    assert len(children) == 1, f'server {server.name}: workers {children}'
    return int(children[0])


def _settles(
    client, commitment_id: int, expected: dict, probes: list, timeout: float = 15
) -> float:
    """Wait until the latest presence ``client`` heard is ``expected``; return the seconds taken.

    The latest, not any: with per-process counts the announcements of the processes alternate,
    and an earlier matching one would hide that. So once it matches, each process is asked
    too: ``probes`` (anonymous sockets already in the room, one on each live process) join
    again, which changes nothing, and each process answers with the room as it sees it and
    announces it; the next announcement ``client`` hears must still be ``expected``.
    """
    expected = {'commitment_id': commitment_id, **expected}
    start = time.monotonic()
    deadline = start + timeout
    latest = None
    while time.monotonic() < deadline:
        heard = [p for p in client.events('presence') if p['commitment_id'] == commitment_id]
        latest = heard[-1] if heard else None
        if latest == expected:
            took = time.monotonic() - start
            client.forget()
            for probe in probes:
                ack = probe.call('join', {'commitment_id': commitment_id})
                assert ack['presence'] == expected, f'{probe.name} answers {ack["presence"]}'
            after = client.wait_for('presence', lambda p: p['commitment_id'] == commitment_id)
            assert after == expected, f'{client.name} then heard {after}'
            return took
        time.sleep(0.05)
    pytest.fail(f'{client.name}: presence is {latest}, expected {expected}')


def test_every_process_announces_the_same_counts(web, live, server_a, server_b):
    cid = 3
    watchers = [
        live(web(server_a), 'anonymous@A', logged_in=False),
        live(web(server_b), 'anonymous@B', logged_in=False),
    ]
    viewers = [
        live(web(server_a).login(CHAIR), 'chair@A'),
        live(web(server_b).login(COCHAIR), 'cochair@B'),
        live(web(server_b).login(BUSINESS), 'business@B'),
        live(web(server_a).login('participant@example.org'), 'participant@A'),
    ]
    for client in watchers + viewers:
        ack = client.call('join', {'commitment_id': cid})
        assert ack['ok'] is True, ack
    everyone = {
        'viewers': 6,
        'by_sector': {'anonymous': 2, 'government': 1, 'civil_society': 2, 'private_sector': 1},
        'members': sorted([CHAIR_NAME, COCHAIR_NAME, BUSINESS_NAME]),
        'people': _people(CHAIR, COCHAIR, BUSINESS),
        'editors': [],
    }
    # The last to join, on A, is told of the viewers on B in its own acknowledgement.
    assert ack['presence'] == {'commitment_id': cid, **everyone}
    for watcher in watchers:
        _settles(watcher, cid, everyone, probes=watchers)

    assert viewers[1].call('leave', {'commitment_id': cid}) == {'ok': True}
    viewers[2].close()  # business@B's browser goes away
    fewer = {
        'viewers': 4,
        'by_sector': {'anonymous': 2, 'government': 1, 'civil_society': 1},
        'members': [CHAIR_NAME],
        'people': _people(CHAIR),
        'editors': [],
    }
    for watcher in watchers:
        _settles(watcher, cid, fewer, probes=watchers)


def test_a_dead_processes_viewers_leave_every_count(
    web, live, server_a, server_b, server_c, queued_env
):
    cid = 4
    watchers = [
        live(web(server_a), 'anonymous@A', logged_in=False),
        live(web(server_b), 'anonymous@B', logged_in=False),
    ]
    doomed = [
        live(web(server_c), 'anonymous@C', logged_in=False),
        live(web(server_c).login(YOUTH), 'youth@C'),
    ]
    for client in watchers + doomed:
        assert client.call('join', {'commitment_id': cid})['ok'] is True
    with_c = {
        'viewers': 4,
        'by_sector': {'anonymous': 3, 'civil_society': 1},
        'members': [YOUTH_NAME],
        'people': _people(YOUTH),
        'editors': [],
    }
    for watcher in watchers:
        _settles(watcher, cid, with_c, probes=[*watchers, doomed[0]])

    # A crash: the worker holding C's sockets dies at once, running no disconnect handler.
    os.kill(_worker_pid(server_c), signal.SIGKILL)
    without_c = {
        'viewers': 2, 'by_sector': {'anonymous': 2}, 'members': [], 'people': [], 'editors': [],
    }  # fmt: skip
    # C's lease (3 heartbeats of 1 s) runs out, then A's or B's next beat (2 s) announces it.
    bound = 3 * 1 + float(queued_env['FORUM_PRESENCE_HEARTBEAT']) + 3  # + slack: a busy machine
    took = _settles(watchers[0], cid, without_c, probes=watchers, timeout=bound + 5)
    assert took <= bound, f'{took:.1f} s'
    _settles(watchers[1], cid, without_c, probes=watchers, timeout=5)


def test_update_person_from_any_process_reaches_sockets_on_every_process(
    web, live, server_a, server_b, queued_env, db_query
):
    cid = 5
    watchers = [
        live(web(server_a), 'anonymous@A', logged_in=False),
        live(web(server_b), 'anonymous@B', logged_in=False),
    ]
    chair = web(server_a).login(CHAIR)
    token = chair.page_csrf()
    on_a = live(chair, 'chair@A', csrf=token)
    on_b = live(chair.on(server_b), 'chair@B', csrf=token)
    for client in (*watchers, on_a, on_b):
        assert client.call('join', {'commitment_id': cid})['ok'] is True
    _settles(watchers[0], cid, {
        'viewers': 4, 'by_sector': {'anonymous': 2, 'government': 2},
        'members': [CHAIR_NAME], 'people': _people(CHAIR), 'editors': [],
    }, probes=watchers)  # fmt: skip
    [(chair_id,)] = db_query('SELECT id FROM users WHERE email = %s', (CHAIR,))

    # A third process with no sockets (as a command would): the chair's seat has ended.
    script = (
        'from wsgi import app\n'
        'from forum.commitments import live\n'
        'with app.app_context():\n'
        f'    print(live.update_person({chair_id}, named=False))\n'
    )
    done = subprocess.run(
        [str(BIN / 'python'), '-c', script], cwd=ROOT, env=queued_env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f'[{cid}]'
    unnamed = {
        'viewers': 4,
        'by_sector': {'anonymous': 2, 'government': 2},
        'members': [],
        'people': [],
        'editors': [],
    }
    for client in (watchers[0], on_b):
        _settles(client, cid, unnamed, probes=watchers, timeout=5)


class FormReader(HTMLParser):
    """The fields of a page's commitment form, as a browser submits them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        """Collect inputs, textareas and selected options inside the form."""
        a = {k: (v or '') for k, v in attrs}
        if tag == 'form' and not self._done and 'data-commitment-id' in a:
            self._in_form = True
        if not self._in_form:
            return
        if tag == 'input' and a.get('name'):
            kind = a.get('type', 'text').lower()
            if kind in ('checkbox', 'radio') and 'checked' not in a:
                return
            if kind in ('submit', 'button', 'file', 'image', 'reset'):
                return
            self.fields.append((a['name'], a.get('value', 'on' if kind == 'checkbox' else '')))
        elif tag == 'textarea':
            self._textarea, self._text = a.get('name'), []
        elif tag == 'select':
            self._select = a.get('name')
        elif tag == 'option' and self._select and 'selected' in a:
            self.fields.append((self._select, a.get('value', '')))

    def handle_data(self, data):
        """Keep a textarea's text."""
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        """Close textareas, selects and the form."""
        if tag == 'textarea' and self._textarea is not None:
            # Browsers drop the one newline that may follow <textarea>.
            text = ''.join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith('\n') else text))
            self._textarea = None
        elif tag == 'select':
            self._select = None
        elif tag == 'form' and self._in_form:
            self._in_form, self._done = False, True


def _form_fields(page: str) -> list[tuple[str, str]]:
    """The fields the commitment form of ``page`` would submit, in order."""
    reader = FormReader()
    reader.feed(page)
    return reader.fields


def test_revision_saved_on_one_process_reaches_the_other(web, live, server_a, server_b):
    watcher = live(web(server_b), 'anonymous@B', logged_in=False)
    version = _join(watcher)['version']
    secretariat = web(server_a).login(SECRETARIAT)

    page = secretariat.get(f'/commitments/{COMMITMENT}/edit')
    assert page.status_code == 200
    fields = _form_fields(page.text)
    names = [name for name, _value in fields]
    assert {'csrf_token', 'version', 'budget', 'title_th'} <= set(names), names
    budget = f'{uuid.uuid4().hex[:8]} บาท'
    fields = [(n, budget if n == 'budget' else v) for n, v in fields]
    saved = secretariat.post(f'/commitments/{COMMITMENT}/edit', fields, allow_redirects=False)
    assert saved.status_code == 302, saved.text[:2000]

    event = watcher.wait_for('revision_saved', lambda e: e['revision'] == version + 1)
    assert event['commitment_id'] == COMMITMENT
    assert event['changed_fields'] == ['budget']
    assert event['author'] == 'สมศรี ใจดี (เลขานุการ)'
    assert event['history_url'] == f'/commitments/{COMMITMENT}/history?a={version}&b={version + 1}'
    assert _join(live(web(server_b), 'late@B', logged_in=False))['version'] == version + 1


def test_logout_on_one_process_closes_sockets_on_the_other(web, live, server_a, server_b):
    cochair = web(server_a).login(COCHAIR)
    token = cochair.page_csrf()
    on_a = live(cochair, 'cochair@A', csrf=token)
    on_b = live(cochair.on(server_b), 'cochair@B', csrf=token)

    logout = cochair.post('/auth/logout', {'csrf_token': token}, allow_redirects=False)
    assert logout.status_code == 302

    on_b.wait_for('session_ended')
    on_a.wait_for('session_ended')
    # Both servers close the person's connections: A its own, B on A's request over Redis.
    deadline = time.monotonic() + 5
    while (on_a.sio.connected or on_b.sio.connected) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not on_a.sio.connected
    assert not on_b.sio.connected


@pytest.mark.parametrize('server', ['A', 'B'])
def test_each_process_refuses_a_logged_in_socket_without_csrf(web, server, servers):
    import socketio

    target = servers['AB'.index(server)]
    chair = web(target).login(CHAIR)
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(target.url, headers={'Cookie': chair.cookie_header()}, wait_timeout=5)
    client.disconnect()
