"""Broadcast fan-out benchmark (issue 4), run by ``make bench``; not a test.

Starts the real application (gunicorn + gevent, one worker, SQLite in a temporary folder, the demo
data), connects N anonymous Socket.IO clients (python-socketio's asyncio client, websocket only,
in batches) that ``join`` one commitment, logs one poster in over HTTP and has it post P comments
with ``post_comment``, one at a time. Every client notes when each ``comment_added`` arrives; the
latency is that time minus the time the poster sent the comment (``time.monotonic``, one clock
for every process of the machine). Then the same clients and poster run against a minimal Node
``socket.io`` server that only broadcasts (``tests/bench/node_server.js``).

It reports p50/p99/max latency and the missing deliveries for each server, the p99 ratio, and the
resident memory (VmRSS) of the gunicorn worker with every client connected.

The clients run in child processes: by default each server is measured with all clients in one
process, then split over two (``--client-procs 1,2``), as one Python process cannot read a
thousand messages as fast as the servers send them. The poster runs in this process. Everything is
on 127.0.0.1 and everything started here is stopped by process id on the way out, also after an
error, the global timeout or Ctrl-C. See docs/performance.md.

    .venv/bin/python tests/bench/bench_fanout.py [--clients 1000] [--posts 20] [--timeout 600]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / '.venv' / 'bin'
NODE_SERVER = ROOT / 'tests' / 'bench' / 'node_server.js'
POSTER_EMAIL = 'chair@example.org'
POSTER_PASSWORD = 'forum-demo-2569'
#: Targets of issue 4.
TARGET_RATIO = 1.2
TARGET_RSS_MB = 250
#: The marker every benchmark comment carries; clients find the sequence number with it.
SEQ_RE = re.compile(r'bench-seq (\d+)')
STARTUP_TIMEOUT = 60


class BenchError(Exception):
    """The benchmark could not run to the end."""


# ---------------------------------------------------------------------------------------------
# Client worker: a child process holding a share of the clients (``--worker``).
# ---------------------------------------------------------------------------------------------


def _say(msg: dict) -> None:
    sys.stdout.write(json.dumps(msg) + '\n')
    sys.stdout.flush()


async def run_worker(args: argparse.Namespace) -> int:
    """Connect and join ``args.clients`` clients; report on stdout, take commands on stdin.

    Reports (JSON lines): ``progress`` while joining, ``joined``, ``ready``, a ``got`` per comment
    once all this worker's clients have it, ``result`` (every receipt time), ``closed``.
    Commands: ``settle TOTAL`` (wait until every client has seen presence for TOTAL viewers; 0 for
    a server without presence), ``finish`` (send the results, close the clients, exit). End of
    input closes the clients too.
    """
    import logging

    import aiohttp
    import socketio

    # Engine.IO's warnings and errors (why a connection was given up) go to this worker's log.
    # Not its INFO level: it logs every packet, which would slow the clients down.
    logging.basicConfig(level=logging.WARNING, format='%(asctime)s %(name)s %(message)s')
    eio_logger = logging.getLogger('bench.engineio')
    eio_logger.setLevel(logging.WARNING)
    n = args.clients
    receipts: dict[int, dict[int, float]] = {}
    #: The highest viewer count each client has seen in a ``presence`` event.
    viewers = [0] * n
    joined: list[int] = []
    #: Clients whose connection ended, and why (the first few).
    gone: set[int] = set()
    complete: set[int] = set()
    reasons: list[str] = []
    stats = {'presence': 0, 'duplicates': 0, 'unknown': 0, 'disconnects': 0}
    live = {'count': n}
    errors: list[str] = []
    clients: list = []
    # One HTTP session for every client (the default would open one each); no pool limit, as
    # each websocket holds its connection.
    http = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar()
    )
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[str] = asyncio.Queue()

    def read_commands():
        # A daemon thread, so that an interrupted worker does not wait for input.
        for line in sys.stdin:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(commands.put_nowait, line.strip())
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(commands.put_nowait, '')

    threading.Thread(target=read_commands, daemon=True).start()

    def check_complete(seq: int) -> None:
        # Complete when every joined client still connected has it (the others count as missing).
        got = receipts[seq]
        if seq in complete or len(got) + len(gone) < live['count']:
            return
        if len(got) + len(gone - got.keys()) >= live['count']:
            complete.add(seq)
            _say({'type': 'got', 'seq': seq})

    def make_client(idx: int):
        sio = socketio.AsyncClient(
            reconnection=False,
            http_session=http,
            handle_sigint=False,
            engineio_logger=eio_logger,
            # Browsers offer permessage-deflate; aiohttp does not unless asked.
            websocket_extra_options={'compress': 15} if args.deflate else {},
        )

        def on_comment(data):
            now = time.monotonic()
            comment = data.get('comment') if isinstance(data, dict) else None
            text = ''
            if isinstance(comment, dict):
                text = comment.get('body_html') or comment.get('body') or ''
            match = SEQ_RE.search(text)
            if match is None:
                stats['unknown'] += 1
                return
            seq = int(match.group(1))
            got = receipts.setdefault(seq, {})
            if idx in got:
                stats['duplicates'] += 1
                return
            got[idx] = now
            check_complete(seq)

        def on_presence(data=None):
            stats['presence'] += 1
            count = data.get('viewers') if isinstance(data, dict) else None
            if isinstance(count, int) and count > viewers[idx]:
                viewers[idx] = count

        def on_disconnect(reason=None):
            stats['disconnects'] += 1
            gone.add(idx)
            if len(reasons) < 5:
                reasons.append(f'client {idx}: {reason}')
            for seq in list(receipts):
                check_complete(seq)

        sio.on('comment_added', on_comment)
        sio.on('presence', on_presence)
        sio.on('disconnect', on_disconnect)
        clients.append(sio)
        return sio

    async def connect_one(idx: int) -> None:
        sio = make_client(idx)
        try:
            await sio.connect(args.url, transports=['websocket'], wait_timeout=60)
            ack = await sio.call('join', {'commitment_id': args.commitment}, timeout=120)
            if not (isinstance(ack, dict) and ack.get('ok')):
                raise BenchError(f'join refused: {ack!r}')
            joined.append(idx)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the others go on
            errors.append(f'client {idx}: {exc!r}')

    async def drain(target: int, everyone: bool) -> bool:
        # The forum tells the room who is there after joins (at once, one message per join, N²/2
        # in all, before it coalesced them; now at most once a second). Wait until the clients
        # have seen ``target`` viewers, so that the comments do not queue behind a backlog;
        # between batches only those that have had presence already (``everyone`` false), so
        # that a coalesced announcement still to come does not hold up the ramp.
        deadline = time.monotonic() + args.settle_max
        while any(
            viewers[i] < target and i not in gone and (everyone or viewers[i]) for i in joined
        ):
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    try:
        started = time.monotonic()
        for first in range(0, n, args.batch):
            await asyncio.gather(
                *(connect_one(i) for i in range(first, min(n, first + args.batch)))
            )
            # Everyone catches up with the highest count any client has seen (0: no presence).
            await drain(max((viewers[i] for i in joined), default=0), everyone=False)
            if len(joined) // 200 != (len(joined) - args.batch) // 200:
                _say(
                    {
                        'type': 'progress',
                        'joined': len(joined),
                        'elapsed': round(time.monotonic() - started, 1),
                        'disconnected': len(gone),
                        'reasons': reasons,
                    }
                )
        live['count'] = len(joined)
        _say(
            {
                'type': 'joined',
                'connected': len(joined),
                'failed': n - len(joined),
                'errors': errors[:5],
                'ramp_s': round(time.monotonic() - started, 2),
                'disconnected': len(gone),
                'reasons': reasons,
            }
        )
        command = await commands.get()
        if command.startswith('settle'):
            settle_started = time.monotonic()
            target = int(command.split()[1])
            settled = await drain(target, everyone=True)
            _say(
                {
                    'type': 'ready',
                    'settled': settled,
                    'lagging': sum(viewers[i] < target and i not in gone for i in joined),
                    'settle_s': round(time.monotonic() - settle_started, 2),
                    'presence': stats['presence'],
                    'disconnects': stats['disconnects'],
                }
            )
            command = await commands.get()
        if command != 'finish':
            return 1
        _say(
            {
                'type': 'result',
                'receipts': {str(seq): list(got.values()) for seq, got in receipts.items()},
                'connected': live['count'],
                'duplicates': stats['duplicates'],
                'unknown': stats['unknown'],
                'disconnects': stats['disconnects'],
                'presence': stats['presence'],
            }
        )
    finally:
        closing = time.monotonic()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(
                asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True),
                timeout=args.close_timeout,
            )
        await http.close()
        with contextlib.suppress(OSError):
            _say({'type': 'closed', 'close_s': round(time.monotonic() - closing, 2)})
    return 0


# ---------------------------------------------------------------------------------------------
# Processes: everything started is recorded here and stopped by pid.
# ---------------------------------------------------------------------------------------------


@dataclass
class Started:
    """A process this script started, and how to stop it."""

    name: str
    proc: subprocess.Popen
    stop_signal: int = signal.SIGTERM
    #: Children to kill after the process itself (the gunicorn worker).
    children: list[int] = field(default_factory=list)


class Processes:
    """The processes started by the benchmark; :meth:`stop` ends them by pid."""

    def __init__(self):
        self.started: list[Started] = []

    def popen(self, name: str, args: list[str], stop_signal=signal.SIGTERM, **kw) -> Started:
        """Start a process and record it."""
        entry = Started(name, subprocess.Popen(args, **kw), stop_signal)
        self.started.append(entry)
        return entry

    def stop(self, entry: Started, grace: float = 10) -> None:
        """Signal one process, wait ``grace`` seconds, then kill it and its recorded children."""
        proc = entry.proc
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(entry.stop_signal)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=10)
        for pid in entry.children:
            # Only a process that is still the child of ours (or orphaned) and still gunicorn.
            if _is_alive(pid) and 'gunicorn' in _cmdline(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
        if entry in self.started:
            self.started.remove(entry)

    def stop_all(self) -> None:
        """Stop every recorded process, the latest first."""
        for entry in reversed(list(self.started)):
            try:
                self.stop(entry)
            except Exception as exc:  # noqa: BLE001 - go on stopping the others
                print(f'could not stop {entry.name} (pid {entry.proc.pid}): {exc!r}')


def _is_alive(pid: int) -> bool:
    try:
        state = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != 'Z'


def _cmdline(pid: int) -> str:
    try:
        return Path(f'/proc/{pid}/cmdline').read_bytes().replace(b'\0', b' ').decode()
    except OSError:
        return ''


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid``."""
    try:
        text = Path(f'/proc/{pid}/task/{pid}/children').read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of ``pid`` in MB (MiB), from /proc/<pid>/status."""
    out = {}
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        key, _, value = line.partition(':')
        if key in ('VmRSS', 'VmHWM'):
            out[key] = int(value.split()[0]) / 1024
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far."""
    try:
        fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    except OSError:
        return float('nan')
    # utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def raise_fd_limit(needed: int) -> tuple[int, int]:
    """Raise the soft open-files limit (inherited by the children) to ``needed`` if allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft, hard


# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------


def forum_env(instance: Path, rate_limit: int) -> dict[str, str]:
    """The served application's environment: its own database and instance folder."""
    env = dict(os.environ)
    for name in ('FORUM_REDIS_URL', 'FORUM_ASYNC_MODE', 'FORUM_SECURE_COOKIES'):
        env.pop(name, None)
    env.update(
        FLASK_APP='wsgi.py',
        FORUM_DATABASE_URL=f'sqlite:///{instance / "forum.sqlite3"}',
        FORUM_INSTANCE_PATH=str(instance),
        FORUM_SECRET_KEY='bench-secret',
        FORUM_COMMENT_RATE_LIMIT=str(rate_limit),
        PYTHONUNBUFFERED='1',
    )
    return env


