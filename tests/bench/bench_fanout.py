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

The modules beside this script: ``processes.py`` (what was started, stopped by pid; /proc
readings), ``servers.py`` (the forum and Node servers, the poster's login), ``clients.py`` (the
client worker and the pool of workers), ``report.py`` (percentiles, the summary table).

    .venv/bin/python tests/bench/bench_fanout.py [--clients 1000] [--posts 20] [--timeout 600]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import signal
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path

from clients import ClientPool, pause_gc, run_worker
from processes import BenchError, Processes, cpu_seconds, memory_mb, raise_fd_limit
from report import percentile, summary
from servers import (
    POSTER_USER_AGENT,
    login_poster,
    prepare_database,
    start_forum,
    start_node,
)

#: The folder whose sitecustomize.py logs garbage collections (``--gc-log``).
GC_LOG_SITE = Path(__file__).resolve().with_name('gclog')


async def run_one(
    kind: str, n_procs: int, args, procs: Processes, work: Path, template, round_no: int = 1
) -> dict:
    """One server, ``n_procs`` client processes: connect, post, measure; stop it all."""
    deflate = ', clients offer permessage-deflate' if args.deflate else ''
    print(
        f'\n== round {round_no}/{args.rounds}: {kind} server, {args.clients} clients in '
        f'{n_procs} process(es){deflate} ==',
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
            connect_kw.update(
                headers={'Cookie': cookie, 'User-Agent': POSTER_USER_AGENT},
                auth={'csrf_token': token},
            )
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
        pause_gc()  # the poster too: a pause between taking the send time and sending
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
        posting = (wall_before, wall_before + wall)
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
        gc.enable()
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
        'round': round_no,
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
        # Every delivery's latency, for the figures over all rounds (not written to --json).
        'latencies_ms': latencies,
    }
    if args.gc_log:
        result['gc_pauses_ms'] = gc_pauses(args.gc_log, posting, server.pid, watch[1:])
        print(f'garbage collections of 1 ms or more while posting: {result["gc_pauses_ms"]}')
    print(
        f'p50 {result["p50_ms"]} ms, p99 {result["p99_ms"]} ms, max {result["max_ms"]} ms, '
        f'missing {missing}; median per comment: ack {result["ack_median_ms"]} ms, first client '
        f'{result["first_delivery_median_ms"]} ms; CPU while posting: '
        f'server {result["server_cpu_pct"]}%, clients {result["client_cpu_pct"]}%; '
        f'clients closed in {close_s:.1f} s',
        flush=True,
    )
    return result


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
        if args.gc_log:
            # Read by tests/bench/gclog/sitecustomize.py in every Python process started below.
            args.gc_log = work / 'gc.log'
            os.environ['FORUM_BENCH_GC_LOG'] = str(args.gc_log)
            os.environ['PYTHONPATH'] = os.pathsep.join(
                filter(None, [str(GC_LOG_SITE), os.environ.get('PYTHONPATH')])
            )
        try:
            async with asyncio.timeout(args.timeout):
                if 'forum' in args.servers:
                    print('preparing the database (flask db upgrade, forum setup, forum demo)...')
                    await asyncio.to_thread(prepare_database, template, args.rate_limit)
                for round_no in range(1, args.rounds + 1):
                    # Every other round the other server goes first: the machine's speed drifts.
                    order = args.servers if round_no % 2 else args.servers[::-1]
                    for n_procs in args.client_procs:
                        for kind in order:
                            results.append(
                                await run_one(kind, n_procs, args, procs, work, template, round_no)
                            )
        finally:
            # Before the temporary folder goes: the servers write their logs and database there.
            await asyncio.to_thread(procs.stop_all)
    return results


def gc_pauses(log: Path, window: tuple[float, float], server_pid: int, client_pids) -> dict:
    """The collections (generation, ms) of the server and the clients that began in ``window``."""
    found = {'server': [], 'clients': []}
    if not log.exists():
        return found
    for line in log.read_text(encoding='ascii').splitlines():
        started, pid, generation, took = line.split()
        if not window[0] <= float(started) <= window[1]:
            continue
        who = 'server' if int(pid) == server_pid else 'clients' if int(pid) in client_pids else None
        if who:
            found[who].append((int(generation), float(took)))
    return found


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--clients', type=int, default=1000, help='N watchers (default 1000)')
    parser.add_argument('--posts', type=int, default=20, help='P measured comments (default 20)')
    parser.add_argument(
        '--warmup', type=int, default=1, help='comments posted first, not measured (default 1)'
    )
    parser.add_argument(
        '--timeout', type=float, default=1500, help='global timeout in seconds (default 1500)'
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
        '--rounds',
        type=int,
        default=3,
        help='measure every server and client-process count this many times, alternating '
        'which server goes first (default 3)',
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
    parser.add_argument(
        '--gc-log',
        action='store_true',
        help='log the garbage collections of the servers and clients (tests/bench/gclog)',
    )
    parser.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--url', help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.worker:
        args.client_procs = [int(x) for x in str(args.client_procs).split(',') if x]
        args.servers = [s for s in args.servers.split(',') if s]
        if not set(args.servers) <= {'forum', 'node'}:
            parser.error('--servers takes forum and/or node')
        if (
            args.clients < 1
            or args.posts < 1
            or args.rounds < 1
            or min(args.client_procs, default=0) < 1
        ):
            parser.error('--clients, --posts, --rounds and --client-procs must be positive')
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
        written = [{k: v for k, v in r.items() if k != 'latencies_ms'} for r in results]
        args.json.write_text(json.dumps(written, indent=2) + '\n')
    return 1 if any(r['missing'] for r in results) else 0


if __name__ == '__main__':
    sys.exit(main())
