"""Commitment page benchmark (issue 11): the page and the ``join`` ack at real size, served.

One ``gunicorn -c gunicorn.conf.py -k gevent -w 1`` worker (as ``make serve`` runs it) on a fresh
SQLite demo database (as ``make run`` sets it up), with comments inserted directly in the database:
``--sizes`` comments (default 10, 100, 1,000 and 10,000) on one commitment each, a reply in every
three, one in seven anchored to a milestone. Everything on 127.0.0.1; every phase is bounded in
count and time, and the whole run by ``--timeout``.

1. **Size curve**: for each size, the commitment page (``GET``, kept alive, anonymous) and a
   ``join`` ack (a fresh anonymous socket each time): the median time from request to last byte
   over ``--repeat`` tries after one warm-up, and the bytes (the page's body; the ack's JSON in
   UTF-8). The goal is flat: 10,000 within 1.5 × of 10.
2. **Page under load**: ``--sockets`` Socket.IO clients (tests/bench/clients.py, in
   ``--client-procs`` processes) join the commitment with ``--load-comments`` comments and stay;
   meanwhile ``--clients`` kept-alive HTTP clients each load its page, then wait ``--think``
   seconds (± half, as a person reads), for ``--seconds``: p50, p99 and the slowest page.
   Goal: p99 under 100 ms.
3. **Keep-alive turns**: ``wrk -t2 -c50 -d<--wrk-seconds>s --latency`` (Debian's wrk) on the page
   of a commitment without comments, as fast as wrk can ask, against four servers in turn:
   the forum with gunicorn.conf.py and with gunicorn's defaults (an empty config file), and the bare
   reference (tests/bench/bare_app.py, burning the forum's measured page time) with either. In turn,
   every request waits for the 49 others (p50 ≈ p99 ≈ 50 × the page time, no timeouts); without
   turns, some connections are served again and again while others wait past wrk's 2 s timeout.
   Skipped, with a note, when wrk is not installed.

    .venv/bin/python tests/bench/bench_page.py [--sizes 10,100,1000,10000] [--json out.json]

``make bench-page`` runs it (``make bench`` too). It exits non-zero when a page or a join fails.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import math
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import servers  # noqa: F401  (puts the repository root on sys.path for `tests`)
from clients import ClientPool
from processes import (
    BenchError,
    Processes,
    children_of,
    cpu_seconds,
    memory_mb,
    raise_fd_limit,
    tail,
)

from tests import servers as shared

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / 'tests' / 'bench'
GUNICORN_CONF = ROOT / 'gunicorn.conf.py'
#: A comment as people write them: Thai and English, about 250 characters.
THAI = (
    'ความคิดเห็นต่อพันธกิจนี้: ควรเปิดเผยข้อมูลงบประมาณรายไตรมาส '
    'และให้ภาคประชาสังคมร่วมติดตามผลการดำเนินงานทุกขั้นตอน'
)
ENGLISH = 'Publish the quarterly budget data and let civil society follow every step of the work.'
STANCES = ('', 'support', 'concern', 'question', 'proposal')
WRK_LINE = re.compile(r'^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$')


def parse_args(argv=None) -> argparse.Namespace:
    """The command line (``--help``)."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--sizes', default='10,100,1000,10000', help='comments per commitment')
    parser.add_argument('--repeat', type=int, default=5, help='measured loads per size (5)')
    parser.add_argument('--clients', type=int, default=50, help='HTTP clients under load (50)')
    parser.add_argument('--sockets', type=int, default=1000, help='watching sockets (1000)')
    parser.add_argument('--client-procs', type=int, default=2, help='processes of watchers (2)')
    parser.add_argument('--seconds', type=float, default=30, help='length of the load (30 s)')
    parser.add_argument('--think', type=float, default=5.0, help="a client's pause (5 s)")
    parser.add_argument(
        '--load-comments', type=int, default=100, help='comments on the watched commitment (100)'
    )
    parser.add_argument('--wrk-seconds', type=int, default=15, help='each wrk run (15 s)')
    parser.add_argument('--wrk-connections', type=int, default=50, help="wrk's -c (50)")
    parser.add_argument('--no-wrk', action='store_true', help='skip the keep-alive comparison')
    parser.add_argument('--worker-connections', type=int, default=2000)
    parser.add_argument('--timeout', type=float, default=1200, help='the whole run (1200 s)')
    parser.add_argument('--json', type=Path, help='also write the results to this JSON file')
    # What tests/bench/clients.py's watchers need.
    parser.add_argument('--batch', type=int, default=50, help=argparse.SUPPRESS)
    parser.add_argument('--settle-max', type=float, default=60, help=argparse.SUPPRESS)
    parser.add_argument('--close-timeout', type=float, default=30, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(',') if s]
    args.deflate = False
    if not args.sizes or min(args.sizes) < 0 or args.repeat < 1 or args.clients < 1:
        parser.error('--sizes must be counts, --repeat and --clients positive')
    if args.sockets < 0 or args.client_procs < 1:
        parser.error('--sockets must be a count, --client-procs positive')
    return args