def prepare_database(template: Path, rate_limit: int) -> None:
    """Migrate a fresh SQLite database in ``template`` and load the demo data into it."""
    env = forum_env(template, rate_limit)
    for cmd in (['db', 'upgrade'], ['forum', 'setup'], ['forum', 'demo']):
        result = subprocess.run(
            [str(BIN / 'flask'), *cmd],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if result.returncode:
            raise BenchError(f'flask {" ".join(cmd)} failed:\n{result.stdout}\n{result.stderr}')


def wait_healthy(url: str, entry: Started, log: Path) -> None:
    """Wait until ``url`` answers 200, or fail with the server's log."""
    import requests

    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and entry.proc.poll() is None:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise BenchError(f'{entry.name} did not answer {url}:\n{tail(log)}')


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file."""
    try:
        return '\n'.join(path.read_text(errors='replace').splitlines()[-lines:])
    except OSError:
        return '(no log)'


@dataclass
class Server:
    """A running server under test."""

    kind: str
    url: str
    entry: Started
    #: The process that serves the sockets (the gunicorn worker, or node itself).
    pid: int
    log: Path


def start_forum(procs: Processes, work: Path, template: Path, args) -> Server:
    """Start `gunicorn -k gevent -w 1` on a copy of the prepared database."""
    port = free_port()
    instance = work / f'forum-{port}'
    shutil.copytree(template, instance)
    env = forum_env(instance, args.rate_limit)
    log = instance / 'server.log'
    with open(log, 'wb') as out:
        entry = procs.popen(
            'gunicorn',
            [
                str(BIN / 'gunicorn'),
                '-k',
                'gevent',
                '-w',
                '1',
                '--worker-connections',
                str(args.worker_connections),
                # No shared control socket in ~/.gunicorn: other gunicorns may run on the machine.
                '--no-control-socket',
                '-b',
                f'127.0.0.1:{port}',
                'wsgi:app',
            ],
            # SIGINT is gunicorn's quick shutdown (SIGTERM waits for open websockets).
            stop_signal=signal.SIGINT,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f'http://127.0.0.1:{port}'
    wait_healthy(f'{url}/healthz', entry, log)
    workers = children_of(entry.proc.pid)
    if len(workers) != 1:
        raise BenchError(f'expected one gunicorn worker, found {workers}')
    entry.children = workers
    return Server('forum', url, entry, workers[0], log)


def start_node(procs: Processes, work: Path, args) -> Server:
    """The reference server, tests/bench/node_server.js."""
    if not (ROOT / 'node_modules' / 'socket.io').is_dir():
        raise BenchError('node_modules/socket.io is missing: run `npm ci` (or `make assets`)')
    node = shutil.which('node')
    if node is None:
        raise BenchError('node is not on PATH')
    port = free_port()
    log = work / f'node-{port}.log'
    with open(log, 'wb') as out:
        entry = procs.popen(
            'node',
            [node, str(NODE_SERVER), str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f'http://127.0.0.1:{port}'
    wait_healthy(f'{url}/healthz', entry, log)
    return Server('node', url, entry, entry.proc.pid, log)


# ---------------------------------------------------------------------------------------------
# Clients and the poster
# ---------------------------------------------------------------------------------------------


class ClientPool:
    """The worker processes holding the clients; their JSON lines arrive on the event loop."""

    def __init__(self, procs: Processes, work: Path):
        self.procs = procs
        self.work = work
        self.entries: list[Started] = []
        self.logs: list[Path] = []
        self.joined: dict[int, dict] = {}
        self.ready: dict[int, dict] = {}
        self.got_at: dict[int, float] = {}
        self.got: dict[int, set[int]] = {}
        self.results: dict[int, dict] = {}
        self.closed: dict[int, dict] = {}
        self.ended: set[int] = set()
        self._changed = asyncio.Event()

    def start(self, url: str, sizes: list[int], args) -> None:
        """Start one worker per entry of ``sizes`` (its number of clients)."""
        loop = asyncio.get_running_loop()
        for i, size in enumerate(sizes):
            log = self.work / f'clients-{os.getpid()}-{len(self.logs)}.log'
            self.logs.append(log)
            with open(log, 'wb') as err:
                entry = self.procs.popen(
                    f'clients {i}',
                    [
                        sys.executable,
                        str(Path(__file__).resolve()),
                        '--worker',
                        '--url',
                        url,
                        '--clients',
                        str(size),
                        '--batch',
                        str(args.batch),
                        '--commitment',
                        str(args.commitment),
                        '--settle-max',
                        str(args.settle_max),
                        '--close-timeout',
                        str(args.close_timeout),
                        *(['--deflate'] if args.deflate else []),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                    cwd=ROOT,
                )
            self.entries.append(entry)
            threading.Thread(target=self._read, args=(i, entry, loop), daemon=True).start()

    def _read(self, i: int, entry: Started, loop) -> None:
        for line in entry.proc.stdout:
            with contextlib.suppress(RuntimeError):  # the loop may be closed on the way out
                loop.call_soon_threadsafe(self._on_line, i, line)
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._on_end, i)

    def _on_line(self, i: int, line: str) -> None:
        try:
            msg = json.loads(line)
        except ValueError:
            return
        kind = msg.get('type')
        if kind == 'progress':
            print(
                f'  clients {i}: {msg["joined"]} joined after {msg["elapsed"]} s, '
                f'{msg["disconnected"]} disconnected {msg["reasons"]}',
                flush=True,
            )
        elif kind == 'joined':
            self.joined[i] = msg
        elif kind == 'ready':
            self.ready[i] = msg
        elif kind == 'got':
            self.got.setdefault(msg['seq'], set()).add(i)
            if len(self.got[msg['seq']]) == len(self.entries):
                self.got_at[msg['seq']] = time.monotonic()
        elif kind == 'result':
            self.results[i] = msg
        elif kind == 'closed':
            self.closed[i] = msg
        self._changed.set()

    def _on_end(self, i: int) -> None:
        self.ended.add(i)
        self._changed.set()

    async def wait(self, predicate, timeout: float, what: str, fail_on_exit=True) -> bool:
        """Wait until ``predicate()``; False after ``timeout`` s; error if a worker died."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if fail_on_exit and self.ended:
                i = min(self.ended)
                raise BenchError(
                    f'client worker {i} ended while waiting for {what}:\n{tail(self.logs[i])}'
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return True

    def send(self, command: str) -> None:
        """Send a command line to every worker still running."""
        for entry in self.entries:
            if entry.proc.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    entry.proc.stdin.write(command + '\n')
                    entry.proc.stdin.flush()

    def stop(self) -> None:
        """Stop the workers by pid (they have normally exited already)."""
        for entry in self.entries:
            self.procs.stop(entry, grace=5)


def login_poster(base_url: str) -> tuple[str, str]:
    """Log the demo chair in over HTTP; return its Cookie header and the page's CSRF token."""
    import requests

    http = requests.Session()
    page = http.get(f'{base_url}/auth/login', timeout=10)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    if match is None:
        raise BenchError('no csrf_token in the login form')
    answer = http.post(
        f'{base_url}/auth/login',
        data={'email': POSTER_EMAIL, 'password': POSTER_PASSWORD, 'csrf_token': match.group(1)},
        timeout=30,
    )
    if answer.status_code != 200:
        raise BenchError(f'login failed: HTTP {answer.status_code}')
    page = http.get(f'{base_url}/', timeout=10)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
    if meta is None:
        raise BenchError('no <meta name="csrf-token"> after login')
    cookie = '; '.join(f'{c.name}={c.value}' for c in http.cookies)
    if 'session=' not in cookie:
        raise BenchError('no session cookie after login')
    return cookie, meta.group(1)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted ``values`` (q in 0..100)."""
    if not values:
        return float('nan')
    rank = max(1, math.ceil(q / 100 * len(values)))
    return values[rank - 1]


async def run_one(kind: str, n_procs: int, args, procs: Processes, work: Path, template) -> dict:
    """One server, ``n_procs`` client processes: connect, post, measure; stop it all."""
    deflate = ', clients offer permessage-deflate' if args.deflate else ''
    print(
        f'\n== {kind} server, {args.clients} clients in {n_procs} process(es){deflate} ==',
        flush=True,
    )
    # Other work on the machine skews the figures: say how busy it was.
    load = os.getloadavg()
    print(f'load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}', flush=True)
    if kind == 'forum':
        server = await asyncio.to_thread(start_forum, procs, work, template, args)
    else:
        server = await asyncio.to_thread(start_node, procs, work, args)
    print(f'server up at {server.url} (socket process pid {server.pid})', flush=True)
    pool = ClientPool(procs, work)
    poster = None
    try:
        connect_kw = {'transports': ['websocket'], 'wait_timeout': 30}
        if kind == 'forum':
            cookie, token = await asyncio.to_thread(login_poster, server.url)
            connect_kw.update(headers={'Cookie': cookie}, auth={'csrf_token': token})
        base, extra = divmod(args.clients, n_procs)
        sizes = [base + (1 if i < extra else 0) for i in range(n_procs)]
        started = time.monotonic()
        pool.start(server.url, sizes, args)
        await pool.wait(lambda: len(pool.joined) == n_procs, args.timeout, 'the clients to join')
        connected = sum(r['connected'] for r in pool.joined.values())
        ramp = max(r['ramp_s'] for r in pool.joined.values())
        for r in pool.joined.values():
            for err in r['errors']:
                print(f'  connect error: {err}')
        # Only the forum sends presence; wait until every client has seen the last join's.
        pool.send(f'settle {connected if kind == "forum" else 0}')
        await pool.wait(lambda: len(pool.ready) == n_procs, args.timeout, 'presence to settle')
        ready_s = time.monotonic() - started
        presence = sum(r['presence'] for r in pool.ready.values())
        lagging = sum(r['lagging'] for r in pool.ready.values())
        print(
            f'{connected}/{args.clients} clients joined in {ramp:.1f} s; presence settled after '
            f'{ready_s:.1f} s ({presence} presence events received, {lagging} clients lagging)',
            flush=True,
        )
        mem = memory_mb(server.pid)
        print(f'server RSS with all clients connected: {mem["VmRSS"]:.1f} MB', flush=True)

        import socketio

        poster = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        await poster.connect(server.url, **connect_kw)

        sent: dict[int, float] = {}
        acked: dict[int, float] = {}
        timed_out: list[int] = []
        watch = [server.pid] + [e.proc.pid for e in pool.entries]
        cpu_before = [cpu_seconds(pid) for pid in watch]
        wall_before = time.monotonic()
        for seq in range(args.warmup + args.posts):
            t_send = time.monotonic()
            sent[seq] = t_send
            ack = await poster.call(
                'post_comment',
                {
                    'commitment_id': args.commitment,
                    'body': f'bench-seq {seq} sent-at {t_send:.6f}',
                    'client_id': str(uuid.uuid4()),
                },
                timeout=args.post_timeout,
            )
            acked[seq] = time.monotonic()
            if not (isinstance(ack, dict) and ack.get('ok')):
                raise BenchError(f'post_comment refused: {ack!r}')
            done = await pool.wait(
                lambda seq=seq: len(pool.got.get(seq, ())) == n_procs,
                args.post_timeout,
                f'comment {seq}',
            )
            if not done:
                timed_out.append(seq)
            await asyncio.sleep(args.gap)
        wall = time.monotonic() - wall_before
        complete_ms = [
            round((pool.got_at[seq] - sent[seq]) * 1000)
            for seq in range(args.warmup, args.warmup + args.posts)
            if seq in pool.got_at
        ]
        print(f'all clients had each comment after (ms): {complete_ms}', flush=True)
        cpu_after = [cpu_seconds(pid) for pid in watch]
        mem_after = memory_mb(server.pid)

        pool.send('finish')
        await pool.wait(lambda: len(pool.results) == n_procs, 120, 'the results')
        closing = time.monotonic()
        await pool.wait(
            lambda: len(pool.closed) == n_procs,
            args.close_timeout + 10,
            'the clients to close',
            fail_on_exit=False,
        )
        close_s = time.monotonic() - closing
    finally:
        if poster is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(poster.disconnect(), 10)
        await asyncio.to_thread(pool.stop)
        await asyncio.to_thread(procs.stop, server.entry)

    measured = range(args.warmup, args.warmup + args.posts)
    latencies: list[float] = []
    missing = 0
    missing_warmup = 0
    for seq in range(args.warmup + args.posts):
        times = [t for r in pool.results.values() for t in r['receipts'].get(str(seq), [])]
        if seq in measured:
            latencies.extend((t - sent[seq]) * 1000 for t in times)
            missing += args.clients - len(times)
        else:
            missing_warmup += args.clients - len(times)
    latencies.sort()
    # Where the time goes, per measured comment: the poster's acknowledgement (the server has
    # stored it and queued the broadcast), the first client to have it, the last.
    ack_ms = sorted((acked[seq] - sent[seq]) * 1000 for seq in measured)
    first_ms = []
    for seq in measured:
        times = [t for r in pool.results.values() for t in r['receipts'].get(str(seq), [])]
        if times:
            first_ms.append((min(times) - sent[seq]) * 1000)
    first_ms.sort()
    cpu = [(b - a) / wall * 100 for a, b in zip(cpu_before, cpu_after, strict=True)]
    result = {
        'server': kind,
        'clients': args.clients,
        'client_procs': n_procs,
        'posts': args.posts,
        'warmup': args.warmup,
        'connected': connected,
        'ramp_s': round(ramp, 2),
        'ready_s': round(ready_s, 2),
        'presence_events': presence,
        'presence_lagging': lagging,
        'complete_ms': complete_ms,
        'ack_median_ms': round(percentile(ack_ms, 50), 1),
        'first_delivery_median_ms': round(percentile(first_ms, 50), 1),
        'p50_ms': round(percentile(latencies, 50), 1),
        'p99_ms': round(percentile(latencies, 99), 1),
        'max_ms': round(latencies[-1], 1) if latencies else float('nan'),
        'deliveries': len(latencies),
        'missing': missing,
        'missing_warmup': missing_warmup,
        'timed_out_posts': timed_out,
        'duplicates': sum(r['duplicates'] for r in pool.results.values()),
        'disconnects': sum(r['disconnects'] for r in pool.results.values()),
        'rss_mb': round(mem['VmRSS'], 1),
        'rss_after_posts_mb': round(mem_after['VmRSS'], 1),
        'peak_rss_mb': round(mem_after['VmHWM'], 1),
        'post_phase_s': round(wall, 2),
        'server_cpu_pct': round(cpu[0], 1),
        'client_cpu_pct': [round(c, 1) for c in cpu[1:]],
        'close_s': round(close_s, 2),
        'loadavg_before': [round(x, 2) for x in load],
        'deflate': args.deflate,
    }
    print(
        f'p50 {result["p50_ms"]} ms, p99 {result["p99_ms"]} ms, max {result["max_ms"]} ms, '
        f'missing {missing}; median per comment: ack {result["ack_median_ms"]} ms, first client '
        f'{result["first_delivery_median_ms"]} ms; CPU while posting: '
        f'server {result["server_cpu_pct"]}%, clients {result["client_cpu_pct"]}%; '
        f'clients closed in {close_s:.1f} s',
        flush=True,
    )
    return result


def summary(results: list[dict]) -> str:
    """The table printed at the end, with the targets."""
    head = (
        f'{"server":<8} {"clients":>9} {"p50 ms":>8} {"p99 ms":>8} {"max ms":>8} '
        f'{"missing":>8} {"RSS MB":>8} {"srv CPU%":>9} {"cli CPU%":>12}'
    )
    lines = [head, '-' * len(head)]
    for r in results:
        cli = '/'.join(f'{c:.0f}' for c in r['client_cpu_pct'])
        shape = f'{r["clients"]}x{r["client_procs"]}p'
        lines.append(
            f'{r["server"]:<8} {shape:>9} {r["p50_ms"]:>8.1f} '
            f'{r["p99_ms"]:>8.1f} {r["max_ms"]:>8.1f} {r["missing"]:>8} {r["rss_mb"]:>8.1f} '
            f'{r["server_cpu_pct"]:>9.0f} {cli:>12}'
        )
    lines.append('')
    for n_procs in sorted({r['client_procs'] for r in results}):
        ours = [r for r in results if r['server'] == 'forum' and r['client_procs'] == n_procs]
        node = [r for r in results if r['server'] == 'node' and r['client_procs'] == n_procs]
        if ours and node and node[0]['p99_ms'] > 0:
            ratio = ours[0]['p99_ms'] / node[0]['p99_ms']
            verdict = 'met' if ratio <= TARGET_RATIO else 'NOT met'
            lines.append(
                f'{n_procs} client process(es): p99 forum / node = {ratio:.2f} '
                f'(target <= {TARGET_RATIO}: {verdict})'
            )
    for r in results:
        if r['server'] == 'forum':
            verdict = 'met' if r['rss_mb'] < TARGET_RSS_MB else 'NOT met'
            lines.append(
                f'forum worker RSS, {r["client_procs"]} client process(es): {r["rss_mb"]:.1f} MB '
                f'with all clients connected (target < {TARGET_RSS_MB} MB: {verdict}); '
                f'peak {r["peak_rss_mb"]:.1f} MB'
            )
    missing = sum(r['missing'] for r in results)
    lines.append(f'missing deliveries: {missing} (must be 0)')
    return '\n'.join(lines)


async def bench(args, procs: Processes) -> list[dict]:
    """Every run asked for, within the global timeout; each stops what it started."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    loop.add_signal_handler(signal.SIGTERM, task.cancel)
    results = []
    with contextlib.ExitStack() as stack:
        if args.keep:
            work = args.keep.resolve()
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix='forum-bench-')))
        template = work / 'template'
        template.mkdir()
        try:
            async with asyncio.timeout(args.timeout):
                if 'forum' in args.servers:
                    print('preparing the database (flask db upgrade, forum setup, forum demo)...')
                    await asyncio.to_thread(prepare_database, template, args.rate_limit)
                for n_procs in args.client_procs:
                    for kind in args.servers:
                        results.append(await run_one(kind, n_procs, args, procs, work, template))
        finally:
            # Before the temporary folder goes: the servers write their logs and database there.
            await asyncio.to_thread(procs.stop_all)
    return results


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--clients', type=int, default=1000, help='N watchers (default 1000)')
    parser.add_argument('--posts', type=int, default=20, help='P measured comments (default 20)')
    parser.add_argument(
        '--warmup', type=int, default=1, help='comments posted first, not measured (default 1)'
    )
    parser.add_argument(
        '--timeout', type=float, default=600, help='global timeout in seconds (default 600)'
    )
    parser.add_argument(
        '--client-procs',
        default='1,2',
        help='client processes; a comma list runs every server once per value (default 1,2)',
    )
    parser.add_argument(
        '--servers', default='forum,node', help='which servers, in order (default forum,node)'
    )
    parser.add_argument(
        '--batch', type=int, default=10, help='connections per ramp batch (default 10)'
    )
    parser.add_argument(
        '--post-timeout', type=float, default=15, help='seconds to wait for one comment to arrive'
    )
    parser.add_argument('--gap', type=float, default=0.1, help='pause between comments (s)')
    parser.add_argument('--settle-max', type=float, default=120, help=argparse.SUPPRESS)
    parser.add_argument('--close-timeout', type=float, default=30, help=argparse.SUPPRESS)
    parser.add_argument('--commitment', type=int, default=1, help='commitment id (default 1)')
    parser.add_argument('--rate-limit', type=int, default=1000, help='FORUM_COMMENT_RATE_LIMIT')
    parser.add_argument('--worker-connections', type=int, default=4000)
    parser.add_argument('--json', type=Path, help='also write the results to this JSON file')
    parser.add_argument(
        '--keep',
        type=Path,
        help='keep the logs and databases in this folder (else a temporary one)',
    )
    parser.add_argument(
        '--deflate',
        action='store_true',
        help='clients offer permessage-deflate, as browsers do (default: they do not)',
    )
    parser.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--url', help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.worker:
        args.client_procs = [int(x) for x in str(args.client_procs).split(',') if x]
        args.servers = [s for s in args.servers.split(',') if s]
        if not set(args.servers) <= {'forum', 'node'}:
            parser.error('--servers takes forum and/or node')
        if args.clients < 1 or args.posts < 1 or min(args.client_procs, default=0) < 1:
            parser.error('--clients, --posts and --client-procs must be positive')
    return args


