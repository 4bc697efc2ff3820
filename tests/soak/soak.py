"""Soak test: one real gunicorn gevent worker under bursts of posts, joins and page loads.

``make soak`` runs it. The load is what twice killed the worker in outside testing (issue 10):
a burst of comments posted over one socket to one commitment, then page loads and socket joins
of that commitment, on SQLite with the comment rate limit raised, repeated for several minutes.
Everything goes to 127.0.0.1, every loop is bounded in count and in time, and the script stops by
itself.

It FAILS (exit 1) when

- the worker crashed or was replaced: its PID changed, or gunicorn's log says "was sent SIG",
  "Booting worker" a second time, "Fatal Python error" (the worker runs with
  ``PYTHONFAULTHANDLER=1``, so a native crash prints every thread's Python stack there);
- a post was lost: a comment not acknowledged ``ok: true``, an acknowledged comment missing from
  the database, or a fresh ``join`` that does not return every comment posted;
- a page load or a join failed (anything but 200 / ``ok: true``).

Usage: ``.venv/bin/python tests/soak/soak.py --posts 6000 --burst 2000 --minutes 8``
(``--help`` for the rest). The figures printed at the end go into docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import servers  # noqa: E402

POSTER_EMAIL = 'chair@example.org'
POSTER_PASSWORD = 'forum-demo-2569'
#: One User-Agent for the poster's pages and socket, as a browser has (Flask-Login's session
#: protection compares it on every request).
USER_AGENT = 'forum-soak/1'
#: What gunicorn's log says when a worker died or was replaced.
CRASH_SIGNS = ('was sent SIG', 'Fatal Python error', 'Segmentation fault', 'WORKER TIMEOUT')


class SoakError(Exception):
    """The server could not be set up, or the load could not start."""


@dataclass
class Figures:
    """What the soak did and saw."""

    posted: int = 0
    acked: int = 0
    refused: list[str] = field(default_factory=list)
    ack_ms: list[float] = field(default_factory=list)
    joins: int = 0
    join_errors: list[str] = field(default_factory=list)
    pages: int = 0
    page_errors: list[str] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    bursts: int = 0
    #: Comments sent again (same client id) after the poster's connection dropped.
    resent: int = 0
    #: The slowest /healthz answer while visitors came, in ms: how long the hub was held.
    healthz_max_ms: float = 0.0
    acked_ids: dict[str, int] = field(default_factory=dict)
    poster_connections: int = 0


def parse_args(argv=None) -> argparse.Namespace:
    """The soak's size and where it runs."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--posts', type=int, default=6000, help='comments in all (6000)')
    parser.add_argument('--burst', type=int, default=2000, help='comments sent at once (2000)')
    parser.add_argument('--joins', type=int, default=60, help='socket joins after each burst (60)')
    parser.add_argument('--pages', type=int, default=20, help='page loads after each burst (20)')
    parser.add_argument(
        '--history', type=int, default=5, help='history comparisons after each burst (5)'
    )
    parser.add_argument('--minutes', type=float, default=10, help='stop after this long (10)')
    parser.add_argument('--commitment', type=int, default=1, help='commitment id (1)')
    parser.add_argument('--ack-timeout', type=float, default=300, help='seconds for a burst')
    parser.add_argument('--port', type=int, default=0, help='server port (a free one)')
    parser.add_argument('--workdir', type=Path, help='keep the database and log here')
    parser.add_argument(
        '--malloc-debug',
        action='store_true',
        help='run the worker with PYTHONMALLOC=debug (slower; catches allocations without the GIL)',
    )
    parser.add_argument(
        '--env',
        action='append',
        default=[],
        metavar='NAME=VALUE',
        help="more of the worker's environment (for bisecting; repeatable)",
    )
    parser.add_argument(
        '--strict',
        action='store_true',
        help='a failed join or page load fails the soak too (default: reported only)',
    )
    parser.add_argument('--quiet', action='store_true', help='only the summary')
    return parser.parse_args(argv)


# -- the server ---------------------------------------------------------------------------------


@dataclass
class Server:
    """The gunicorn master, its log and the worker's PID at start."""

    proc: subprocess.Popen
    url: str
    log: Path
    database: Path
    worker_pid: int


