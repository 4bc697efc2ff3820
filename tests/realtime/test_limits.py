"""Limits of one websocket (forum.realtime.limits): real Engine.IO sockets over real TCP.

Each test serves one Engine.IO socket through the app's websocket class (threads, as the suite
runs) to a peer with a 4 KB receive buffer that reads nothing, and checks what the server does
once that peer's buffers are full. tests/stalled does the same against gunicorn + gevent.
"""

from __future__ import annotations

import queue
import socket
import sys
import threading
import time

import gevent.queue
import pytest
from engineio import packet as eio_packet
from engineio.socket import Socket as EngineIOSocket
from wsproto import ConnectionType, WSConnection
from wsproto.events import Request

from forum import create_app
from forum.extensions import socketio
from forum.realtime import limits
from forum.realtime.frames import DirectTextFrames
from forum.realtime.limits import CountedQueue, SocketLimits


def _message(text: str):
    return eio_packet.Packet(eio_packet.MESSAGE, data=text)


@pytest.mark.parametrize('base', [queue.Queue, gevent.queue.JoinableQueue])
def test_a_counted_queue_knows_the_bytes_it_holds(base):
    counted = type('Counted', (CountedQueue, base), {})()
    big, small = _message('ก' * 5000), _message('2["presence",{}]')
    counted.put(big)
    counted.put(small)
    counted.put(None)  # Engine.IO's "stop" marker holds nothing
    assert counted.forum_bytes == sys.getsizeof(big.data) + sys.getsizeof(small.data)
    assert counted.forum_bytes > 10_000  # Thai text is held at 2 bytes a character
    assert counted.get() is big
    assert counted.forum_bytes == sys.getsizeof(small.data)
    counted.get()
    counted.get()
    assert counted.forum_bytes == 0


@pytest.mark.parametrize(
    ('name', 'value'),
    [('SOCKET_QUEUE_LIMIT', 0), ('SOCKET_QUEUE_BYTES', -1), ('SOCKET_SEND_TIMEOUT', 0)],
)
def test_a_limit_out_of_range_stops_start_up(database_url, name, value):
    with pytest.raises(ValueError, match=f'FORUM_{name}'):
        create_app({'SQLALCHEMY_DATABASE_URI': database_url, name: value})


def test_other_library_versions_stop_start_up(database_url, monkeypatch):
    monkeypatch.setitem(limits.PINNED, 'python-engineio', '0.0.1')
    with pytest.raises(RuntimeError, match='python-engineio==0.0.1'):
        create_app({'SQLALCHEMY_DATABASE_URI': database_url})


def test_a_moved_internal_stops_start_up(database_url, monkeypatch):
    # frames.py and limits.py replace this private method: if a release renames it, the app
    # must refuse to start (naming what is missing), not run without the fast path.
    from socketio import Server as SocketIOServer

    monkeypatch.delattr(SocketIOServer, '_send_eio_packet')
    with pytest.raises(
        RuntimeError, match=r'missing: .*socketio\.server\.Server\._send_eio_packet'
    ):
        create_app({'SQLALCHEMY_DATABASE_URI': database_url})


