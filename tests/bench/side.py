"""One server under test with its clients and poster: started, posted to, measured, stopped.

``bench_fanout.py`` measures one :class:`Side` at a time, or two side by side, their comments
taking turns (``--paired``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from datetime import datetime
from pathlib import Path

from clients import ClientPool
from processes import BenchError, Processes, cpu_seconds, memory_mb
from report import percentile
from servers import POSTER_USER_AGENT, login_poster, start_forum, start_node


class Side:
    """A server (``forum`` or ``node``), ``n_procs`` client processes and a poster."""

    def __init__(self, kind: str, n_procs: int, args, procs: Processes, work: Path, template):
        self.kind = kind
        self.n_procs = n_procs
        self.args = args
        self.procs = procs
        self.work = work
        self.template = template
        self.server = None
        self.pool = ClientPool(procs, work, name=kind)
        self.poster = None
        self.sent: dict[int, float] = {}
        self.acked: dict[int, float] = {}
        #: When our server stored each comment (its ``created`` time), in ms after the send.
        self.stored: dict[int, float] = {}
        self.timed_out: list[int] = []
        #: Seconds this side spent posting (each comment until the next could go).
        self.busy = 0.0
        self.setup: dict = {}

    async def start(self) -> None:
        """Start the server; connect and join every client, wait for presence; connect a poster."""
        args = self.args
        load = os.getloadavg()
        print(f'load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}', flush=True)
        if self.kind == 'forum':
            self.server = await asyncio.to_thread(
                start_forum, self.procs, self.work, self.template, args
            )
        else:
            self.server = await asyncio.to_thread(start_node, self.procs, self.work, args)
        server, pool, n_procs = self.server, self.pool, self.n_procs
        print(f'{self.kind} up at {server.url} (socket process pid {server.pid})', flush=True)
        connect_kw = {'transports': ['websocket'], 'wait_timeout': 30}
        if self.kind == 'forum':
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
        pool.send(f'settle {connected if self.kind == "forum" else 0}')
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
        print(f'{self.kind} RSS with all clients connected: {mem["VmRSS"]:.1f} MB', flush=True)

        import socketio

        self.poster = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        await self.poster.connect(server.url, **connect_kw)
        self.setup = {
            'connected': connected,
            'ramp_s': round(ramp, 2),
            'ready_s': round(ready_s, 2),
            'presence_events': presence,
            'presence_lagging': lagging,
            'rss_mb': round(mem['VmRSS'], 1),
            'loadavg_before': [round(x, 2) for x in load],
        }

    def begin_posting(self) -> None:
        """Take the CPU readings the posting phase is measured against."""
        self.watch = [self.server.pid] + [e.proc.pid for e in self.pool.entries]
        self.cpu_before = [cpu_seconds(pid) for pid in self.watch]
        self.posting_from = time.monotonic()

    async def post(self, seq: int) -> None:
        """Post comment ``seq``, wait until every client process has it, then the gap."""
        args, pool = self.args, self.pool
        t_send_wall = time.time()
        t_send = time.monotonic()
        self.sent[seq] = t_send
        ack = await self.poster.call(
            'post_comment',
            {
                'commitment_id': args.commitment,
                'body': f'bench-seq {seq} sent-at {t_send:.6f}',
                'client_id': str(uuid.uuid4()),
            },
            timeout=args.post_timeout,
        )
        self.acked[seq] = time.monotonic()
        if not (isinstance(ack, dict) and ack.get('ok')):
            raise BenchError(f'{self.kind}: post_comment refused: {ack!r}')
        created = (ack.get('comment') or {}).get('created')
        if created:  # the wall clock: good to a millisecond on one machine
            self.stored[seq] = (datetime.fromisoformat(created).timestamp() - t_send_wall) * 1000
        done = await pool.wait(
            lambda: len(pool.got.get(seq, ())) == self.n_procs,
            args.post_timeout,
            f'comment {seq}',
        )
        if not done:
            self.timed_out.append(seq)
        await asyncio.sleep(args.gap)
        self.busy += time.monotonic() - t_send

    async def finish(self) -> dict:
        """Collect every client's receipts and close the clients; return the measurement."""
        args, pool, n_procs = self.args, self.pool, self.n_procs
        posting = (self.posting_from, time.monotonic())
        measured = range(args.warmup, args.warmup + args.posts)
        complete_ms = [
            round((pool.got_at[seq] - self.sent[seq]) * 1000)
            for seq in measured
            if seq in pool.got_at
        ]
        print(f'{self.kind}: all clients had each comment after (ms): {complete_ms}', flush=True)
        cpu_after = [cpu_seconds(pid) for pid in self.watch]
        mem_after = memory_mb(self.server.pid)
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

        latencies: list[float] = []
        first_ms: list[float] = []
        missing = missing_warmup = 0
        for seq in range(args.warmup + args.posts):
            times = [t for r in pool.results.values() for t in r['receipts'].get(str(seq), [])]
            if seq in measured:
                latencies.extend((t - self.sent[seq]) * 1000 for t in times)
                missing += args.clients - len(times)
                if times:
                    first_ms.append((min(times) - self.sent[seq]) * 1000)
            else:
                missing_warmup += args.clients - len(times)
        self._print_slow_comments(measured, complete_ms)
        latencies.sort()
        first_ms.sort()
        # Where the time goes, per measured comment: the poster's acknowledgement (the server has
        # stored it and written or queued the broadcast), the first client to have it.
        ack_ms = sorted((self.acked[seq] - self.sent[seq]) * 1000 for seq in measured)
        cpu = [(b - a) / self.busy * 100 for a, b in zip(self.cpu_before, cpu_after, strict=True)]
        result = {
            'server': self.kind,
            'clients': args.clients,
            'client_procs': n_procs,
            'posts': args.posts,
            'warmup': args.warmup,
            **self.setup,
            'complete_ms': complete_ms,
            'ack_median_ms': round(percentile(ack_ms, 50), 1),
            'first_delivery_median_ms': round(percentile(first_ms, 50), 1),
            'stored_median_ms': (
                round(percentile(sorted(self.stored[seq] for seq in measured), 50), 1)
                if self.stored
                else None
            ),
            'p50_ms': round(percentile(latencies, 50), 1),
            'p99_ms': round(percentile(latencies, 99), 1),
            'max_ms': round(latencies[-1], 1) if latencies else float('nan'),
            'deliveries': len(latencies),
            'missing': missing,
            'missing_warmup': missing_warmup,
            'timed_out_posts': self.timed_out,
            'duplicates': sum(r['duplicates'] for r in pool.results.values()),
            'disconnects': sum(r['disconnects'] for r in pool.results.values()),
            'rss_after_posts_mb': round(mem_after['VmRSS'], 1),
            'peak_rss_mb': round(mem_after['VmHWM'], 1),
            'post_phase_s': round(self.busy, 2),
            'server_cpu_pct': round(cpu[0], 1),
            'client_cpu_pct': [round(c, 1) for c in cpu[1:]],
            'close_s': round(close_s, 2),
            'deflate': args.deflate,
            # Every delivery's latency, for the figures over all rounds (not written to --json).
            'latencies_ms': latencies,
        }
        if args.gc_log:
            result['gc_pauses_ms'] = gc_pauses(
                args.gc_log, posting, self.server.pid, self.watch[1:]
            )
            print(f'{self.kind}: garbage collections of 1 ms or more while posting: '
                  f'{result["gc_pauses_ms"]}')  # fmt: skip
        print(
            f'{self.kind}: p50 {result["p50_ms"]} ms, p99 {result["p99_ms"]} ms, max '
            f'{result["max_ms"]} ms, missing {missing}; median per comment: '
            + (f'stored {result["stored_median_ms"]} ms, ' if self.stored else '')
            + f'ack {result["ack_median_ms"]} ms, first client '
            f'{result["first_delivery_median_ms"]} ms; '
            f'CPU while posting: server {result["server_cpu_pct"]}%, clients '
            f'{result["client_cpu_pct"]}%; clients closed in {close_s:.1f} s',
            flush=True,
        )
        return result

    def _print_slow_comments(self, measured: range, complete_ms: list[int]) -> None:
        """Say where the time went for comments that took 1.5 times the median or longer."""
        if not complete_ms:
            return
        slow = 1.5 * sorted(complete_ms)[len(complete_ms) // 2]
        for seq in measured:
            times = sorted(
                t for r in self.pool.results.values() for t in r['receipts'].get(str(seq), [])
            )
            if not times or (times[-1] - self.sent[seq]) * 1000 < slow:
                continue
            ms = [(t - self.sent[seq]) * 1000 for t in times]
            ack = (self.acked[seq] - self.sent[seq]) * 1000
            stored = f'stored after {self.stored[seq]:.1f} ms, ' if seq in self.stored else ''
            print(
                f'{self.kind}: slow comment {seq}: {stored}ack {ack:.1f} ms; first client '
                f'{ms[0]:.1f}, median {ms[len(ms) // 2]:.1f}, last {ms[-1]:.1f} ms',
                flush=True,
            )

    async def stop(self) -> None:
        """Disconnect the poster, stop the clients and the server (also after an error)."""
        if self.poster is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.poster.disconnect(), 10)
        await asyncio.to_thread(self.pool.stop)
        if self.server is not None:
            await asyncio.to_thread(self.procs.stop, self.server.entry)


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