def worker_pids(master_pid: int) -> list[int]:
    """The PIDs of ``master_pid``'s children (gunicorn's workers)."""
    out = subprocess.run(
        ['ps', '-o', 'pid=', '--ppid', str(master_pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [int(p) for p in out.split()]


def start_server(work: Path, args) -> Server:
    """Migrate a fresh SQLite database, load the demo, start one gunicorn gevent worker."""
    database = work / 'soak.sqlite3'
    extra = {
        'FORUM_COMMENT_RATE_LIMIT': str(max(args.posts * 2, 100)),
        'PYTHONFAULTHANDLER': '1',
    }
    if args.malloc_debug:
        extra['PYTHONMALLOC'] = 'debug'
    for item in args.env:
        name, _, value = item.partition('=')
        extra[name] = value
    env = servers.app_env(work, f'sqlite:///{database}', secret='soak-secret', **extra)
    # The set-up commands run without the debug allocator: it only slows them down.
    setup_env = {k: v for k, v in env.items() if k != 'PYTHONMALLOC'}
    try:
        servers.demo_sqlite(database, setup_env)
    except servers.ServerError as exc:
        raise SoakError(str(exc)) from exc
    port = args.port or servers.free_port()
    log = work / 'gunicorn.log'
    proc = servers.start_gunicorn(port, env, log, worker_connections=2000)
    url = f'http://127.0.0.1:{port}'
    try:
        servers.wait_healthy(f'{url}/healthz', proc, log, timeout=60)
    except servers.ServerError as exc:
        servers.stop(proc)
        raise SoakError(str(exc)) from exc
    pids = worker_pids(proc.pid)
    if len(pids) != 1:
        servers.stop(proc)
        raise SoakError(f'expected one gunicorn worker, found {pids}')
    return Server(proc, url, log, database, pids[0])


def crash_report(server: Server) -> list[str]:
    """Why the worker is not the one that started, if it is not: [] while all is well."""
    problems = []
    text = servers.log_text(server.log)
    for sign in CRASH_SIGNS:
        if sign in text:
            problems.append(f'gunicorn log says {sign!r}')
    boots = text.count('Booting worker')
    if boots > 1:
        problems.append(f'gunicorn booted {boots} workers (one expected)')
    if server.proc.poll() is not None:
        problems.append(f'gunicorn exited with {server.proc.returncode}')
    else:
        pids = worker_pids(server.proc.pid)
        if pids != [server.worker_pid]:
            problems.append(f'worker PID {server.worker_pid} is now {pids}')
    return problems


def worker_rss_mb(pid: int) -> float | None:
    """Resident memory of ``pid`` in MB, or None when it is gone."""
    try:
        with open(f'/proc/{pid}/status', encoding='ascii') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# -- the clients --------------------------------------------------------------------------------


async def login(http, base_url: str) -> tuple[str, str]:
    """Log the demo chair in; return its Cookie header and the page's CSRF token."""
    import yarl

    async with http.get(f'{base_url}/auth/login') as page:
        text = await page.text()
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text)
    if match is None:
        raise SoakError('no csrf_token in the login form')
    form = {'email': POSTER_EMAIL, 'password': POSTER_PASSWORD, 'csrf_token': match.group(1)}
    async with http.post(f'{base_url}/auth/login', data=form) as answer:
        if answer.status != 200:
            raise SoakError(f'login failed: HTTP {answer.status}')
    async with http.get(f'{base_url}/') as page:
        text = await page.text()
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', text)
    if meta is None:
        raise SoakError('no <meta name="csrf-token"> after login')
    cookies = http.cookie_jar.filter_cookies(yarl.URL(base_url))
    if 'session' not in cookies:
        raise SoakError('no session cookie after login')
    cookie = '; '.join(f'{name}={morsel.value}' for name, morsel in cookies.items())
    return cookie, meta.group(1)


class Poster:
    """The demo chair's socket: logs in once, reconnects after a drop as the page does."""

    def __init__(self, server: Server, args, http):
        self.server = server
        self.args = args
        self.http = http
        self.sio = None
        self.cookie = self.token = None
        self.connections = 0

    async def connect(self) -> int:
        """(Re)connect and join the commitment; the commitment's comment sequence number.

        That number (``seq`` in the join's answer) counts every comment change in commit order;
        the soak only posts, so it grows by one per stored comment.
        """
        import socketio

        if self.cookie is None:
            self.cookie, self.token = await login(self.http, self.server.url)
        if self.sio is not None:
            with contextlib.suppress(Exception):
                await self.sio.disconnect()
        self.sio = socketio.AsyncClient(reconnection=False, http_session=self.http)
        await self.sio.connect(
            self.server.url,
            transports=['websocket'],
            headers={'Cookie': self.cookie, 'User-Agent': USER_AGENT},
            auth={'csrf_token': self.token},
            wait_timeout=30,
        )
        self.connections += 1
        ack = await self.sio.call('join', {'commitment_id': self.args.commitment}, timeout=120)
        if not (isinstance(ack, dict) and ack.get('ok') and ack.get('can_comment')):
            raise SoakError(f'the poster cannot comment on commitment {self.args.commitment}')
        return ack['seq']

    async def close(self) -> None:
        """Disconnect, if connected."""
        if self.sio is not None:
            with contextlib.suppress(Exception):
                await self.sio.disconnect()


async def send_all(poster: Poster, comments: dict[str, str], figures: Figures, args) -> set[str]:
    """Emit every comment at once (``{client_id: body}``); the client ids left without an ack."""
    loop = asyncio.get_running_loop()
    pending: dict[str, asyncio.Future] = {}
    sent_at: dict[str, float] = {}
    acked_at: dict[str, float] = {}
    sio = poster.sio
    for client_id, body in comments.items():
        future = loop.create_future()
        pending[client_id] = future

        def on_ack(answer=None, _future=future, _cid=client_id):
            if not _future.done():
                acked_at[_cid] = time.monotonic()
                _future.set_result(answer)

        sent_at[client_id] = time.monotonic()
        payload = {'commitment_id': args.commitment, 'body': body, 'client_id': client_id}
        try:
            await sio.emit('post_comment', payload, callback=on_ack)
        except Exception:  # noqa: BLE001 - the connection is gone: sent again after a reconnect
            future.cancel()
    # Until every ack is in, the burst's time is up, or the connection is gone.
    give_up = time.monotonic() + args.ack_timeout
    waiting = {f for f in pending.values() if not f.done()}
    while waiting and time.monotonic() < give_up and sio.connected:
        _, waiting = await asyncio.wait(waiting, timeout=1)
    unanswered = set()
    for client_id, future in pending.items():
        if not future.done() or future.cancelled():
            unanswered.add(client_id)
            continue
        answer = future.result()
        if isinstance(answer, dict) and answer.get('ok'):
            figures.acked += 1
            figures.acked_ids[client_id] = answer['comment']['id']
            figures.ack_ms.append((acked_at[client_id] - sent_at[client_id]) * 1000)
        else:
            figures.refused.append(f'{client_id}: {answer!r}'[:300])
    return unanswered


async def burst(poster: Poster, args, figures: Figures, first: int, count: int) -> None:
    """Post ``count`` comments at once; a comment left unanswered by a drop is sent again.

    As the page does: after a reconnect, the same ``client_id``, which the server answers with
    the comment it already stored, if it did.
    """
    comments = {
        str(uuid.uuid4()): f'soak {seq}: ความเห็นที่ {seq} ว่าด้วยการเปิดเผยข้อมูลงบประมาณ *ทดสอบ*'
        for seq in range(first, first + count)
    }
    figures.posted += count
    for attempt in range(3):
        if attempt:
            figures.resent += len(comments)
            await poster.connect()
        unanswered = await send_all(poster, comments, figures, args)
        comments = {cid: comments[cid] for cid in unanswered}
        if not comments:
            return
    figures.refused += [f'{cid}: no acknowledgement after 3 tries' for cid in comments]


async def join_once(url: str, http, args, figures: Figures) -> dict | None:
    """Connect an anonymous socket, join the commitment, leave; the join's answer."""
    import socketio

    sio = socketio.AsyncClient(reconnection=False, http_session=http, handle_sigint=False)
    try:
        await sio.connect(url, transports=['websocket'], wait_timeout=30)
        ack = await sio.call('join', {'commitment_id': args.commitment}, timeout=120)
        if not (isinstance(ack, dict) and ack.get('ok')):
            figures.join_errors.append(f'join refused: {ack!r}'[:300])
            return None
        figures.joins += 1
        return ack
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        figures.join_errors.append(f'join: {exc!r}'[:300])
        return None
    finally:
        with contextlib.suppress(Exception):
            await sio.disconnect()


async def load_page(http, url: str, figures: Figures) -> None:
    """GET ``url``; anything but 200 is an error."""
    import aiohttp

    started = time.monotonic()
    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=60)) as answer:
            await answer.read()
            if answer.status != 200:
                figures.page_errors.append(f'{url}: HTTP {answer.status}')
                return
    except Exception as exc:  # noqa: BLE001
        figures.page_errors.append(f'{url}: {exc!r}'[:300])
        return
    figures.pages += 1
    figures.page_ms.append((time.monotonic() - started) * 1000)


