"""Revision comparison benchmark (issue 10): the worst case the forms allow, on a real server.

One gunicorn gevent worker on a fresh SQLite database. A commitment with ``--milestones``
milestones gets three revisions in which every text field (the commitment's and every
milestone's) is at the forms' limit of long, repetitive Thai, each field changed between any
two of them. The benchmark times an anonymous ``GET /commitments/<id>/history?a=..&b=..``
cold (three different pairs) and cached (``--repeat`` times), while another thread asks
``/healthz`` every 10 ms over a kept-alive connection and records how long each answer took.

    .venv/bin/python tests/bench/bench_compare.py [--milestones 10] [--port 5101]

It exits non-zero when a comparison fails or the worker restarted (gunicorn's timeout).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests import servers  # noqa: E402
from tests.commitments.test_history_bounds import WORST  # noqa: E402

HEALTH_EVERY = 0.01


def seed(database_url: str, milestones: int) -> tuple[int, list[int]]:
    """Create the commitment and its worst-case revisions; return its id and revision numbers."""
    from datetime import date

    from forum import create_app
    from forum.auth.models import Role
    from forum.auth.services import create_user
    from forum.commitments.fields import commitment_text_columns, milestone_text_columns
    from forum.commitments.services import create_commitment, save_milestone, update_commitment
    from forum.extensions import db
    from forum.naps.models import PolicyArea
    from forum.naps.services import create_nap, move_nap
    from forum.sectors.services import save_organisation, sector_by_code

    app = create_app({'SQLALCHEMY_DATABASE_URI': database_url})
    with app.app_context():
        government = sector_by_code('government')
        user = create_user(
            actor=None, email='bench@example.org', password='bench-password-2569',
            display_name='Bench', sector=government, role=Role.secretariat,
        )  # fmt: skip
        org = save_organisation(
            None, actor=None, name_th='กระทรวงทดสอบ', name_en='Ministry of Tests', sector=government
        )
        nap = create_nap(
            actor=user, number=1, title_th='แผนทดสอบ', title_en='Test plan', start_year=2026,
            length_years=2, end_month=6,
        )  # fmt: skip
        move_nap(nap, 'drafting', actor=user)
        area = db.session.query(PolicyArea.id).first()[0]
        commitment = create_commitment(
            nap, actor=user, fields={'title_th': 'พันธสัญญาทดสอบ', 'policy_area_id': area}
        )
        for n in range(1, milestones + 1):
            save_milestone(
                commitment, None, actor=user, base_version=commitment.version,
                fields={'output_th': f'ผลผลิต {n}', 'responsible_organisation_id': org.id,
                        'start_date': date(2026, 8, 1), 'end_date': date(2027, 3, 31)},
            )  # fmt: skip
        numbers = []
        for variant in (
            lambda i: WORST[i % len(WORST)][0],
            lambda i: WORST[i % len(WORST)][1],
            lambda i: WORST[(i + 2) % len(WORST)][1],
        ):
            fields = {name: variant(i) for i, name in enumerate(commitment_text_columns())}
            i = len(fields)
            for m in commitment.milestones:  # one revision for everything: set, then save
                for name in milestone_text_columns():
                    setattr(m, name, variant(i))
                    i += 1
            update_commitment(
                commitment, actor=user, fields=fields, base_version=commitment.version
            )
            numbers.append(commitment.version)
        db.session.commit()
        return commitment.id, numbers


class HealthProbe(threading.Thread):
    """Ask ``/healthz`` every 10 ms; keep (start, seconds) of every answer."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.samples, self.errors = url, [], 0
        self._stop_event = threading.Event()

    def run(self):
        """Probe until stopped."""
        http = requests.Session()
        while not self._stop_event.is_set():
            start = time.monotonic()
            try:
                ok = http.get(self.url, timeout=60).status_code == 200
            except requests.RequestException:
                ok = False
            self.samples.append((start, time.monotonic() - start))
            self.errors += not ok
            time.sleep(HEALTH_EVERY)

    def stop(self):
        """Stop probing."""
        self._stop_event.set()
        self.join(timeout=70)

    def between(self, t0: float, t1: float) -> list[float]:
        """Latencies of the probes that overlapped ``[t0, t1]``."""
        return [d for s, d in self.samples if s <= t1 and s + d >= t0]


