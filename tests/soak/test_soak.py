"""The worker must not crash (issue 10): real gunicorn gevent workers, real socket clients.

The long soak is ``make soak`` (``tests/soak/soak.py``); these are its short, exact cousins.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import uuid

import pytest
import soak


@pytest.fixture
def server(tmp_path):
    """A demo forum on SQLite served by one gunicorn gevent worker (faulthandler on)."""
    args = soak.parse_args(['--posts', '2000'])
    running = soak.start_server(tmp_path, args)
    yield running
    if running.proc.poll() is None:
        running.proc.send_signal(signal.SIGINT)
    soak.servers.stop(running.proc)


def run_in_own_loop(coroutine) -> None:
    """Run a coroutine on a fresh event loop in its own thread.

    The browser tests' session-wide Playwright keeps an event loop running on the main thread,
    where ``asyncio.run`` refuses to start a second one.
    """
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target, name='soak-client')
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def test_a_burst_from_one_socket_leaves_the_worker_answering(server):
    """1,000 comments sent at once over one socket: all stored, and the worker keeps answering.

    Before a socket's events took turns, those 1,000 handlers ran at once and queued for the
    database pool: /healthz waited 1.3 s here (15-39 s at 2,000 on a loaded machine, where
    handlers failed on the pool's 30 s timeout and gunicorn killed the worker as hung).
    """
    args = soak.parse_args(['--commitment', '1', '--ack-timeout', '120'])
    figures = soak.Figures()

    async def run() -> None:
        import aiohttp

        http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), headers={'User-Agent': soak.USER_AGENT}
        )
        anon = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        poster = soak.Poster(server, args, http)
        stop = asyncio.Event()
        try:
            await poster.connect()
            prober = asyncio.create_task(soak.probe_health(server, anon, figures, stop))
            await soak.burst(poster, args, figures, 0, 1000)
            stop.set()
            await prober
        finally:
            stop.set()
            await poster.close()
            await http.close()
            await anon.close()

    run_in_own_loop(run())
    assert figures.acked == 1000, figures.refused[:3]
    stored = soak.stored_client_ids(server.database)
    assert all(stored.get(cid) == cid_id for cid, cid_id in figures.acked_ids.items())
    assert figures.healthz_max_ms < 500, f'/healthz took {figures.healthz_max_ms:.0f} ms'
    log = soak.servers.log_text(server.log)
    assert 'QueuePool limit' not in log
    assert soak.crash_report(server) == []


def test_a_worker_that_dies_fails_the_soak_with_its_python_stack(server):
    """What the soak watches for: a native crash is seen, and faulthandler says where."""
    assert soak.crash_report(server) == []
    os.kill(server.worker_pid, signal.SIGSEGV)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and 'Booting worker' not in _after_first_boot(server):
        time.sleep(0.2)
    problems = soak.crash_report(server)
    log = soak.servers.log_text(server.log)
    assert "gunicorn log says 'was sent SIG'" in problems
    assert any(p.startswith(f'worker PID {server.worker_pid} is now') for p in problems)
    assert 'Fatal Python error: Segmentation fault' in log


def test_a_comment_resent_after_a_drop_is_stored_once(server):
    """The soak's retry is the page's: the same client id after a reconnect, one comment."""
    args = soak.parse_args(['--commitment', '1'])
    figures = soak.Figures()

    async def run() -> None:
        import aiohttp

        http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), headers={'User-Agent': soak.USER_AGENT}
        )
        poster = soak.Poster(server, args, http)
        try:
            await poster.connect()
            comments = {str(uuid.uuid4()): 'ส่งซ้ำหลังหลุด'}
            await soak.send_all(poster, comments, figures, args)
            await poster.connect()  # dropped and back, as after a network blip
            await soak.send_all(poster, comments, figures, args)
        finally:
            await poster.close()
            await http.close()

    run_in_own_loop(run())
    assert figures.acked == 2
    assert len(set(figures.acked_ids.values())) == 1
    stored = soak.stored_client_ids(server.database)
    assert list(figures.acked_ids) == [cid for cid in stored if cid in figures.acked_ids]


def _after_first_boot(server) -> str:
    text = soak.servers.log_text(server.log)
    first = text.find('Booting worker')
    return text[first + 1 :] if first >= 0 else ''
