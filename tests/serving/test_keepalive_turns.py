"""Kept-alive connections take turns in the gevent worker (gunicorn.conf.py, issue 11).

A real gunicorn gevent worker started as ``make serve`` starts it (``-c gunicorn.conf.py -k
gevent -w 1``) serves tests/serving/turns_app.py, which numbers its answers. One connection
pipelines a batch of requests; another sends one request right after. Without the config's
``post_request`` the worker served the whole batch first (the other request was answered 201st
of 201: gunicorn reads a kept-alive connection's next request without passing through the hub).
Counted in requests, not milliseconds.
"""

from __future__ import annotations

import socket
import subprocess

import pytest

from tests.servers import BIN, ROOT, free_port, log_text, stop

BATCH = 200
#: The other connection is answered within this many of the batch's requests.
TURNS = 10


def request(label: str) -> bytes:
    return f'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Conn: {label}\r\n\r\n'.encode()


class Reader:
    """Read HTTP/1.1 responses with a Content-Length off one socket."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b''

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError('the server closed the connection')
        self.buf += chunk

    def response(self) -> str:
        while b'\r\n\r\n' not in self.buf:
            self._fill()
        head, _, rest = self.buf.partition(b'\r\n\r\n')
        lines = head.decode().split('\r\n')
        assert lines[0].startswith('HTTP/1.1 200'), lines[0]
        length = next(
            int(line.split(':', 1)[1])
            for line in lines
            if line.lower().startswith('content-length')
        )
        while len(rest) < length:
            self._fill()
            head, _, rest = self.buf.partition(b'\r\n\r\n')
        self.buf = rest[length:]
        return rest[:length].decode()


@pytest.fixture
def server(tmp_path):
    port = free_port()
    log = tmp_path / 'gunicorn.log'
    args = [str(BIN / 'gunicorn'), '-c', 'gunicorn.conf.py', '-k', 'gevent', '-w', '1']
    args += ['--no-control-socket', '-b', f'127.0.0.1:{port}', 'tests.serving.turns_app:app']
    with open(log, 'wb') as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                with socket.create_connection(('127.0.0.1', port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f'gunicorn exited:\n{log_text(log)}')
                subprocess.run(['sleep', '0.1'], check=False)
        else:
            pytest.fail(f'gunicorn did not listen:\n{log_text(log)}')
        yield port
    finally:
        stop(proc)


def test_a_pipelining_connection_does_not_hold_the_worker(server):
    with (
        socket.create_connection(('127.0.0.1', server), timeout=30) as a,
        socket.create_connection(('127.0.0.1', server), timeout=30) as b,
    ):
        reader_a, reader_b = Reader(a), Reader(b)
        b.sendall(request('B'))
        assert reader_b.response().startswith('B ')  # B's greenlet now waits on its socket
        a.sendall(request('A') * BATCH)
        b.sendall(request('B'))
        label, number = reader_b.response().split()
        answers = [reader_a.response().split() for _ in range(BATCH)]

    assert label == 'B'
    served_a = [int(n) for lab, n in answers]
    assert all(lab == 'A' for lab, _ in answers)
    # Pipelining still works: every request answered, in order, on the same connection.
    assert served_a == sorted(served_a)
    before_b = sum(n < int(number) for n in served_a)
    assert before_b <= TURNS, f'B waited for {before_b} of the batch of {BATCH}'