async def visitors(server: Server, args, figures: Figures, anon_http) -> None:
    """After a burst: page loads, history comparisons and socket joins, all at once."""
    base = f'{server.url}/commitments/{args.commitment}'
    jobs = [load_page(anon_http, base, figures) for _ in range(args.pages)]
    jobs += [load_page(anon_http, f'{base}/history?a=1&b=2', figures) for _ in range(args.history)]
    jobs += [join_once(server.url, anon_http, args, figures) for _ in range(args.joins)]
    # At most 20 at a time: the client must not be the bottleneck on two cores.
    limit = asyncio.Semaphore(20)

    async def bounded(job):
        async with limit:
            return await job

    await asyncio.gather(*(bounded(job) for job in jobs))


def say(args, text: str) -> None:
    """Print progress unless ``--quiet``."""
    if not args.quiet:
        print(text, flush=True)


async def probe_health(server: Server, http, figures: Figures, stop: asyncio.Event) -> None:
    """Time /healthz every half second until ``stop``: the longest answer is the longest stall."""
    import aiohttp

    while not stop.is_set():
        started = time.monotonic()
        with contextlib.suppress(Exception):
            async with http.get(
                f'{server.url}/healthz', timeout=aiohttp.ClientTimeout(total=120)
            ) as answer:
                await answer.read()
        figures.healthz_max_ms = max(figures.healthz_max_ms, (time.monotonic() - started) * 1000)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def soak(server: Server, args, figures: Figures) -> list[str]:
    """Post, join and load pages until ``--posts`` are in or ``--minutes`` have passed."""
    import aiohttp

    problems: list[str] = []
    deadline = time.monotonic() + args.minutes * 60
    jar = aiohttp.CookieJar(unsafe=True)
    poster_http = aiohttp.ClientSession(cookie_jar=jar, headers={'User-Agent': USER_AGENT})
    anon_http = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
    )
    poster = Poster(server, args, poster_http)
    stop = asyncio.Event()
    prober = asyncio.create_task(probe_health(server, anon_http, figures, stop))
    try:
        before = await poster.connect()
        while figures.posted < args.posts and time.monotonic() < deadline:
            count = min(args.burst, args.posts - figures.posted)
            started = time.monotonic()
            if not poster.sio.connected:
                await poster.connect()
            await burst(poster, args, figures, figures.posted, count)
            took = time.monotonic() - started
            await visitors(server, args, figures, anon_http)
            figures.bursts += 1
            rss = worker_rss_mb(server.worker_pid)
            say(
                args,
                f'burst {figures.bursts}: {count} posts in {took:.1f} s; '
                f'{figures.acked}/{figures.posted} acked, {figures.joins} joins, '
                f'{figures.pages} pages, /healthz max {figures.healthz_max_ms:.0f} ms, '
                f'worker {rss or 0:.0f} MB',
            )
            problems = crash_report(server)
            if problems:
                break
        if not problems:
            # What a newcomer sees: every comment posted counted in the commitment's sequence,
            # and the latest of them in the window a fresh join answers with.
            ack = await join_once(server.url, anon_http, args, figures)
            if ack is not None:
                problems += newcomer_problems(ack, before + figures.acked, figures)
    finally:
        stop.set()
        await prober
        await poster.close()
        await poster_http.close()
        await anon_http.close()
    figures.poster_connections = poster.connections
    return problems


