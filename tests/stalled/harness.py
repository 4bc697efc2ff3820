"""Stalled websocket clients against a real gunicorn + gevent server, and what the server holds.

Plain helpers (no pytest) shared by tests/stalled and ``python -m tests.stalled.measure``:
a raw Engine.IO v4 client that can stop reading (a small receive buffer makes the server's
buffers fill quickly), a logged-in poster, and readings of the worker's file descriptors,
memory and per-connection kernel queues.
"""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection, Request, TextMessage

from tests.servers import (
    app_env,
    demo_sqlite,
    flask,
    free_port,
    start_gunicorn,
    stop,
    wait_healthy,
)

#: A commitment of the demo data anonymous visitors may watch.
COMMITMENT = 1
CHAIR = 'chair@example.org'
DEMO_PASSWORD = 'forum-demo-2569'
THAI = 'ความโปร่งใสของงบประมาณท้องถิ่น '
#: A long comment: about 15 KB of UTF-8 in every broadcast frame.
LONG_BODY = (THAI * 160)[:5000]
_LOGIN_CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


class RawClient:
    """An anonymous Engine.IO v4 websocket client that reads only when asked to."""

    def __init__(self, url: str, *, receive_buffer: int = 4096):
        parts = urlsplit(url)
        self.sock = socket.socket()
        # Set before connecting, so that the server sees a small window from the start.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.settimeout(10)
        self.sock.connect((parts.hostname, parts.port))
        self.local_port = self.sock.getsockname()[1]
        self.ws = WSConnection(ConnectionType.CLIENT)
        self._inbox: list[str] = []
        self._partial = ''
        self.sock.sendall(
            self.ws.send(Request(host=parts.netloc, target='/socket.io/?EIO=4&transport=websocket'))
        )
        opened = self.next_packet()
        assert opened.startswith('0{'), opened
        self.handshake = json.loads(opened[1:])

    def send(self, text: str) -> None:
        self.sock.sendall(self.ws.send(TextMessage(data=text)))

    def _read(self) -> None:
        before = len(self._inbox)
        while len(self._inbox) == before:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError('the server closed the connection')
            self.ws.receive_data(data)
            for event in self.ws.events():
                if isinstance(event, CloseConnection):
                    raise ConnectionError('the server closed the websocket')
                if isinstance(event, TextMessage):
                    self._partial += event.data
                    if not event.message_finished:
                        continue
                    if self._partial == '2':  # the server's ping
                        self.send('3')
                    else:
                        self._inbox.append(self._partial)
                    self._partial = ''

    def next_packet(self) -> str:
        if not self._inbox:
            self._read()
        return self._inbox.pop(0)

    def call(self, name: str, payload: dict, ack_id: int) -> object:
        """Send an event with an ack id; return the acknowledgement (other packets stay)."""
        self.send(f'42{ack_id}' + json.dumps([name, payload]))
        prefix = f'43{ack_id}'
        seen = 0
        while True:
            for index in range(seen, len(self._inbox)):
                if self._inbox[index].startswith(prefix):
                    return json.loads(self._inbox.pop(index)[len(prefix) :])[0]
            seen = len(self._inbox)
            self._read()

    def join(self, commitment_id: int = COMMITMENT) -> dict:
        """Connect to the default namespace and join a commitment's room."""
        self.send('40')
        assert self.next_packet().startswith('40{')
        joined = self.call('join', {'commitment_id': commitment_id}, ack_id=1)
        assert joined['ok'] is True, joined
        return joined

    def closed_by_server(self, timeout: float) -> bool:
        """Whether the server ends the TCP connection (EOF or RST) within ``timeout`` seconds.

        Reads and drops whatever is still buffered, as a client coming back would.
        """
        deadline = time.monotonic() + timeout
        self.sock.setblocking(False)
        try:
            while time.monotonic() < deadline:
                ready, _w, _x = select.select([self.sock], [], [], 0.2)
                if not ready:
                    continue
                try:
                    if not self.sock.recv(1 << 20):
                        return True
                except ConnectionResetError:
                    return True
                except BlockingIOError:
                    continue
            return False
        finally:
            self.sock.setblocking(True)

    def pong_blindly(self) -> None:
        """Answer a ping without reading anything: one Engine.IO pong frame."""
        self.send('3')

    def close(self) -> None:
        self.sock.close()


