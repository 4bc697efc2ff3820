"""Presenting revisions: readable field names and values, and side-by-side differences.

Comparing two revisions is bounded work (``textdiff``) done in a thread off the gevent hub, one
comparison at a time, and kept: the same two texts are never compared twice while the result is
in :data:`comparisons`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core.offload import off_hub
from ..extensions import db
from ..members.models import Organisation
from ..naps.models import PolicyArea
from . import textdiff
from .fields import LANG_LABELS, field_label
from .models import MILESTONE_STATUS_LABELS, MilestoneStatus
from .revisions import flatten

#: Characters of compared text the cache holds at most (each character may be kept twice).
CACHE_CHARS = 20_000_000
#: Comparisons the cache holds at most.
CACHE_ENTRIES = 256

#: What a reader is told when a field was compared coarser than word by word.
DETAIL_NOTES = {
    textdiff.SPACES: _l('A long change: compared piece by piece between spaces, not word by word.'),
    textdiff.LINES: _l('A long change: compared line by line, not word by word.'),
    textdiff.WHOLE: _l('Too long to compare in detail: the changed part is shown whole.'),
}


def describe(key: str) -> str:
    """``milestones.2.target_en`` → "Milestone 2: Target (English)"."""
    prefix = ''
    if key.startswith('milestones.'):
        _m, position, key = key.split('.', 2)
        prefix = _('Milestone %(n)s', n=position) + ': '
    name, lang = key, None
    if key[-3:] in ('_th', '_en'):
        name, lang = key[:-3], key[-2:]
    label = str(field_label(name.removesuffix('_id')))
    if lang:
        label = _('%(field)s (%(language)s)', field=label, language=LANG_LABELS[lang])
    return prefix + label


def display(key: str, value) -> str:
    """A stored value as a reader should see it (names instead of ids)."""
    name = key.rsplit('.', 1)[-1]
    if value in (None, ''):
        return ''
    if isinstance(value, bool):
        return _('Yes') if value else _('No')
    if name in ('lead_agency_id', 'responsible_organisation_id'):
        org = db.session.get(Organisation, value)
        return org.name if org else str(value)
    if name == 'policy_area_id':
        area = db.session.get(PolicyArea, value)
        return area.name if area else str(value)
    if name == 'supporters':
        orgs = [db.session.get(Organisation, i) for i in value]
        return ', '.join(o.name for o in orgs if o)
    if name == 'status':
        return str(MILESTONE_STATUS_LABELS.get(MilestoneStatus(value), value))
    return str(value)


class ComparisonCache:
    """The latest comparisons, by what they compared: texts never change, so neither do diffs.

    Keyed by a digest of the displayed texts (not by revision numbers), so that a renamed
    organisation is never shown under its old name. Bounded by entries and by characters held.
    """

    def __init__(self, max_chars: int = CACHE_CHARS, max_entries: int = CACHE_ENTRIES):
        self.max_chars, self.max_entries = max_chars, max_entries
        self._entries: OrderedDict[bytes, tuple[list, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()
        #: Comparisons answered from the cache, and computed.
        self.hits = self.misses = 0

    def get(self, key: bytes):
        """The diffs kept under ``key``, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: bytes, diffs: list) -> None:
        """Keep ``diffs``; forget the oldest comparisons past either bound."""
        size = sum(d.size for d in diffs)
        with self._lock:
            self.misses += 1
            if size > self.max_chars or key in self._entries:
                return
            self._entries[key] = (diffs, size)
            self._chars += size
            while len(self._entries) > self.max_entries or self._chars > self.max_chars:
                _key, (_diffs, old_size) = self._entries.popitem(last=False)
                self._chars -= old_size

    def clear(self) -> None:
        """Forget every comparison (tests)."""
        with self._lock:
            self._entries.clear()
            self._chars = 0
            self.hits = self.misses = 0


#: The process's comparisons.
comparisons = ComparisonCache()
_slot: threading.BoundedSemaphore | None = None


def _compute_slot() -> threading.BoundedSemaphore:
    # Made at first use, after gevent's monkey-patching: waiting for it then parks only the
    # greenlet. One comparison at a time: a second thread would only take the GIL from the hub.
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
    """The differences of each ``(old, new)``: from the cache, else computed off the hub."""
    key = _digest(pairs)
    diffs = comparisons.get(key)
    if diffs is not None:
        return diffs
    with _compute_slot():
        diffs = comparisons.get(key)  # computed while this request waited for the slot
        if diffs is None:
            diffs, _budget = off_hub(textdiff.diff_texts, pairs)
            comparisons.put(key, diffs)
    return diffs


def compare(old_snapshot: dict | None, new_snapshot: dict) -> list[dict]:
    """Rows for every field that differs: label, segments, and how finely it was compared."""
    old = flatten(old_snapshot) if old_snapshot else {}
    new = flatten(new_snapshot)
    keys = [k for k in list(old) + [k for k in new if k not in old] if old.get(k) != new.get(k)]
    # Names and labels on the hub (they read the database and the locale); texts compared off it.
    pairs = [(display(key, old.get(key)), display(key, new.get(key))) for key in keys]
    return [
        {
            'key': key,
            'label': describe(key),
            'segments': diff.segments,
            'detail': diff.detail,
            'note': DETAIL_NOTES.get(diff.detail),
        }
        for key, diff in zip(keys, diff_pairs(pairs), strict=True)
    ]


CONFLICT_HELP = _l(
    'Someone saved this commitment after you opened it. Your changes are not saved yet: '
    'they are kept in the form below. Review the other change, then save again.'
)
