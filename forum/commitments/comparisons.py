"""Comparing revisions without stalling the server: bounded work, off the hub, kept.

The work itself is bounded (``textdiff``). What is CPU-heavy — parsing the stored snapshots,
comparing, escaping the result into HTML — runs in a thread of the gevent hub's pool through
:func:`~forum.core.offload.off_hub`, plain values in and out, one comparison at a time (a second
thread would only take the interpreter lock from the hub). Results are kept in size-bounded
in-process caches: revisions never change, so neither does what differs between two of them.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable

from markupsafe import Markup, escape
from sqlalchemy import Text, cast, select

from ..core.offload import off_hub
from ..extensions import db
from . import textdiff
from .models import CommitmentRevision

#: Characters the cache of differences (by the compared texts) holds at most.
DIFF_CACHE_CHARS = 8_000_000
#: Characters of HTML the cache of history comparisons (by revision pair) holds at most.
PAGE_CACHE_CHARS = 16_000_000
#: Entries either cache holds at most.
CACHE_ENTRIES = 256


class SizedLRU:
    """The most recently used entries, bounded by count and by the characters they hold."""

    def __init__(self, max_chars: int, max_entries: int = CACHE_ENTRIES):
        self.max_chars, self.max_entries = max_chars, max_entries
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()
        #: Look-ups answered, and entries computed and offered.
        self.hits = self.misses = 0

    def get(self, key: Hashable):
        """The value kept under ``key``, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: Hashable, value, size: int) -> None:
        """Keep ``value`` (``size`` characters); forget the least recent past either bound."""
        with self._lock:
            self.misses += 1
            old = self._entries.pop(key, None)
            if old is not None:
                self._chars -= old[1]
            if size > self.max_chars:
                return  # larger than the whole cache: computed for this request only
            self._entries[key] = (value, size)
            self._chars += size
            while len(self._entries) > self.max_entries or self._chars > self.max_chars:
                _key, (_value, old_size) = self._entries.popitem(last=False)
                self._chars -= old_size

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._entries.clear()
            self._chars = 0
            self.hits = self.misses = 0


#: Differences by a digest of the texts compared (the conflict page compares snapshots).
diffs = SizedLRU(DIFF_CACHE_CHARS)
#: History comparisons, rendered, by (old revision id, new revision id, locale).
pages = SizedLRU(PAGE_CACHE_CHARS)
_slot: threading.BoundedSemaphore | None = None


def compute_slot() -> threading.BoundedSemaphore:
    """The one slot for computing a comparison; waiting for it parks only the greenlet."""
    # Made at first use, after gevent's monkey-patching, so that it is gevent's semaphore.
    global _slot
    if _slot is None:
        _slot = threading.BoundedSemaphore(1)
    return _slot


def _digest(pairs: list[tuple[str, str]]) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for old, new in pairs:
        for text in (old, new):
            data = text.encode('utf-8', 'surrogatepass')
            h.update(len(data).to_bytes(8, 'little'))
            h.update(data)
    return h.digest()


def diff_pairs(pairs: list[tuple[str, str]]) -> list[textdiff.TextDiff]:
    """The differences of each ``(old, new)``: kept, else computed off the hub."""
    key = off_hub(_digest, pairs)
    found = diffs.get(key)
    if found is not None:
        return found
    with compute_slot():
        found = diffs.get(key)  # computed while this request waited for the slot
        if found is None:
            found, _budget = off_hub(textdiff.diff_texts, pairs)
            diffs.put(key, found, sum(d.size for d in found))
    return found


def _cells(diff: textdiff.TextDiff) -> tuple[Markup, Markup]:
    before, after = [], []
    for op, text in diff.segments:
        safe = escape(text)
        if op == 'equal':
            before.append(safe)
            after.append(safe)
        elif op == 'delete':
            before.append(Markup('<del>%s</del>') % safe)
        else:
            after.append(Markup('<ins>%s</ins>') % safe)
    return Markup('').join(before), Markup('').join(after)


def diff_cells(pairs: list[tuple[str, str]]) -> list[tuple[str, Markup, Markup]]:
    """For each ``(old, new)``: how it was compared, and the before and after cells as HTML."""
    found, _budget = textdiff.diff_texts(pairs)
    return [(d.detail, *_cells(d)) for d in found]


def _parse(old: str | None, new: str) -> tuple[dict | None, dict]:
    return (json.loads(old) if old is not None else None), json.loads(new)


def load_snapshots(old: CommitmentRevision | None, new: CommitmentRevision):
    """The two revisions' snapshots: read as text on the hub, parsed off it (megabytes each)."""

    def raw(revision):
        if revision is None:
            return None
        return db.session.scalar(
            select(cast(CommitmentRevision.snapshot, Text)).where(
                CommitmentRevision.id == revision.id
            )
        )

    return off_hub(_parse, raw(old), raw(new))
