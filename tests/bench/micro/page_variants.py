"""Micro-benchmark: the commitment page with one of its shortcuts against without it.

A fresh SQLite demo database in a temporary folder, 1,000 comments on commitment 1 (the page
shows its latest 20 threads), then rounds of page loads through the test client, alternating:

- ``--what dates``: ``forum.core.i18n._format_datetime`` (remembered) with its ``__wrapped__``
  (formatted each time);
- ``--what gettext``: the templates' ``gettext`` through the request's remembered catalogue
  (``forum.core.i18n.install_template_gettext``) with Flask-Babel's own (every lookup each call);
- ``--what cache``: anonymous readers' pages kept for 10 s (``forum/pages/cache.py``) against
  rendered each time (``PAGE_CACHE_SECONDS`` 0).

Times are the CPU time of this process per page (``time.process_time``), which other work on a
shared machine changes little, and the wall time.

    .venv/bin/python tests/bench/micro/page_variants.py --what dates|gettext|cache [--rounds 6]
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
    parser.add_argument('--what', choices=('dates', 'gettext', 'cache'), default='dates')
    parser.add_argument('--lang', default='th', help='Accept-Language of the loads')
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix='page-variants-'))
    database = work / 'forum.sqlite3'
    os.environ.update(
        FLASK_APP='wsgi.py',
        FORUM_DATABASE_URL=f'sqlite:///{database}',
        FORUM_INSTANCE_PATH=str(work),
        FORUM_SECRET_KEY='page-variants',
    )
    flask = str(Path(sys.executable).parent / 'flask')
    for command in (['db', 'upgrade'], ['forum', 'setup'], ['forum', 'demo']):
        subprocess.run([flask, *command], cwd=ROOT, check=True, capture_output=True)

    from bench_page import seed_comments

    from forum import create_app
    from forum.core import i18n

    seed_comments(database, 1, args.comments)
    app = create_app()
    client = app.test_client()
    variants = _variants(args.what, app, i18n)
    headers = {'Accept-Language': args.lang}
    for _ in range(3):
        client.get('/commitments/1', headers=headers)
    times: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, switch in variants.items():
            switch()
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(args.loads):
                assert client.get('/commitments/1', headers=headers).status_code == 200
            times[name].append((time.perf_counter() - start) / args.loads * 1000)
            cpu[name].append((time.process_time() - start_cpu) / args.loads * 1000)
    next(iter(variants.values()))()  # leave the forum's own choice in place
    for name, values in times.items():
        print(f'{name}: median {statistics.median(cpu[name]):.1f} ms of CPU', end=' ')
        print(f'and {statistics.median(values):.1f} ms a page', end=' ')
        print(f'(rounds: {", ".join(f"{v:.0f}" for v in values)})')


def _variants(what, app, i18n):
    """Each variant by name: a function that switches the page to it (the forum's own first)."""
    if what == 'cache':

        def kept_for(seconds):
            return lambda: app.config.update(PAGE_CACHE_SECONDS=seconds)

        return {'kept 10 s': kept_for(10.0), 'rendered each time': kept_for(0.0)}
    if what == 'dates':
        remembered = i18n._format_datetime

        def set_dates(func):
            return lambda: setattr(i18n, '_format_datetime', func)

        return {
            'remembered': set_dates(remembered),
            'formatted each time': set_dates(remembered.__wrapped__),
        }
    from flask_babel import get_translations

    def flask_babels():
        app.jinja_env.install_gettext_callables(
            gettext=lambda s: get_translations().ugettext(s),
            ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
            newstyle=True,
        )

    return {
        'catalogue remembered per request': lambda: i18n.install_template_gettext(app.jinja_env),
        "Flask-Babel's lookups each call": flask_babels,
    }


if __name__ == '__main__':
    main()
