"""Does the gevent hub breathe while an export is built? Run: ``hub_probe.py KIND DATABASE_URL``.

Seeds a subject (a round of 1,000 inputs, or a plan of 100 commitments with ten milestones each)
in a fresh SQLite database, then builds its export document in a greenlet under gevent's
monkey-patching — as the served app does in a request — while another greenlet ticks whenever
the hub lets it. Prints JSON: how many ticks ran while the document was built, the longest gap
between two ticks, and the build's duration. SQLite never yields to the hub by itself, so every
tick during the build is a pause the export made (``core.offload.cooperate``).
"""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(kind: str, url: str) -> None:
    """Seed, then build with a ticker running; print what the ticker saw."""
    from flask_login import AnonymousUserMixin

    from forum import create_app
    from forum.exports import registry
    from tests.bench.bench_exports import seed, seed_consultation

    subject_id = seed_consultation(url, 1000) if kind == 'consultation' else seed(url, 1000)
    fmt = 'csv'
    app = create_app({'SQLALCHEMY_DATABASE_URI': url})
    ticks: list[float] = []
    running = True

    def ticker():
        while running:
            ticks.append(time.monotonic())
            gevent.sleep(0)

    def build():
        with app.test_request_context('/'):
            viewer = AnonymousUserMixin()
            subject = registry.kind(kind).load(subject_id, viewer)
            exporter = registry.exporter(kind, fmt)
            started = time.monotonic()
            registry.build_document(exporter, subject, registry.Options(lang='th'), viewer)
            return started, time.monotonic()

    tick = gevent.spawn(ticker)
    gevent.sleep(0.01)
    started, ended = gevent.spawn(build).get()
    running = False
    tick.join()
    during = [t for t in ticks if started <= t <= ended]
    edges = [started, *during, ended]
    gap = max(b - a for a, b in zip(edges, edges[1:], strict=False))
    print(json.dumps({'ticks': len(during), 'longest_gap_s': gap, 'build_s': ended - started}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