def main(argv=None) -> int:
    """Run the benchmark (or, with ``--worker``, one client process); return the exit status."""
    args = parse_args(argv)
    # Ctrl-C stops everything, even when started from a shell that ignores SIGINT (a job in the
    # background): the runs below clean up on the way out.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.worker:
        try:
            return asyncio.run(run_worker(args))
        except KeyboardInterrupt:
            return 130
    soft, hard = raise_fd_limit(2 * args.clients + 1024)
    if soft < 2 * args.clients + 64:
        print(f'warning: open-files limit {soft} (hard {hard}) may be too low for the clients')
    procs = Processes()
    try:
        results = asyncio.run(bench(args, procs))
    except TimeoutError:
        print(f'\nbenchmark FAILED: the global timeout ({args.timeout:.0f} s) ran out')
        return 2
    except (KeyboardInterrupt, asyncio.CancelledError):
        print('\nbenchmark interrupted')
        return 130
    except BenchError as exc:
        print(f'\nbenchmark FAILED: {exc}')
        return 1
    except Exception:  # noqa: BLE001 - report it; the servers and clients are stopped below
        traceback.print_exc()
        print('\nbenchmark FAILED')
        return 1
    finally:
        procs.stop_all()
    print('\n' + summary(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + '\n')
    return 1 if any(r['missing'] for r in results) else 0


if __name__ == '__main__':
    sys.exit(main())