def newcomer_problems(ack: dict, expected_seq: int, figures: Figures) -> list[str]:
    """What is wrong with a fresh join's answer after the soak's posts."""
    problems = []
    if ack.get('seq') != expected_seq:
        problems.append(f"a fresh join's sequence is {ack.get('seq')}, {expected_seq} expected")
    shown = {c['id'] for c in ack.get('comments') or []}
    latest = max(figures.acked_ids.values(), default=None)
    if latest is not None and latest not in shown:
        problems.append(f'a fresh join does not show the latest comment ({latest})')
    return problems


def stored_client_ids(database: Path) -> dict[str, int]:
    """``{client_id: comment id}`` of every comment in the database, read-only."""
    uri = database.resolve().as_uri() + '?mode=ro'
    connection = sqlite3.connect(uri, uri=True)
    try:
        return dict(connection.execute('SELECT client_id, id FROM comments').fetchall())
    finally:
        connection.close()


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``, 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def verdict(
    server: Server, figures: Figures, problems: list[str], elapsed: float, *, strict: bool
) -> list[str]:
    """Every reason the soak failed, after printing its figures."""
    problems = list(problems) + [p for p in crash_report(server) if p not in problems]
    stored = stored_client_ids(server.database)
    missing = [cid for cid, cid_id in figures.acked_ids.items() if stored.get(cid) != cid_id]
    if figures.refused:
        problems.append(f'{len(figures.refused)} posts not acknowledged: {figures.refused[:3]}')
    if missing:
        problems.append(f'{len(missing)} acknowledged comments are not in the database')
    # A join or page load that timed out is a slow server, not a lost word: reported, and a
    # failure only with --strict.
    slow = []
    if figures.join_errors:
        slow.append(f'{len(figures.join_errors)} joins failed: {figures.join_errors[:3]}')
    if figures.page_errors:
        slow.append(f'{len(figures.page_errors)} page loads failed: {figures.page_errors[:3]}')
    for line in slow:
        print(f'soak: warning: {line}', flush=True)
    if strict:
        problems += slow
    print(
        f'soak: {figures.posted} posts in {figures.bursts} bursts, {figures.acked} acked '
        f'(p50 {percentile(figures.ack_ms, 50):.0f} ms, p99 {percentile(figures.ack_ms, 99):.0f}'
        f' ms), {len(missing)} missing; {figures.joins} joins; {figures.pages} page loads '
        f'(median {statistics.median(figures.page_ms) if figures.page_ms else 0:.0f} ms); '
        f'{figures.resent} resent over {figures.poster_connections} poster connections; '
        f'/healthz max {figures.healthz_max_ms:.0f} ms; '
        f'{elapsed / 60:.1f} min; worker {server.worker_pid} '
        f'{worker_rss_mb(server.worker_pid) or 0:.0f} MB',
        flush=True,
    )
    return problems