class LiveClient:
    """A python-socketio client in commitment 1's room, anonymous or logged in, recording.

    It reads everything the server sends (python-socketio's own thread), as a browser would.
    """

    def __init__(self, url: str, email: str | None = None):
        import requests
        import socketio

        self.http = requests.Session()
        headers, auth = {}, None
        if email is not None:
            page = self.http.get(f'{url}/auth/login', timeout=10).text
            token = _LOGIN_CSRF.search(page).group(1)
            response = self.http.post(
                f'{url}/auth/login',
                data={'email': email, 'password': DEMO_PASSWORD, 'csrf_token': token},
                timeout=10,
            )
            assert response.history, response.text[:300]
            meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', self.http.get(url).text)
            headers = {'Cookie': '; '.join(f'{c.name}={c.value}' for c in self.http.cookies)}
            auth = {'csrf_token': meta.group(1)}
        self.received: list[dict] = []
        self.presence: list[dict] = []
        self.sio = socketio.Client(reconnection=False)
        self.sio.on('comment_added', lambda data: self.received.append(data['comment']))
        self.sio.on('presence', self.presence.append)
        self.sio.connect(url, headers=headers, auth=auth, transports=['websocket'], wait_timeout=10)
        ack = self.sio.call('join', {'commitment_id': COMMITMENT}, timeout=10)
        assert ack['ok'] is True, ack
        self.joined = ack

    def post(self, body: str, client_id: str) -> dict:
        ack = self.sio.call(
            'post_comment',
            {'commitment_id': COMMITMENT, 'body': body, 'client_id': client_id},
            timeout=10,
        )
        assert ack['ok'] is True, ack
        return ack['comment']

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()
        self.http.close()


def Poster(url: str) -> LiveClient:  # noqa: N802  (reads as the class it returns)
    """The demo forum's chair, logged in, in commitment 1's room."""
    return LiveClient(url, CHAIR)


def worker_pid(master_pid: int) -> int:
    """The gunicorn worker's process id (the master's only child)."""
    children = Path(f'/proc/{master_pid}/task/{master_pid}/children').read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def fd_count(pid: int) -> int:
    """How many file descriptors process ``pid`` has open."""
    return len(os.listdir(f'/proc/{pid}/fd'))


def rss_kb(pid: int) -> int:
    """Resident memory of process ``pid``, in KiB."""
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
    raise AssertionError('no VmRSS')


def server_side(server_port: int, client_port: int) -> dict | None:
    """The server's end of one connection, as ``ss`` shows it (state, queues, inode), or None."""
    out = subprocess.run(
        ['ss', '-tanHe', f'( sport = :{server_port} and dport = :{client_port} )'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not out:
        return None
    inode = next((int(f[4:]) for f in out if f.startswith('ino:')), None)
    return {'state': out[0], 'recv_q': int(out[1]), 'send_q': int(out[2]), 'inode': inode}


def holds_socket(pid: int, inode: int) -> bool:
    """Whether process ``pid`` has a file descriptor open on socket ``inode``."""
    target = f'socket:[{inode}]'
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try:
            if os.readlink(f'/proc/{pid}/fd/{fd}') == target:
                return True
        except FileNotFoundError:
            pass
    return False


class SingleServer:
    """One gunicorn + gevent worker with the demo data, on SQLite or a given database URL."""

    def __init__(self, instance: Path, database_url: str, **settings: str):
        self.port = free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.log = instance / 'server.log'
        env = app_env(
            instance,
            database_url,
            secret='stalled-sockets-test',
            FORUM_COMMENT_RATE_LIMIT='10000',
            **settings,
        )
        if database_url.startswith('sqlite:///'):
            demo_sqlite(Path(database_url.removeprefix('sqlite:///')), env)
        else:
            flask(['db', 'upgrade'], env)
            flask(['forum', 'demo'], env)
        self.proc = start_gunicorn(self.port, env, self.log, graceful_timeout=2)
        try:
            wait_healthy(f'{self.url}/healthz', self.proc, self.log)
            self.worker = worker_pid(self.proc.pid)
        except BaseException:
            stop(self.proc)
            raise

    def log_text(self) -> str:
        return self.log.read_text(errors='replace')

    def stop(self) -> None:
        stop(self.proc)
