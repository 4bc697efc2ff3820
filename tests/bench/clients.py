"""The watching clients: the worker process that holds a share of them, and the pool of workers.

A worker is ``bench_fanout.py --worker``: :func:`run_worker` connects its clients and talks JSON
lines with :class:`ClientPool` in the benchmark's process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from processes import ROOT, BenchError, Processes, Started, tail

#: The marker every benchmark comment carries; clients find the sequence number with it.
SEQ_RE = re.compile(r'bench-seq (\d+)')
#: The script a client worker runs (with ``--worker``).
WORKER_SCRIPT = Path(__file__).resolve().with_name('bench_fanout.py')


def _say(msg: dict) -> None:
    sys.stdout.write(json.dumps(msg) + '\n')
    sys.stdout.flush()


def pause_gc() -> None:
    """Stop this process's cyclic garbage collector until ``gc.enable()``.

    With 1,000 clients' objects, a full collection in a client process took 50-124 ms, and one
    landing inside a comment's fan-out delayed all of that process's deliveries: the slowest
    comments, and so p99, measured the load generator's pauses, not the server's (seen with
    ``gc.callbacks`` timing every collection beside the send times). The objects that exist now
    are moved out of the collector's reach; the few made while posting wait until the end.
    """
    gc.collect()
    gc.freeze()
    gc.disable()


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
            # The load generator must not pause while it measures (see pause_gc).
            pause_gc()
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
        gc.enable()
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


_POOLS = itertools.count(1)


class ClientPool:
    """The worker processes holding the clients; their JSON lines arrive on the event loop."""

    def __init__(self, procs: Processes, work: Path, name: str = 'clients'):
        self.procs = procs
        self.work = work
        #: Names the workers' logs: two pools (one per server) may run at once.
        self.name = f'{os.getpid()}-{name}-{next(_POOLS)}'

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
            log = self.work / f'clients-{self.name}-{i}.log'
            self.logs.append(log)
            with open(log, 'wb') as err:
                entry = self.procs.popen(
                    f'clients {i}',
                    [
                        sys.executable,
                        str(WORKER_SCRIPT),
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