def stats(latencies: list[float]) -> dict:
    """p50, p99 and max in milliseconds."""
    if not latencies:
        return {'n': 0}
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        'n': len(ordered),
        'p50_ms': round(statistics.median(ordered) * 1000, 1),
        'p99_ms': round(p99 * 1000, 1),
        'max_ms': round(ordered[-1] * 1000, 1),
    }


def timed_get(url: str) -> tuple[float, float, float, requests.Response]:
    """GET ``url`` anonymously: (start, end, seconds, response)."""
    start = time.monotonic()
    response = requests.get(url, timeout=120, headers={'Accept-Language': 'en'})
    end = time.monotonic()
    return start, end, end - start, response


def run(args) -> dict:
    """Seed, serve, measure; return the figures."""
    work = Path(args.keep or tempfile.mkdtemp(prefix='bench-compare-'))
    instance = work / 'instance'
    instance.mkdir(parents=True, exist_ok=True)
    database_url = f'sqlite:///{instance / "forum.sqlite3"}'
    env = servers.app_env(instance, database_url, secret='bench-compare-secret')
    for cmd in (['db', 'upgrade'], ['forum', 'setup']):
        servers.flask(cmd, env, timeout=300)
    t = time.monotonic()
    commitment_id, (ra, rb, rc) = seed(database_url, args.milestones)
    seeded = time.monotonic() - t
    port = args.port or servers.free_port()
    log = work / 'server.log'
    proc = servers.start_gunicorn(port, env, log)
    base = f'http://127.0.0.1:{port}'
    out: dict = {'milestones': args.milestones, 'seed_s': round(seeded, 1), 'port': port}
    try:
        servers.wait_healthy(f'{base}/healthz', proc, log, timeout=60)
        history = f'{base}/commitments/{commitment_id}/history'
        probe = HealthProbe(f'{base}/healthz')
        probe.start()
        time.sleep(args.idle)
        t_idle = time.monotonic()
        out['healthz_idle'] = stats(probe.between(t_idle - args.idle, t_idle))
        # A small comparison first: it loads PyThaiNLP's dictionary (in the worker's thread).
        s, e, secs, r = timed_get(f'{history}?a=1&b=2')
        out['first_small_compare_s'] = round(secs, 3)
        out['healthz_during_first_small'] = stats(probe.between(s, e))
        cold, cold_health = [], []
        for a, b in ((ra, rb), (rb, rc), (ra, rc)):
            s, e, secs, r = timed_get(f'{history}?a={a}&b={b}')
            if r.status_code != 200:
                raise servers.ServerError(f'history a={a} b={b}: HTTP {r.status_code}')
            cold.append(secs)
            cold_health += probe.between(s, e)
            out['page_mb'] = round(len(r.content) / 1e6, 1)
            out['coarse_note_shown'] = 'compared coarser than word by word' in r.text
        cached, cached_health = [], []
        for _ in range(args.repeat):
            s, e, secs, r = timed_get(f'{history}?a={ra}&b={rb}')
            cached.append(secs)
            cached_health += probe.between(s, e)
        probe.stop()
        out['compare_cold_s'] = [round(x, 3) for x in cold]
        out['compare_cached_s'] = {
            'median': round(statistics.median(cached), 3),
            'max': round(max(cached), 3),
        }
        out['healthz_during_cold'] = stats(cold_health)
        out['healthz_during_cached'] = stats(cached_health)
        out['healthz_errors'] = probe.errors
    finally:
        servers.stop(proc)
    text = servers.log_text(log)
    out['worker_boots'] = text.count('Booting worker')
    out['worker_timeouts'] = text.count('WORKER TIMEOUT')
    out['ok'] = (
        out['worker_boots'] == 1 and not out['worker_timeouts'] and not out.get('healthz_errors')
    )
    return out


def main() -> int:
    """Parse the options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--milestones', type=int, default=10)
    parser.add_argument('--repeat', type=int, default=10, help='cached comparisons to time')
    parser.add_argument('--idle', type=float, default=2.0, help='seconds of idle /healthz first')
    parser.add_argument('--port', type=int, default=0, help='default: a free port')
    parser.add_argument('--keep', help='keep the database and server log in this folder')
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()
    out = run(args)
    for key, value in out.items():
        print(f'{key:28} {value}')
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0 if out['ok'] else 1


if __name__ == '__main__':
    sys.exit(main())
