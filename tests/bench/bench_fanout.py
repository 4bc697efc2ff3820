"""Broadcast fan-out benchmark (issue 4), run by ``make bench``; not a test.

Starts the real application (gunicorn + gevent, one worker, SQLite in a temporary folder, the demo
data), connects N anonymous Socket.IO clients (python-socketio's asyncio client, websocket only,
in batches) that ``join`` one commitment, logs one poster in over HTTP and has it post P comments
with ``post_comment``, one at a time. Every client notes when each ``comment_added`` arrives; the
latency is that time minus the time the poster sent the comment (``time.monotonic``, one clock
for every process of the machine). The same clients and poster run against a minimal Node
``socket.io`` server that only broadcasts (``tests/bench/node_server.js``): by default both servers
are up at once, each with its own clients, and their comments take turns (``--paired``), so that
the machine's drifting speed falls on both alike.

It reports p50/p99/max latency and the missing deliveries for each server, the p99 ratio, and the
resident memory (VmRSS) of the gunicorn worker with every client connected.

The clients run in child processes: by default each server is measured with all clients in one
process, then split over two (``--client-procs 1,2``), as one Python process cannot read a
thousand messages as fast as the servers send them. The poster runs in this process. Everything is
on 127.0.0.1 and everything started here is stopped by process id on the way out, also after an
error, the global timeout or Ctrl-C. See docs/performance.md.

The modules beside this script: ``processes.py`` (what was started, stopped by pid; /proc
readings), ``servers.py`` (the forum and Node servers, the poster's login), ``clients.py`` (the
client worker and the pool of workers), ``side.py`` (one server with its clients and poster, from
start to measurement), ``report.py`` (percentiles, the summary table).

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
import traceback
from pathlib import Path

from clients import pause_gc, run_worker
from processes import BenchError, Processes, raise_fd_limit
from report import summary
from servers import prepare_database
from side import Side

#: The folder whose sitecustomize.py logs garbage collections (``--gc-log``).
GC_LOG_SITE = Path(__file__).resolve().with_name('gclog')


async def run_alone(
    kind: str, n_procs: int, args, procs: Processes, work: Path, template, round_no: int
) -> list[dict]:
    """One server, ``n_procs`` client processes: connect, post, measure; stop it all."""
    print(f'\n== round {round_no}/{args.rounds}: {kind} server, {_clients(args, n_procs)} ==')
    side = Side(kind, n_procs, args, procs, work, template)
    try:
        await side.start()
        pause_gc()  # the poster too: a pause between taking the send time and sending
        side.begin_posting()
        for seq in range(args.warmup + args.posts):
            await side.post(seq)
        return [{**await side.finish(), 'round': round_no, 'paired': False}]
    finally:
        gc.enable()
        await side.stop()


async def run_paired(
    kinds: list[str], n_procs: int, args, procs: Processes, work: Path, template, round_no: int
) -> list[dict]:
    """Both servers up at once, each with its own clients; their comments take turns.

    The machine's speed drifts by 10-20 % within seconds; with the servers' comments interleaved
    (which goes first alternates from comment to comment) both are measured in the same moments.
    """
    print(
        f'\n== round {round_no}/{args.rounds}: {" and ".join(kinds)} side by side, '
        f'{_clients(args, n_procs)} each =='
    )
    sides = [Side(kind, n_procs, args, procs, work, template) for kind in kinds]
    try:
        for side in sides:
            await side.start()
        pause_gc()
        for side in sides:
            side.begin_posting()
        for seq in range(args.warmup + args.posts):
            for side in sides if seq % 2 == 0 else sides[::-1]:
                await side.post(seq)
        return [{**await side.finish(), 'round': round_no, 'paired': True} for side in sides]
    finally:
        gc.enable()
        for side in sides:
            await side.stop()


def _clients(args, n_procs: int) -> str:
    deflate = ', clients offer permessage-deflate' if args.deflate else ''
    return f'{args.clients} clients in {n_procs} process(es){deflate}'


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
                        if args.paired and len(order) > 1:
                            results += await run_paired(
                                order, n_procs, args, procs, work, template, round_no
                            )
                            continue
                        for kind in order:
                            results += await run_alone(
                                kind, n_procs, args, procs, work, template, round_no
                            )
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
        '--paired',
        action=argparse.BooleanOptionalAction,
        default=True,
        help='run both servers at once, their comments taking turns (default); '
        '--no-paired measures one server after the other',
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
