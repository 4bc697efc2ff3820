"""Micro-benchmark: the commitment page with date-times remembered against formatted each time.

A fresh SQLite demo database in a temporary folder, 1,000 comments on commitment 1 (the page
shows its latest 50 threads), then rounds of page loads through the test client, alternating
``forum.core.i18n._format_datetime`` (remembered) with its ``__wrapped__`` (formatted each time).

    .venv/bin/python tests/bench/micro/page_dates.py [--rounds 6] [--loads 10]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(ROOT), str(ROOT / 'tests' / 'bench')]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=6)
    parser.add_argument('--loads', type=int, default=10)
    parser.add_argument('--comments', type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix='page-dates-'))
    database = work / 'forum.sqlite3'
    os.environ.update(
        FLASK_APP='wsgi.py',
        FORUM_DATABASE_URL=f'sqlite:///{database}',
        FORUM_INSTANCE_PATH=str(work),
        FORUM_SECRET_KEY='page-dates',
    )
    flask = str(Path(sys.executable).parent / 'flask')
    for command in (['db', 'upgrade'], ['forum', 'setup'], ['forum', 'demo']):
        subprocess.run([flask, *command], cwd=ROOT, check=True, capture_output=True)

    from bench_page import seed_comments

    from forum import create_app
    from forum.core import i18n

    seed_comments(database, 1, args.comments)
    client = create_app().test_client()
    remembered = i18n._format_datetime
    variants = {'remembered': remembered, 'formatted each time': remembered.__wrapped__}
    for _ in range(3):
        client.get('/commitments/1')
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, func in variants.items():
            i18n._format_datetime = func
            start = time.perf_counter()
            for _ in range(args.loads):
                assert client.get('/commitments/1').status_code == 200
            times[name].append((time.perf_counter() - start) / args.loads * 1000)
    i18n._format_datetime = remembered
    for name, values in times.items():
        print(f'{name}: median {statistics.median(values):.1f} ms a page', end=' ')
        print(f'(rounds: {", ".join(f"{v:.0f}" for v in values)})')


if __name__ == '__main__':
    main()