# -- the database -------------------------------------------------------------------------------


def seed_comments(database: Path, commitment_id: int, count: int) -> None:
    """Insert ``count`` comments on one commitment directly (a reply in three, some anchored)."""
    con = sqlite3.connect(database)
    try:
        authors = con.execute('SELECT id, sector_id FROM users ORDER BY id').fetchall()
        milestones = [
            r[0]
            for r in con.execute(
                'SELECT id FROM milestones WHERE commitment_id = ? ORDER BY id', (commitment_id,)
            )
        ]
        next_id = (con.execute('SELECT max(id) FROM comments').fetchone()[0] or 0) + 1
        columns = {r[1] for r in con.execute('PRAGMA table_info(comments)')}
        # Since c0de13a00007 a comment names its milestone in milestone_id, not in the anchor.
        by_reference = 'milestone_id' in columns
        start = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=count + 60)
        rows, parent = [], None
        for i in range(count):
            author, sector = authors[i % len(authors)]
            milestone = milestones[i % len(milestones)] if milestones and i % 7 == 3 else None
            reply = parent is not None and i % 3 == 2
            if milestone is None or reply:
                anchor, milestone = '', None
            elif by_reference:
                anchor = 'milestone'
            else:
                anchor = f'milestone:{milestone}'
            body = f'{THAI} {ENGLISH} (bench comment {i})'
            rows.append(
                (
                    next_id + i, commitment_id, author, sector, '', parent if reply else None,
                    anchor, '' if reply else STANCES[i % len(STANCES)], body,
                    f'<p>{html.escape(body)}</p>', str(uuid.uuid4()),
                    (start + timedelta(seconds=i)).strftime('%Y-%m-%d %H:%M:%S.%f'),
                ) + ((milestone,) if by_reference else ())
            )  # fmt: skip
            if not reply:
                parent = next_id + i
        con.executemany(
            'INSERT INTO comments (id, commitment_id, author_id, sector_id, organisation_label,'
            ' parent_id, anchor, stance, body, body_html, client_id, created_dt, edited_dt,'
            ' is_deleted, is_hidden, hidden_reason'
            + (', milestone_id' if by_reference else '')
            + ') VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, NULL'
            + (', ?' if by_reference else '')
            + ')',
            rows,
        )
        if 'seq' in columns:
            # The commitment's comment sequence (since b2c0ffee0003): 1..count in posting order.
            con.execute(
                'UPDATE comments SET seq = id - ? + 1 WHERE commitment_id = ? AND id >= ?',
                (next_id, commitment_id, next_id),
            )
            con.execute(
                'UPDATE commitments SET comment_seq = ? WHERE id = ?', (count, commitment_id)
            )
        con.commit()
        con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    finally:
        con.close()


def prepare(template: Path, args) -> dict:
    """The demo database with the comments; return which commitment has how many."""
    servers.prepare_database(template, rate_limit=1000)
    database = template / 'forum.sqlite3'
    with sqlite3.connect(database) as con:
        ids = [r[0] for r in con.execute('SELECT id FROM commitments ORDER BY id')]
    extra = args.load_comments not in args.sizes
    if len(ids) < 1 + len(args.sizes) + extra:
        raise BenchError(f'the demo has {len(ids)} commitments: too few for these sizes')
    plan = {'empty': ids[0], 'sizes': dict(zip(args.sizes, ids[1:], strict=False))}
    for size, commitment in plan['sizes'].items():
        seed_comments(database, commitment, size)
    if extra:
        plan['load'] = ids[1 + len(args.sizes)]
        seed_comments(database, plan['load'], args.load_comments)
    else:
        plan['load'] = plan['sizes'][args.load_comments]
    return plan


