"""Clients that stop reading are disconnected, and their TCP connection really released.

A real gunicorn + gevent worker (tests/stalled/conftest.py: writes may wait 2 s, pings every
8 s with 4 s to answer). The stalled client is a raw websocket with a 4 KB receive buffer
that joins commitment 1 anonymously and then reads nothing, while the chair posts long Thai
comments; an anonymous python-socketio watcher reads everything, as a browser does.
"""

from __future__ import annotations

import time
import uuid

import pytest

from tests.stalled.harness import (
    LONG_BODY,
    LiveClient,
    Poster,
    RawClient,
    SingleServer,
    holds_socket,
    rss_kb,
    server_side,
)

#: The most a flood test may take to see the stalled connection closed.
FLOOD_LIMIT = 20.0


@pytest.fixture
def room(stall_server):
    """The chair (posting) and an anonymous watcher, both in commitment 1's room."""
    poster = Poster(stall_server.url)
    watcher = LiveClient(stall_server.url)
    yield poster, watcher
    watcher.close()
    poster.close()


def _wait(condition, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def _connect_stalled(server: SingleServer) -> RawClient:
    """The stalled client, joined; ``.inode`` is the server's socket of its connection."""
    stalled = RawClient(server.url, receive_buffer=4096)
    stalled.join()
    side = server_side(server.port, stalled.local_port)
    assert side['state'] == 'ESTAB'
    stalled.inode = side['inode']
    assert holds_socket(server.worker, stalled.inode)
    return stalled


def _viewers(client: LiveClient) -> int | None:
    return client.presence[-1]['viewers'] if client.presence else None


def _flood_until_closed(server, poster, stalled, *, blind: bool) -> tuple[float, list, int]:
    """Post long comments until the server drops ``stalled``; (seconds, posted, RSS growth)."""
    ping_every = stalled.handshake['pingInterval'] / 1000 / 2
    posted = []
    rss_start = rss_kb(server.worker)
    rss_peak = rss_start
    start = time.monotonic()
    next_pong = start + ping_every
    while time.monotonic() - start < FLOOD_LIMIT:
        posted.append(poster.post(f'{LONG_BODY} {len(posted)}', str(uuid.uuid4()))['id'])
        rss_peak = max(rss_peak, rss_kb(server.worker))
        if blind and time.monotonic() >= next_pong:
            stalled.pong_blindly()
            next_pong += ping_every
        if server_side(server.port, stalled.local_port) is None:
            break
    return time.monotonic() - start, posted, rss_peak - rss_start


def _assert_dropped_and_others_served(server, poster, watcher, stalled, posted):
    # The client sees the end of the connection (a reset: the server dropped what it held).
    assert stalled.closed_by_server(5)
    # Its file descriptor is released and the room no longer counts it.
    assert _wait(lambda: not holds_socket(server.worker, stalled.inode), 5)
    assert _wait(lambda: _viewers(watcher) == 2, 5), watcher.presence[-1:]
    # Everyone else got every comment, in order, and still does.
    for n in range(5):
        posted.append(poster.post(f'after the stalled one {n}', str(uuid.uuid4()))['id'])
    for client in (watcher, poster):
        assert _wait(lambda c=client: len(c.received) >= len(posted), 10)
        assert [c['id'] for c in client.received] == posted
    assert 'Traceback' not in server.log_text()


def test_a_client_that_stops_reading_is_disconnected(stall_server, room):
    poster, watcher = room
    stalled = _connect_stalled(stall_server)
    try:
        assert _wait(lambda: _viewers(watcher) == 3, 5)
        seconds, posted, rss_growth = _flood_until_closed(
            stall_server, poster, stalled, blind=False
        )
        side = server_side(stall_server.port, stalled.local_port)
        assert side is None, f'still {side} after {seconds:.1f} s and {len(posted)} comments'
        # Queued broadcasts are bounded: the worker did not keep every comment for it.
        assert rss_growth < 40 * 1024, f'{rss_growth} KiB'
        _assert_dropped_and_others_served(stall_server, poster, watcher, stalled, posted)
        assert 'Closing websocket' in stall_server.log_text()
    finally:
        stalled.close()


def test_a_client_that_answers_pings_but_reads_nothing_is_disconnected(stall_server, room):
    poster, watcher = room
    stalled = _connect_stalled(stall_server)
    log_before = len(stall_server.log_text())
    try:
        assert _wait(lambda: _viewers(watcher) == 3, 5)
        seconds, posted, _growth = _flood_until_closed(stall_server, poster, stalled, blind=True)
        assert server_side(stall_server.port, stalled.local_port) is None, f'{seconds:.1f} s'
        # Closed for what it left unread, not for pings (it answered them all).
        closing = [
            line
            for line in stall_server.log_text()[log_before:].splitlines()
            if 'Closing websocket' in line
        ]
        assert len(closing) == 1, closing
        assert 'no progress writing' in closing[0] or 'waiting' in closing[0], closing
        _assert_dropped_and_others_served(stall_server, poster, watcher, stalled, posted)
    finally:
        stalled.close()


def test_a_client_that_answers_no_ping_is_disconnected_for_real(stall_server, room):
    """Engine.IO's ping timeout closes the socket; the TCP connection must go with it."""
    _poster, watcher = room
    stalled = _connect_stalled(stall_server)
    handshake = stalled.handshake
    # Nothing is sent to it but pings, which it never answers.
    gone_after = (handshake['pingInterval'] + handshake['pingTimeout']) / 1000
    try:
        assert _wait(lambda: _viewers(watcher) == 3, 5)
        start = time.monotonic()
        assert _wait(
            lambda: server_side(stall_server.port, stalled.local_port) is None,
            gone_after + 10,
            step=0.5,
        ), f'still open {time.monotonic() - start:.0f} s after joining'
        assert stalled.closed_by_server(2)
        assert _wait(lambda: not holds_socket(stall_server.worker, stalled.inode), 5)
        assert _viewers(watcher) == 2
        assert 'Traceback' not in stall_server.log_text()
    finally:
        stalled.close()
