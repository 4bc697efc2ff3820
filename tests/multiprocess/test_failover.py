"""A process killed between its commit and its broadcast: the author's retry elsewhere tells all.

Server D dies with SIGKILL right after committing a comment whose text holds a marker (the
test-only ``FORUM_TEST_DIE_AFTER_COMMIT`` hook in forum/realtime/broadcast.py), before anything
is broadcast. The author's page sends it again with the same ``client_id`` to server B; B finds
the stored comment and sends it to the room, so the viewers on A and B get it without a reload.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.multiprocess.conftest import Server, _start, _wait_healthy
from tests.servers import free_ports, stop

COMMITMENT = 1
MARKER = f'die-after-commit-{uuid.uuid4().hex[:8]}'


@pytest.fixture
def server_d(servers, queued_env) -> Iterator[Server]:
    """A third server on the same channel whose worker dies after committing MARKER."""
    server = _start('D', free_ports(1)[0], dict(queued_env, FORUM_TEST_DIE_AFTER_COMMIT=MARKER))
    try:
        _wait_healthy(server)
        yield server
    finally:
        stop(server.proc)


def test_a_comment_whose_process_died_before_broadcasting_reaches_everyone_on_retry(
    web, live, server_a, server_b, server_d, db_query
):
    viewers = [
        live(web(server_a), 'anonymous@A', logged_in=False),
        live(web(server_b), 'anonymous@B', logged_in=False),
    ]
    for viewer in viewers:
        assert viewer.call('join', {'commitment_id': COMMITMENT})['ok']
    chair = web(server_d).login('chair@example.org')
    token = chair.page_csrf()
    # The author posts without joining the room: no presence entry of theirs outlives D's worker
    # (the other tests count the rooms the chair is in).
    author = live(chair, 'chair@D', csrf=token)

    client_id = str(uuid.uuid4())
    payload = {'commitment_id': COMMITMENT, 'body': f'ข้อเสนอ {MARKER}', 'client_id': client_id}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the worker died: no ack of any kind
        author.call('post_comment', payload, timeout=5)
    rows = db_query('SELECT id, seq FROM comments WHERE client_id = %s', (client_id,))
    assert len(rows) == 1, 'the comment was committed before the process died'
    comment_id, seq = rows[0]
    # Nothing was broadcast: a marker posted on A after D died reaches both viewers first. (One
    # Redis channel, read by every process in the order of publishing: had D broadcast before it
    # died, that would have come before the marker.)
    marker = live(chair.on(server_a), 'chair@A', csrf=token).call(
        'post_comment',
        {'commitment_id': COMMITMENT, 'body': 'marker', 'client_id': str(uuid.uuid4())},
    )
    assert marker['ok'] is True, marker
    for viewer in viewers:
        viewer.wait_for('comment_added', lambda e: e['comment']['id'] == marker['comment']['id'])
        assert not [e for e in viewer.events('comment_added') if e['comment']['id'] == comment_id]

    # The author's page reconnects (to B) and sends the pending comment again.
    retrier = live(chair.on(server_b), 'chair@B', csrf=token)
    ack = retrier.call('post_comment', payload)
    assert ack['ok'] is True
    assert ack['comment']['id'] == comment_id
    assert ack['comment']['seq'] == seq
    for viewer in viewers:
        event = viewer.wait_for('comment_added', lambda e: e['comment']['id'] == comment_id)
        assert event['comment'] == ack['comment']