class _Connection:
    """One Engine.IO socket served over TCP by the app's websocket class, in threads."""

    def __init__(self):
        eio = socketio.server.eio
        self.sid = f'limits-{time.monotonic_ns()}'
        self.eio_socket = EngineIOSocket(eio, self.sid)
        eio.sockets[self.sid] = self.eio_socket
        listener = socket.create_server(('127.0.0.1', 0))
        self.peer = socket.socket()
        self.peer.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.peer.connect(listener.getsockname())
        server_sock, _ = listener.accept()
        listener.close()
        server_sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
        self.server_sock = server_sock
        ws = WSConnection(ConnectionType.CLIENT)
        head = ws.send(Request(host='forum.test', target='/socket.io/')).decode().split('\r\n')
        headers = dict(line.split(': ', 1) for line in head[1:] if ': ' in line)
        environ = {
            'werkzeug.socket': server_sock,
            'HTTP_HOST': 'forum.test',
            'HTTP_CONNECTION': 'Upgrade',
            'HTTP_UPGRADE': 'websocket',
            'HTTP_SEC_WEBSOCKET_VERSION': '13',
            'HTTP_SEC_WEBSOCKET_KEY': headers['Sec-WebSocket-Key'],
        }
        self.wrapper = eio._async['websocket'](self.eio_socket._websocket_handler, eio)
        self.thread = threading.Thread(target=self._serve, args=(environ,), daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 5
        while not self.eio_socket.upgraded and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.eio_socket.upgraded

    def _serve(self, environ):
        try:
            self.wrapper(environ, lambda *a: None)
        except ConnectionError:
            pass  # how the wrapper ends under Werkzeug

    def flood(self, count: int, text: str = 'ก' * 5000) -> None:
        """Send ``count`` packets the way Socket.IO does (each through _send_eio_packet)."""
        for _ in range(count):
            socketio.server._send_eio_packet(self.sid, _message(text))

    def peer_sees_the_end(self, timeout: float) -> bool:
        """Whether the peer, reading now, reaches the end of the connection in time."""
        self.peer.settimeout(timeout)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if not self.peer.recv(1 << 20):
                    return True
        except ConnectionResetError:
            return True
        except TimeoutError:
            return False
        return False

    def close(self) -> None:
        self.peer.close()
        self.thread.join(5)
        socketio.server.eio.sockets.pop(self.sid, None)


def _app(database_url, **settings):
    return create_app({'SQLALCHEMY_DATABASE_URI': database_url, **settings})


#: How long a test waits for what must happen within a watchdog round or two (about 2 s here):
#: the machine may be busy with other work; an idle one answers at once.
EVENTUALLY = 15


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        time.sleep(0.02)
    return condition()


def test_a_socket_whose_queue_is_full_is_closed(database_url):
    _app(database_url, SOCKET_QUEUE_LIMIT=8, SOCKET_SEND_TIMEOUT=60)
    conn = _Connection()
    try:
        conn.flood(200)
        assert conn.wrapper.aborted == '8 packets waiting'
        # Nothing more is queued for it, and its connection ends the normal way.
        assert _wait(lambda: conn.eio_socket.closed, EVENTUALLY)
        assert conn.eio_socket.queue.qsize() <= 9
        assert conn.peer_sees_the_end(EVENTUALLY)
        conn.thread.join(5)
        assert not conn.thread.is_alive()
        assert conn.server_sock.fileno() == -1  # closed: its file descriptor is released
    finally:
        conn.close()


def test_a_socket_holding_too_many_bytes_is_closed(database_url):
    _app(database_url, SOCKET_QUEUE_BYTES=50_000, SOCKET_SEND_TIMEOUT=60)
    conn = _Connection()
    try:
        conn.flood(40)  # 10 kB each
        assert conn.wrapper.aborted is not None
        assert conn.wrapper.aborted.endswith('bytes waiting')
        assert conn.peer_sees_the_end(EVENTUALLY)
    finally:
        conn.close()


@pytest.mark.parametrize('compression', [False, True], ids=['direct-frames', 'simple-websocket'])
def test_a_write_without_progress_closes_the_connection(database_url, compression):
    _app(database_url, SOCKET_SEND_TIMEOUT=0.5, WEBSOCKET_COMPRESSION=compression)
    assert issubclass(socketio.server.eio._async['websocket'], DirectTextFrames) != compression
    conn = _Connection()
    try:
        conn.flood(30)  # far more than the buffers take; far fewer than the queue's limits
        assert _wait(lambda: conn.wrapper.aborted is not None, EVENTUALLY)
        assert conn.wrapper.aborted.startswith('no progress writing for')
        assert conn.peer_sees_the_end(EVENTUALLY)
        assert _wait(lambda: conn.eio_socket.closed, EVENTUALLY)
    finally:
        conn.close()


def test_a_closed_engineio_socket_does_not_keep_its_connection(database_url, monkeypatch):
    """As after a ping timeout: Engine.IO marks the socket closed; the peer says nothing."""
    monkeypatch.setattr(limits, 'CLOSE_GRACE', 0.5)
    _app(database_url)
    conn = _Connection()
    try:
        conn.eio_socket.close(wait=False, abort=False)
        assert _wait(lambda: conn.wrapper.aborted is not None, EVENTUALLY)
        assert conn.wrapper.aborted == 'still open after its Engine.IO socket closed'
        assert conn.peer_sees_the_end(EVENTUALLY)
    finally:
        conn.close()


def test_a_reading_client_is_left_alone(database_url):
    _app(database_url, SOCKET_QUEUE_LIMIT=8, SOCKET_SEND_TIMEOUT=0.5)
    conn = _Connection()
    received = bytearray()

    def read():
        conn.peer.settimeout(3)
        try:
            while data := conn.peer.recv(65536):
                received.extend(data)
        except TimeoutError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        for _ in range(100):
            conn.flood(1, 'x' * 2000)
            time.sleep(0.005)
        reader.join(10)
        assert conn.wrapper.aborted is None
        assert not conn.eio_socket.closed
        assert received.count(b'x' * 2000) == 100
    finally:
        conn.close()


def test_the_limits_of_the_configuration():
    got = SocketLimits.from_config(
        {
            'SOCKET_QUEUE_LIMIT': '10',
            'SOCKET_QUEUE_BYTES': '1000',
            'SOCKET_SEND_TIMEOUT': '2',
            'SOCKET_SEND_BUFFER': '0',
        }
    )
    assert got == SocketLimits(queue_packets=10, queue_bytes=1000, send_timeout=2.0)
    assert got.check_every == 0.5


def test_a_ping_timeout_found_by_a_broadcast_closes_the_socket_outside_it(database_url):
    """Not inside the emit: that runs in the poster's request, in the middle of its commit."""
    _app(database_url)
    eio = socketio.server.eio
    conn = _Connection()
    handler = eio.handlers['disconnect']
    threads = []

    def disconnect(sid, reason):
        threads.append(threading.get_ident())
        return handler(sid, reason)

    eio.handlers['disconnect'] = disconnect
    try:
        conn.eio_socket.last_ping = time.time() - 3600  # a ping unanswered for an hour
        conn.flood(1)
        assert _wait(lambda: conn.eio_socket.closed, EVENTUALLY)
        # Engine.IO alone would have run the disconnect handler right inside the emit.
        assert threads
        assert threads[0] != threading.get_ident()
        assert conn.peer_sees_the_end(limits.CLOSE_GRACE + 5)
    finally:
        eio.handlers['disconnect'] = handler
        conn.close()


def test_a_long_polling_socket_over_the_bound_is_closed(database_url):
    _app(database_url, SOCKET_QUEUE_LIMIT=8)
    eio = socketio.server.eio
    sock = EngineIOSocket(eio, f'polling-{time.monotonic_ns()}')
    sock.connected = True
    sock.last_ping = None
    eio.sockets[sock.sid] = sock
    try:
        for _ in range(8):
            socketio.server._send_eio_packet(sock.sid, _message('ก' * 100))
        assert not sock.closed  # 8 waiting: at the bound, not over it
        socketio.server._send_eio_packet(sock.sid, _message('ก' * 100))
        assert sock.closed
    finally:
        eio.sockets.pop(sock.sid, None)