def main(argv=None) -> int:
    """Run the soak; 0 when the worker survived and nothing was lost, 1 otherwise."""
    args = parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix='forum-soak-'))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        server = start_server(work, args)
    except SoakError as exc:
        print(f'soak: could not start: {exc}', file=sys.stderr)
        return 1
    say(args, f'soak: worker {server.worker_pid} at {server.url}, log {server.log}')
    problems: list[str] = []
    figures = Figures()
    try:
        problems = asyncio.run(soak(server, args, figures))
    except SoakError as exc:
        problems = [str(exc)]
    except Exception as exc:  # noqa: BLE001 - reported as a failure with the server's state
        problems = [f'the load failed: {exc!r}']
    finally:
        problems = verdict(
            server, figures, problems, time.monotonic() - started, strict=args.strict
        )
        # SIGINT: gunicorn's quick shutdown (SIGTERM would wait for the open websockets).
        if server.proc.poll() is None:
            server.proc.send_signal(signal.SIGINT)
        servers.stop(server.proc)
    if problems:
        print('SOAK FAILED:', file=sys.stderr)
        for problem in problems:
            print(f'  - {problem}', file=sys.stderr)
        tail = servers.log_text(server.log)[-6000:]
        print(f'--- last of {server.log} ---\n{tail}', file=sys.stderr)
        print('soak: 0 passed, 1 failed', flush=True)
        return 1
    print('soak passed: one worker throughout, every post stored and seen', flush=True)
    print('soak: 1 passed, 0 failed', flush=True)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
