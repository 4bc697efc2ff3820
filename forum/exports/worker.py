"""``python -m forum.exports.worker FOLDER KEY``: render one export job (see ``jobs.py``).

Runs apart from the server: no Flask app, no database, only the job's document and a renderer
from the registry. Progress goes to ``<key>.status.json`` at most every 0.2 s; the file appears
as ``<key>.out`` only once it is complete.

Its settings come from the environment it inherits from the server: ``FORUM_EXPORT_PROCESSES``
(how many processes lay out a PDF's pieces, ``render/pdf.py``) and ``FORUM_EXPORT_NICE`` (how
much lower its CPU priority is).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

from ..config import export_setting
from .jobs import write_json
from .registry import exporter

#: How much lower than the server's the worker's CPU priority is (``FORUM_EXPORT_NICE``): a long
#: PDF keeps every core busy for minutes, and pages and sockets should be served first.
DEFAULT_NICE = 10


def _lower_priority() -> None:
    setting = export_setting('FORUM_EXPORT_NICE')
    os.nice(DEFAULT_NICE if setting is None else setting)  # the layout processes inherit it


def run(root: Path, key: str) -> int:
    """Render the job ``key`` in ``root``; return the process's exit status."""
    status_path = root / f'{key}.status.json'
    status = json.loads(status_path.read_text('utf-8'))
    job = json.loads((root / f'{key}.input.json').read_text('utf-8'))
    last = 0.0

    def report(done: int, total: int, stage: str, *, force: bool = False) -> None:
        nonlocal last
        now = time.monotonic()
        if not force and now - last < 0.2:
            return
        last = now
        status.update(
            state='running', done=done, total=total, stage=stage, updated=time.time(),
            pid=os.getpid(),
        )  # fmt: skip
        write_json(status_path, status)

    report(0, 0, 'starting', force=True)
    partial = root / f'{key}.out.part'
    try:
        _lower_priority()
        render = exporter(job['kind'], job['format']).render
        with open(partial, 'wb') as out:
            render(job['document'], out, report)
        os.replace(partial, root / f'{key}.out')
    except Exception:  # noqa: BLE001 - whatever broke, the job says so and the log has why
        traceback.print_exc()
        partial.unlink(missing_ok=True)
        status.update(state='failed', stage='failed', updated=time.time())
        write_json(status_path, status)
        return 1
    status.update(
        state='done', stage='done', done=status.get('total') or 1, total=status.get('total') or 1,
        size=(root / f'{key}.out').stat().st_size, updated=time.time(), finished=time.time(),
    )  # fmt: skip
    write_json(status_path, status)
    return 0


if __name__ == '__main__':
    sys.exit(run(Path(sys.argv[1]), sys.argv[2]))
