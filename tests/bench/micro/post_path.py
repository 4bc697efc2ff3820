"""Micro-benchmark: the server's work for one ``post_comment`` before anyone may see it.

One logged-in person (the demo chair) posts comments over Flask-SocketIO's test client on a
SQLite file database in WAL mode, as the embedded set-up serves it: authorising the event,
loading the person and the commitment, the checks, Markdown, the insert, the audit row, the
commit and building the broadcast. Prints the time per post (median and p90 of ``--posts``) until
the broadcast starts (what the room waits for) and until the ack (after the log is flushed to
disk, ``forum/durable.py``) and, with ``--profile``, the functions that took the most time.

    .venv/bin/python tests/bench/micro/post_path.py [--posts 500] [--profile]
"""

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from forum import create_app  # noqa: E402
from forum.extensions import db, socketio  # noqa: E402

CHAIR = 'chair@example.org'
PASSWORD = 'forum-demo-2569'
_TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"')


def _token(client, path: str) -> str:
    match = _TOKEN.search(client.get(path).get_data(as_text=True))
    return match.group(1) or match.group(2)


def connect(app):
    """The demo chair, logged in over HTTP, connected over a Socket.IO test client."""
    client = app.test_client()
    client.post(
        '/auth/login',
        data={'email': CHAIR, 'password': PASSWORD, 'csrf_token': _token(client, '/auth/login')},
    )
    sock = socketio.test_client(
        app, flask_test_client=client, auth={'csrf_token': _token(client, '/')}
    )
    if not sock.is_connected():
        raise SystemExit('the Socket.IO test client was refused')
    ack = sock.emit('join', {'commitment_id': 1}, callback=True)
    if not ack.get('ok'):
        raise SystemExit(f'join refused: {ack}')
    return sock


def post(sock, n: int) -> None:
    """Post one comment and check that it was stored."""
    ack = sock.emit(
        'post_comment',
        {
            'commitment_id': 1,
            'body': f'bench-seq {n} sent-at {time.monotonic():.6f}',
            'client_id': str(uuid.uuid4()),
        },
        callback=True,
    )
    if not ack.get('ok'):
        raise SystemExit(f'post refused: {ack}')


def time_broadcasts(server, stamps: list) -> None:
    """Append the time at which each ``comment_added`` broadcast starts to ``stamps``."""
    emit = server.emit

    def timed(event, *args, **kwargs):
        if event == 'comment_added':
            stamps.append(time.perf_counter())
        return emit(event, *args, **kwargs)

    server.emit = timed


def _summary(what: str, times: list) -> str:
    times = sorted(times)
    return (
        f'{what}: median {statistics.median(times) * 1e3:.2f} ms, '
        f'p90 {times[int(len(times) * 0.9)] * 1e3:.2f} ms, '
        f'p99 {times[int(len(times) * 0.99)] * 1e3:.2f} ms, max {times[-1] * 1e3:.2f} ms'
    )


def main() -> int:
    """Time the posts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--posts', type=int, default=500)
    parser.add_argument('--warmup', type=int, default=20)
    parser.add_argument('--profile', action='store_true', help='print the top functions')
    parser.add_argument(
        '--gap', type=float, default=0.0, help='idle seconds before each post (as people post)'
    )
    args = parser.parse_args()
    from forum.demo.loader import load_demo

    with tempfile.TemporaryDirectory() as work:
        url = f'sqlite:///{Path(work) / "forum.sqlite3"}'
        app = create_app(
            {'SQLALCHEMY_DATABASE_URI': url, 'COMMENT_RATE_LIMIT': 10**6, 'SECRET_KEY': 'bench'}
        )
        with app.app_context():
            db.create_all()
            load_demo()
            db.session.commit()
        sock = connect(app)
        for n in range(args.warmup):
            post(sock, n)
        sock.get_received()
        profiler = cProfile.Profile() if args.profile else None
        times, broadcasts, stamps = [], [], []
        time_broadcasts(socketio.server, stamps)
        for n in range(args.posts):
            time.sleep(args.gap)
            if profiler:
                profiler.enable()
            start = time.perf_counter()
            post(sock, n)
            times.append(time.perf_counter() - start)
            broadcasts.append(stamps.pop() - start)
            if profiler:
                profiler.disable()
        added = [e for e in sock.get_received() if e['name'] == 'comment_added']
        if len(added) != args.posts:
            raise SystemExit(f'{len(added)} comment_added of {args.posts}')
        sock.disconnect()
    print(f'post_comment over {args.posts} posts')
    print(_summary('  until the broadcast starts', broadcasts))
    print(_summary('  until the ack', times))
    if profiler:
        pstats.Stats(profiler).sort_stats('cumulative').print_stats(45)
    return 0


if __name__ == '__main__':
    sys.exit(main())
