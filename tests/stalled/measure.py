"""What one stalled client costs the server over time: ``python -m tests.stalled.measure``.

Starts one gunicorn + gevent worker on SQLite with the demo data, opens an anonymous websocket
that joins commitment 1 and then reads nothing (4 KB receive buffer), and posts a long Thai
comment (about 15 KB a frame) every ``--every`` seconds for ``--seconds``. Once a second it
prints the worker's open file descriptors and memory, and the stalled connection's state and
Send-Q (bytes the kernel holds for it) as ``ss`` shows them. ``--blind`` makes the client answer
every ping interval with a pong without reading. Settings (FORUM_SOCKET_*) come from the
environment. Bounded, loopback only, stops by itself.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

from tests.stalled.harness import (
    LONG_BODY,
    Poster,
    RawClient,
    SingleServer,
    fd_count,
    rss_kb,
    server_side,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=60)
    parser.add_argument('--every', type=float, default=0.2)
    parser.add_argument('--blind', action='store_true', help='answer pings without reading')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = SingleServer(Path(tmp), f'sqlite:///{tmp}/forum.sqlite3')
        try:
            run(server, args)
        finally:
            server.stop()


def run(server: SingleServer, args) -> None:
    base_fds = fd_count(server.worker)
    stalled = RawClient(server.url)
    stalled.join()
    poster = Poster(server.url)
    ping_interval = stalled.handshake['pingInterval'] / 1000
    print(f'worker {server.worker}; fds before the stalled client: {base_fds}')
    print(f'ping interval {ping_interval} s, timeout {stalled.handshake["pingTimeout"] / 1000} s')
    print(' t(s)  posted  received  worker_fds  rss_MB  stalled_conn  send_q')
    start = time.monotonic()
    next_post = next_print = next_pong = start
    posted = 0
    while (now := time.monotonic()) - start < args.seconds:
        if now >= next_post:
            poster.post(f'{LONG_BODY} {posted}', str(uuid.uuid4()))
            posted += 1
            next_post += args.every
        if args.blind and now >= next_pong:
            try:
                stalled.pong_blindly()
            except OSError:
                pass
            next_pong += ping_interval
        if now >= next_print:
            side = server_side(server.port, stalled.local_port)
            state = side['state'] if side else 'gone'
            send_q = side['send_q'] if side else 0
            print(
                f'{now - start:5.0f}  {posted:6d}  {len(poster.received):8d}  '
                f'{fd_count(server.worker):10d}  {rss_kb(server.worker) / 1024:6.1f}  '
                f'{state:>12}  {send_q:7d}',
                flush=True,
            )
            next_print += 1
        time.sleep(0.02)
    poster.close()
    stalled.close()


if __name__ == '__main__':
    main()
