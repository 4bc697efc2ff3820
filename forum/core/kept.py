"""Values kept in memory for a few seconds: per application, per process, least recently used out.

For answers that many anonymous readers ask for at once and that are keyed by everything they
depend on (a commitment's version and comment sequence), so that only names and labels around
them can be as old as the setting (``PAGE_CACHE_SECONDS``): the commitment page
(``forum/pages/cache.py``) and the discussion window a socket's ``join`` sends
(``forum/sockets.py``).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from flask import current_app


class Kept:
    """Up to ``size`` values by key, each until its moment (``time.monotonic``)."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> Any | None:
        """The value kept under ``key``, or None (never kept, or expired)."""
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            if found[0] <= time.monotonic():
                del self._values[key]
                return None
            self._values.move_to_end(key)
            return found[1]

    def put(self, key, value, seconds: float) -> None:
        """Keep ``value`` under ``key`` for ``seconds``; beyond ``size``, the oldest used go."""
        with self._lock:
            self._values[key] = (time.monotonic() + seconds, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)


def kept(name: str, size: int) -> Kept:
    """This application's store called ``name`` (each app, e.g. in tests, has its own)."""
    return current_app.extensions.setdefault(f'forum.kept.{name}', Kept(size))


def seconds() -> float:
    """How long values are kept (``PAGE_CACHE_SECONDS``; 0: not at all)."""
    return current_app.config['PAGE_CACHE_SECONDS']