# -- the servers --------------------------------------------------------------------------------


class Gunicorn:
    """One ``gunicorn -k gevent -w 1`` under test, started and stopped by pid."""

    def __init__(self, procs, name, app, cwd, config, env, log, health, args):
        self.port = shared.free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.name = name
        self.log = log
        cmd = [str(shared.BIN / 'gunicorn'), '-c', str(config), '-k', 'gevent', '-w', '1']
        cmd += ['--worker-connections', str(args.worker_connections), '--no-control-socket']
        cmd += ['-b', f'127.0.0.1:{self.port}', app]
        with open(log, 'wb') as out:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        # SIGINT is gunicorn's quick shutdown (SIGTERM waits for open websockets).
        self.entry = procs.add(name, proc, stop_signal=signal.SIGINT)
        try:
            shared.wait_healthy(self.url + health, proc, log, timeout=60)
        except shared.ServerError as exc:
            raise BenchError(f'{name}: {exc}') from exc
        workers = children_of(proc.pid)
        if len(workers) != 1:
            raise BenchError(f'{name}: expected one gunicorn worker, found {workers}')
        self.entry.children = workers
        self.pid = workers[0]


def start_forum(procs, work: Path, template: Path, config: Path, args, name='forum') -> Gunicorn:
    """The forum on its own copy of the prepared database."""
    instance = work / f'{name}-instance'
    shutil.copytree(template, instance)
    env = servers.forum_env(instance, rate_limit=1000)
    log = work / f'{name}.log'
    return Gunicorn(procs, name, 'wsgi:app', ROOT, config, env, log, '/healthz', args)


def start_bare(procs, work: Path, config: Path, burn_ms: float, body: int, args, name) -> Gunicorn:
    """The bare reference app burning ``burn_ms`` per request."""
    env = shared.app_env(work, 'sqlite://', secret='unused')
    env.update(BARE_BURN_MS=f'{burn_ms:.2f}', BARE_BODY_BYTES=str(body))
    log = work / f'{name}.log'
    return Gunicorn(procs, name, 'bare_app:app', BENCH, config, env, log, '/', args)


# -- measurements -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def measure_page(url: str, commitment: int, repeat: int) -> dict:
    """Median time (ms) and size (bytes) of the commitment page over a kept-alive connection."""
    import requests

    times, size = [], 0
    with requests.Session() as http:
        for i in range(repeat + 1):
            started = time.perf_counter()
            answer = http.get(f'{url}/commitments/{commitment}', timeout=120)
            elapsed = (time.perf_counter() - started) * 1000
            if answer.status_code != 200:
                raise BenchError(f'/commitments/{commitment}: HTTP {answer.status_code}')
            size = len(answer.content)
            if i:  # the first is the warm-up
                times.append(elapsed)
    return {'ms': statistics.median(times), 'bytes': size}


async def measure_join(url: str, commitment: int, repeat: int) -> dict:
    """Median time (ms) and size (bytes of JSON) of a ``join`` ack, a fresh socket each time."""
    import socketio

    times, size = [], 0
    for i in range(repeat + 1):
        sio = socketio.AsyncClient(
            reconnection=False, handle_sigint=False, websocket_extra_options={'max_msg_size': 0}
        )
        await sio.connect(url, transports=['websocket'], wait_timeout=30)
        try:
            started = time.perf_counter()
            ack = await sio.call('join', {'commitment_id': commitment}, timeout=120)
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            await sio.disconnect()
        if not (isinstance(ack, dict) and ack.get('ok')):
            raise BenchError(f'join of commitment {commitment} refused: {str(ack)[:200]}')
        size = len(json.dumps(ack, ensure_ascii=False, separators=(',', ':')).encode())
        if i:
            times.append(elapsed)
    return {'ms': statistics.median(times), 'bytes': size}


