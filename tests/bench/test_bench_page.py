"""The page benchmark (tests/bench/bench_page.py) runs to the end at a tiny size, so it cannot rot.

Its figures are not checked here (speed targets live in the benchmark and docs/performance.md):
only that every phase ran and reported what it measured.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.servers import ROOT

SCRIPT = ROOT / 'tests' / 'bench' / 'bench_page.py'


def test_the_page_benchmark_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / 'page.json'
    tiny = ['--sizes', '10', '--clients', '2', '--sockets', '5', '--seconds', '2']
    tiny += ['--repeat', '1', '--load-comments', '10', '--timeout', '300']
    tiny += ['--wrk-seconds', '2', '--wrk-connections', '2']
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *tiny, '--json', str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads(out.read_text())

    assert [row['comments'] for row in results['sizes']] == [0, 10]
    for row in results['sizes']:
        assert row['page']['bytes'] > 0
        assert row['page']['ms'] > 0
        assert row['join']['bytes'] > 0
        assert row['join']['ms'] > 0
    # Ten comments make a larger page and ack than none.
    assert results['sizes'][1]['page']['bytes'] > results['sizes'][0]['page']['bytes']
    assert results['sizes'][1]['join']['bytes'] > results['sizes'][0]['join']['bytes']
    load = results['load']
    assert load['joined'] == 5
    assert load['requests'] > 0
    assert load['errors'] == 0
    # Pages and websockets alike left nothing failing in the server's log (its post_request hook
    # once raised on every websocket: a websocket's response starts no HTTP answer).
    assert results['server_tracebacks'] == 0
    if shutil.which('wrk'):
        rows = {(r['server'].split(' (')[0], r['config']) for r in results['wrk']}
        assert rows == {(s, c) for s in ('forum', 'bare app') for c in ('gunicorn.conf.py', 'none')}
        assert all(r['requests'] > 0 for r in results['wrk'])
    else:
        assert results['wrk'].startswith('skipped')
    assert '| comments | page ms |' in run.stdout
