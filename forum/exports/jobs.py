"""Slow exports (PDF, DOCX) run in a worker process, and the browser can follow their progress.

Laying out a long PDF takes minutes of CPU and hundreds of MiB: not on the gevent hub (it would
stop every other connection) and not in the server process (the memory would stay with it). The
request builds the plain document (database reads), writes it to the job folder and starts
``python -m forum.exports.worker``, which renders it and writes its progress beside it.

A job is named by a keyed hash of its exporter and document: the same export of unchanged data
is the same job, so a second request (or a second server process on the machine) joins the
running job or gets the finished file; any change of the data makes a new job. The name is also
the job's address (``/exports/<key>``): only someone who could build the document knows it.

Files of a job, in ``EXPORTS_DIR``: ``<key>.input.json`` (the document), ``<key>.status.json``
(state, progress), ``<key>.out`` (the file, once complete), ``<key>.log`` (the worker's errors).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .registry import Exporter

#: Seconds a job's files are kept after they were last written.
KEEP_SECONDS = 24 * 3600
#: A job whose status has not changed for this long while "running" is taken to be dead.
STALE_SECONDS = 120
_KEY_LENGTH = 32


def valid_key(key: str) -> bool:
    """Whether ``key`` is shaped like a job name (hex digits), before any file is touched."""
    return len(key) == _KEY_LENGTH and all(c in '0123456789abcdef' for c in key)


@dataclass(frozen=True)
class JobStore:
    """The job folder: start, follow and collect export jobs."""

    root: Path
    secret: bytes

    def key(self, exporter: Exporter, document: dict) -> str:
        """The job's name: a keyed hash of the exporter and the document."""
        body = json.dumps([exporter.kind, exporter.format, document], sort_keys=True).encode()
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()[:_KEY_LENGTH]

    def path(self, key: str, suffix: str) -> Path:
        """The file ``<key>.<suffix>`` of a job."""
        return self.root / f'{key}.{suffix}'

    def status(self, key: str) -> dict | None:
        """The job's status, or None when there is no such job."""
        try:
            return json.loads(self.path(key, 'status.json').read_text('utf-8'))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def result(self, key: str) -> Path | None:
        """The finished file, or None."""
        status = self.status(key)
        out = self.path(key, 'out')
        return out if status and status['state'] == 'done' and out.exists() else None

    def start(self, exporter: Exporter, document: dict, *, filename: str, source: str) -> str:
        """Start the job (or find it running or done) and return its key."""
        self.root.mkdir(parents=True, exist_ok=True)
        key = self.key(exporter, document)
        status = self.status(key)
        finished_but_gone = (
            status is not None
            and status['state'] == 'done'
            and not (self.path(key, 'out').exists())
        )
        if status is not None and not _needs_restart(status) and not finished_but_gone:
            return key
        self._prune()
        claim = self.path(key, 'claim')
        try:
            fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            # Another request is starting it; unless that one died on the way.
            if time.time() - claim.stat().st_mtime < STALE_SECONDS:
                return key
            claim.unlink(missing_ok=True)
            return self.start(exporter, document, filename=filename, source=source)
        os.close(fd)
        try:
            write_json(
                self.path(key, 'input.json'),
                {'kind': exporter.kind, 'format': exporter.format, 'document': document},
            )
            self.path(key, 'out').unlink(missing_ok=True)
            write_json(
                self.path(key, 'status.json'),
                new_status(exporter, filename=filename, source=source),
            )
            self._spawn(key)
        finally:
            claim.unlink(missing_ok=True)
        return key

    def _spawn(self, key: str) -> None:
        with open(self.path(key, 'log'), 'ab') as log:
            process = subprocess.Popen(
                [sys.executable, '-m', 'forum.exports.worker', str(self.root), key],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # a Ctrl-C to the server does not cut a job in half
            )
        # Collect the exit status (under gevent a greenlet): no zombie processes.
        threading.Thread(target=process.wait, daemon=True).start()

    def wait(self, key: str, seconds: float) -> dict | None:
        """The job's status once it is finished, or after ``seconds``, whichever is first."""
        deadline = time.monotonic() + seconds
        while True:
            status = self.status(key)
            if status is None or status['state'] in ('done', 'failed'):
                return status
            if time.monotonic() >= deadline:
                return status
            time.sleep(0.05)  # under gevent a cooperative sleep: the hub serves others

    def _prune(self) -> None:
        """Remove the files of jobs untouched for a day."""
        cutoff = time.time() - KEEP_SECONDS
        for path in self.root.iterdir():
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:
                pass


def _needs_restart(status: dict) -> bool:
    """A failed job is tried again; a running one whose worker went silent too."""
    if status['state'] == 'failed':
        return True
    if status['state'] in ('queued', 'running'):
        return time.time() - status.get('updated', 0) > STALE_SECONDS
    return False


def new_status(exporter: Exporter, *, filename: str, source: str) -> dict:
    """The status of a job not started yet."""
    return {
        'state': 'queued',
        'kind': exporter.kind,
        'format': exporter.format,
        'media_type': exporter.media_type,
        'filename': filename,
        'source': source,
        'done': 0,
        'total': 0,
        'stage': 'queued',
        'started': time.time(),
        'updated': time.time(),
    }


def write_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` whole or not at all (readers never see half a file)."""
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix='.part')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(data, f, ensure_ascii=False)
    os.replace(partial, path)


def job_store() -> JobStore:
    """The application's job folder (``FORUM_EXPORTS_DIR``, default ``instance/exports``)."""
    root = current_app.config.get('EXPORTS_DIR')
    if not root:
        # Tests and apps built without a folder: one per process, in the system's temp folder.
        root = current_app.extensions.setdefault(
            'forum_exports_dir', tempfile.mkdtemp(prefix='forum-exports-')
        )
    secret = str(current_app.config['SECRET_KEY']).encode()
    return JobStore(Path(root), hashlib.sha256(b'exports:' + secret).digest())