async def page_load(url: str, commitment: int, args) -> dict:
    """``--clients`` kept-alive clients loading the page, each pausing about ``--think`` s."""
    import aiohttp

    latencies: list[float] = []
    errors: list[str] = []
    page = f'{url}/commitments/{commitment}'
    stop_at = time.monotonic() + args.seconds

    async def client(idx: int) -> None:
        rng = random.Random(idx)
        # A browser's connection: kept alive, with its cookies.
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=60),
        ) as http:
            await asyncio.sleep(rng.uniform(0, args.think))
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                try:
                    async with http.get(page) as answer:
                        await answer.read()
                        status = answer.status
                except (aiohttp.ClientError, TimeoutError) as exc:
                    errors.append(repr(exc))
                    continue
                if status != 200:
                    errors.append(f'HTTP {status}')
                else:
                    latencies.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(args.clients)))
    elapsed = time.monotonic() - started
    if not latencies:
        raise BenchError(f'no page answered under load: {errors[:3]}')
    return {
        'requests': len(latencies),
        'per_s': len(latencies) / elapsed,
        'p50': percentile(latencies, 0.5),
        'p99': percentile(latencies, 0.99),
        'max': max(latencies),
        'errors': len(errors),
        'first_errors': errors[:3],
    }


async def watch_and_load(server: Gunicorn, procs, work: Path, commitment: int, args) -> dict:
    """The page under load while ``--sockets`` sockets watch the commitment."""
    pool = None
    watchers = {'sockets': 0, 'joined': 0, 'ramp_s': 0.0, 'disconnected': 0}
    if args.sockets:
        args.commitment = commitment
        n_procs = min(args.client_procs, args.sockets)
        sizes = [args.sockets // n_procs + (i < args.sockets % n_procs) for i in range(n_procs)]
        pool = ClientPool(procs, work, name='watchers')
        pool.start(server.url, sizes, args)
        await pool.wait(lambda: len(pool.joined) == n_procs, args.timeout, 'the watchers to join')
        joined = sum(r['connected'] for r in pool.joined.values())
        if joined < args.sockets:
            errors = [e for r in pool.joined.values() for e in r['errors']]
            raise BenchError(f'{joined}/{args.sockets} watchers joined: {errors[:3]}')
        pool.send(f'settle {joined}')
        await pool.wait(lambda: len(pool.ready) == n_procs, args.timeout, 'presence to settle')
        watchers = {
            'sockets': args.sockets,
            'joined': joined,
            'ramp_s': max(r['ramp_s'] for r in pool.joined.values()),
            # Watchers whose connection ended before the load (an overloaded server's pings).
            'disconnected': sum(r['disconnects'] for r in pool.ready.values()),
        }
        print(
            f'  {joined} sockets joined commitment {commitment} in {watchers["ramp_s"]:.1f} s, '
            f'{watchers["disconnected"]} of them disconnected since',
            flush=True,
        )
    try:
        cpu, started = cpu_seconds(server.pid), time.monotonic()
        result = await page_load(server.url, commitment, args)
        # The worker's share of one core meanwhile: near 1, the pages queue behind each other.
        elapsed = time.monotonic() - started
        result['worker_cpu'] = (cpu_seconds(server.pid) - cpu) / elapsed
        # What one page cost the worker in CPU: one process serves at most 1,000 / this a second.
        result['cpu_ms_per_page'] = 1000 * result['worker_cpu'] * elapsed / result['requests']
        result['worker_mb'] = memory_mb(server.pid).get('VmRSS', float('nan'))
    finally:
        if pool is not None:
            pool.send('finish')
            await pool.wait(
                lambda: len(pool.ended) == len(pool.entries), 60, 'the watchers', fail_on_exit=False
            )
            pool.stop()
    return {**result, **watchers}


def run_wrk(url: str, args) -> dict:
    """``wrk -t2 -c<n> -d<s>s --latency`` on ``url``; its percentiles, count and timeouts."""
    cmd = ['wrk', '-t2', f'-c{args.wrk_connections}', f'-d{args.wrk_seconds}s', '--latency', url]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=args.wrk_seconds + 60, check=False
    ).stdout
    result = {'requests': 0, 'timeouts': 0, 'non_2xx': 0}
    scale = {'us': 0.001, 'ms': 1.0, 's': 1000.0}
    for line in out.splitlines():
        match = WRK_LINE.match(line)
        if match:
            result[f'p{match.group(1)}'] = float(match.group(2)) * scale[match.group(3)]
        elif 'requests in' in line:
            result['requests'] = int(line.split()[0])
        elif 'Socket errors' in line:
            result['timeouts'] = int(line.rsplit('timeout', 1)[1].strip())
        elif 'Non-2xx' in line:
            result['non_2xx'] = int(line.rsplit(':', 1)[1])
    if 'p50' not in result:
        raise BenchError(f'could not read wrk output:\n{out}')
    return result


