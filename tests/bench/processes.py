"""The processes the benchmark starts, and the machine they run on.

Every process started is recorded in :class:`Processes` and stopped by pid; /proc readings (memory,
CPU time, children), the open-files limit, a log's last lines. Also what every module
of the benchmark shares: the repository root and :class:`BenchError`.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class BenchError(Exception):
    """The benchmark could not run to the end."""


@dataclass
class Started:
    """A process this script started, and how to stop it."""

    name: str
    proc: subprocess.Popen
    stop_signal: int = signal.SIGTERM
    #: Children to kill after the process itself (the gunicorn worker).
    children: list[int] = field(default_factory=list)


class Processes:
    """The processes started by the benchmark; :meth:`stop` ends them by pid."""

    def __init__(self):
        self.started: list[Started] = []

    def popen(self, name: str, args: list[str], stop_signal=signal.SIGTERM, **kw) -> Started:
        """Start a process and record it."""
        return self.add(name, subprocess.Popen(args, **kw), stop_signal)

    def add(self, name: str, proc: subprocess.Popen, stop_signal=signal.SIGTERM) -> Started:
        """Record a process started elsewhere."""
        entry = Started(name, proc, stop_signal)
        self.started.append(entry)
        return entry

    def stop(self, entry: Started, grace: float = 10) -> None:
        """Signal one process, wait ``grace`` seconds, then kill it and its recorded children."""
        proc = entry.proc
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(entry.stop_signal)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=10)
        for pid in entry.children:
            # Only a process that is still the child of ours (or orphaned) and still gunicorn.
            if _is_alive(pid) and 'gunicorn' in _cmdline(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
        if entry in self.started:
            self.started.remove(entry)

    def stop_all(self) -> None:
        """Stop every recorded process, the latest first."""
        for entry in reversed(list(self.started)):
            try:
                self.stop(entry)
            except Exception as exc:  # noqa: BLE001 - go on stopping the others
                print(f'could not stop {entry.name} (pid {entry.proc.pid}): {exc!r}')


def _is_alive(pid: int) -> bool:
    try:
        state = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != 'Z'


def _cmdline(pid: int) -> str:
    try:
        return Path(f'/proc/{pid}/cmdline').read_bytes().replace(b'\0', b' ').decode()
    except OSError:
        return ''


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid``."""
    try:
        text = Path(f'/proc/{pid}/task/{pid}/children').read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of ``pid`` in MB (MiB), from /proc/<pid>/status."""
    out = {}
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        key, _, value = line.partition(':')
        if key in ('VmRSS', 'VmHWM'):
            out[key] = int(value.split()[0]) / 1024
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far."""
    try:
        fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    except OSError:
        return float('nan')
    # utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def raise_fd_limit(needed: int) -> tuple[int, int]:
    """Raise the soft open-files limit (inherited by the children) to ``needed`` if allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft, hard


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file."""
    try:
        return '\n'.join(path.read_text(errors='replace').splitlines()[-lines:])
    except OSError:
        return '(no log)'
