"""Building a large export's document lets the gevent hub serve other connections meanwhile."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name('hub_probe.py')


@pytest.mark.parametrize('kind', ['consultation', 'nap'])
def test_building_a_large_document_pauses_for_the_hub(tmp_path, kind):
    url = f'sqlite:///{tmp_path / "probe.sqlite3"}'
    run = subprocess.run(
        [sys.executable, str(PROBE), kind, url], capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    # Without the pauses the ticker would not run at all while the document is built.
    assert seen['ticks'] >= 3, seen
    # No slice of the work holds the hub for most of the build.
    assert seen['longest_gap_s'] < max(0.5, seen['build_s'] / 2), seen