# -- the run ------------------------------------------------------------------------------------


async def bench(args, procs: Processes, work: Path) -> dict:
    """Every phase, in order; the results."""
    template = work / 'template'
    template.mkdir()
    print('Preparing the demo database and the comments…', flush=True)
    plan = prepare(template, args)
    forum = start_forum(procs, work, template, GUNICORN_CONF, args)
    results: dict = {'sizes': [], 'plan': plan}

    print('Size curve (page and join at each size)…', flush=True)
    for size in [0, *args.sizes]:
        commitment = plan['empty'] if size == 0 else plan['sizes'][size]
        page = measure_page(forum.url, commitment, args.repeat)
        join = await measure_join(forum.url, commitment, args.repeat)
        results['sizes'].append({'comments': size, 'page': page, 'join': join})
        print(
            f'  {size:>6} comments: page {page["ms"]:.1f} ms {page["bytes"]:,} B, '
            f'join {join["ms"]:.1f} ms {join["bytes"]:,} B',
            flush=True,
        )
    results['worker_mb_after_sizes'] = memory_mb(forum.pid).get('VmHWM', float('nan'))

    print(
        f'Page under load: {args.clients} clients, {args.sockets} sockets watching, '
        f'{args.seconds:.0f} s…',
        flush=True,
    )
    results['load'] = await watch_and_load(forum, procs, work, plan['load'], args)
    results['load']['comments'] = args.load_comments
    procs.stop(forum.entry)
    # Whatever the server logged as failing (hooks and handlers alike) while it was measured.
    results['server_tracebacks'] = shared.log_text(forum.log).count('Traceback')

    if args.no_wrk:
        results['wrk'] = 'skipped (--no-wrk)'
    elif shutil.which('wrk') is None:
        results['wrk'] = 'skipped: wrk is not installed (apt-get install wrk)'
    else:
        results['wrk'] = await asyncio.to_thread(
            keepalive_rows, procs, work, template, plan['empty'], args
        )
    return results


def keepalive_rows(procs, work: Path, template: Path, empty: int, args) -> list:
    """Run wrk on the empty commitment's page: forum and bare app, with and without turns.

    Each server is fresh and alone under wrk. The bare app burns the forum's time per page
    under wrk with turns (wrk's seconds over the pages it got: the time the worker took per page
    at full load, on this machine as loaded as it is now), and sends the page's bytes.
    """
    no_config = work / 'no-config.py'
    no_config.write_text('# gunicorn defaults: no post_request hook\n')
    rows, burn_ms, body = [], 0.0, 0
    print(f'Keep-alive turns: wrk -c{args.wrk_connections} for {args.wrk_seconds} s each…')
    for config in (GUNICORN_CONF, no_config):
        label = 'conf' if config == GUNICORN_CONF else 'defaults'
        server = start_forum(procs, work, template, config, args, name=f'forum-{label}')
        if not body:
            page = measure_page(server.url, empty, 5)
            burn_ms, body = page['ms'], page['bytes']
        row = wrk_row('forum', config, server, f'/commitments/{empty}', args)
        if config == GUNICORN_CONF and row['requests']:
            burn_ms = 1000 * args.wrk_seconds / row['requests']
        rows.append(row)
        procs.stop(server.entry)
    for config in (GUNICORN_CONF, no_config):
        label = 'conf' if config == GUNICORN_CONF else 'defaults'
        server = start_bare(procs, work, config, burn_ms, body, args, name=f'bare-{label}')
        rows.append(wrk_row(f'bare app ({burn_ms:.1f} ms)', config, server, '/', args))
        procs.stop(server.entry)
    return rows


def wrk_row(name: str, config: Path, server: Gunicorn, path: str, args) -> dict:
    """One wrk run; the worker must not have restarted."""
    result = run_wrk(server.url + path, args)
    if children_of(server.entry.proc.pid) != [server.pid]:
        raise BenchError(f'{server.name}: the worker restarted under wrk:\n{tail(server.log)}')
    result.update(server=name, config='gunicorn.conf.py' if config == GUNICORN_CONF else 'none')
    print(f'  {name}, {result["config"]}: {fmt_wrk(result)}', flush=True)
    return result


def fmt_wrk(r: dict) -> str:
    return (
        f'p50 {r["p50"]:.0f} ms, p99 {r["p99"]:.0f} ms, {r["requests"]} requests, '
        f'{r["timeouts"]} timeouts'
    )


def summary(results: dict, args) -> str:
    """The tables printed at the end."""
    lines = [
        '| comments | page ms | page bytes | join ms | join bytes |',
        '|---:|---:|---:|---:|---:|',
    ]
    for row in results['sizes']:
        page, join = row['page'], row['join']
        lines.append(
            f'| {row["comments"]:,} | {page["ms"]:.1f} | {page["bytes"]:,} | '
            f'{join["ms"]:.1f} | {join["bytes"]:,} |'
        )
    measured = [r for r in results['sizes'] if r['comments']]
    if len(measured) > 1:
        low, high = measured[0], measured[-1]
        lines.append(
            f'\n{high["comments"]:,} against {low["comments"]:,} comments: page '
            f'{high["page"]["ms"] / low["page"]["ms"]:.2f} × the time, join '
            f'{high["join"]["ms"] / low["join"]["ms"]:.2f} × (goal: at most 1.5 ×)'
        )
    load = results['load']
    lines.append(
        f'\nPage under load ({load["comments"]} comments): {args.clients} kept-alive clients '
        f'(a pause of {args.think:g} s ± half), {load["joined"]} sockets joined '
        f'({load["disconnected"]} disconnected before the load), '
        f'{args.seconds:g} s: {load["requests"]} pages ({load["per_s"]:.1f}/s), '
        f'p50 {load["p50"]:.1f} ms, p99 {load["p99"]:.1f} ms, slowest {load["max"]:.1f} ms, '
        f'{load["errors"]} errors; the worker used {load["worker_cpu"]:.0%} of a core '
        f'({load["cpu_ms_per_page"]:.1f} ms of CPU a page), '
        f'{load["worker_mb"]:.0f} MB (goal: p99 under 100 ms)'
    )
    lines.append(f'Tracebacks in the server log: {results["server_tracebacks"]}')
    if isinstance(results['wrk'], str):
        lines.append(f'\nKeep-alive turns: {results["wrk"]}')
    else:
        lines.append(
            f'\nKeep-alive turns: wrk -t2 -c{args.wrk_connections} -d{args.wrk_seconds}s --latency'
        )
        lines += [
            '| server | gunicorn config | p50 ms | p90 ms | p99 ms | requests | timeouts (> 2 s) |',
            '|---|---|---:|---:|---:|---:|---:|',
        ]
        for r in results['wrk']:
            lines.append(
                f'| {r["server"]} | {r["config"]} | {r["p50"]:.0f} | {r["p90"]:.0f} | '
                f'{r["p99"]:.0f} | {r["requests"]} | {r["timeouts"]} |'
            )
    return '\n'.join(lines)


def main(argv=None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    raise_fd_limit(2 * args.sockets + 1024)
    procs = Processes()
    with tempfile.TemporaryDirectory(prefix='bench-page-') as tmp:
        try:
            results = asyncio.run(asyncio.wait_for(bench(args, procs, Path(tmp)), args.timeout))
        except TimeoutError:
            print(f'\nbenchmark FAILED: the global timeout ({args.timeout:.0f} s) ran out')
            return 2
        except KeyboardInterrupt:
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
    print('\n' + summary(results, args))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
