"""Presenting revisions: readable field names and values, and side-by-side differences.

Names and labels are read here, on the hub (they need the database and the reader's locale);
the texts are compared off it (``comparisons``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core.i18n import format_date
from ..core.offload import off_hub
from ..extensions import db
from ..naps.models import PolicyArea
from ..sectors.models import Organisation
from . import comparisons, textdiff
from .fields import LANG_LABELS, field_label
from .models import CommitmentRevision, MilestoneStatus
from .revisions import flatten

#: Fields whose values are dates, stored as ISO text in a revision.
DATE_FIELDS = frozenset({'start_date', 'end_date'})
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


def _name(kind: str, ident) -> str | None:
    model = Organisation if kind == 'organisation' else PolicyArea
    found = db.session.get(model, ident)
    return found.name if found else None


def display(key: str, value, names: dict | None = None) -> str:
    """A stored value as a reader should see it (names instead of ids; ``names`` notes them)."""
    field = key.rsplit('.', 1)[-1]
    if value in (None, ''):
        return ''
    if isinstance(value, bool):
        return _('Yes') if value else _('No')

    def named(kind, ident):
        name = _name(kind, ident)
        if names is not None:
            names[kind, ident] = name
        return name

    if field in ('lead_agency_id', 'responsible_organisation_id'):
        return named('organisation', value) or str(value)
    if field == 'policy_area_id':
        return named('policy_area', value) or str(value)
    if field == 'supporters':
        return ', '.join(n for n in (named('organisation', i) for i in value) if n)
    if field == 'status':
        status = MilestoneStatus.get(value)
        return str(status.label) if status is not None else str(value)
    if field in DATE_FIELDS:
        # Stored as ISO text; read as the reader's date (the Buddhist-Era year in Thai).
        try:
            return format_date(date.fromisoformat(value), 'medium')
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def _changes(old_snapshot: dict | None, new_snapshot: dict, names: dict | None = None):
    """The keys that differ, and their ``(old, new)`` values as a reader sees them."""
    old = flatten(old_snapshot) if old_snapshot else {}
    new = flatten(new_snapshot)
    keys = [k for k in list(old) + [k for k in new if k not in old] if old.get(k) != new.get(k)]
    pairs = [(display(k, old.get(k), names), display(k, new.get(k), names)) for k in keys]
    return keys, pairs


def _row(key: str, detail: str) -> dict:
    note = DETAIL_NOTES.get(detail)
    return {'key': key, 'label': describe(key), 'detail': detail, 'note': note and str(note)}


def compare(old_snapshot: dict | None, new_snapshot: dict) -> list[dict]:
    """Rows for every field that differs: label, segments, and how finely it was compared."""
    keys, pairs = _changes(old_snapshot, new_snapshot)
    found = comparisons.diff_pairs(pairs)
    return [
        {**_row(key, diff.detail), 'segments': diff.segments}
        for key, diff in zip(keys, found, strict=True)
    ]


@dataclass(frozen=True)
class _Page:
    rows: list[dict]
    #: The organisation and policy-area names shown, as they were: a rename recomputes.
    names: dict


def _names_unchanged(names: dict) -> bool:
    return all(_name(kind, ident) == name for (kind, ident), name in names.items())


def compare_revisions(old: CommitmentRevision | None, new: CommitmentRevision) -> list[dict]:
    """The history page's rows (``before`` and ``after`` as HTML), kept per revision pair."""
    key = (old.id if old else None, new.id, str(get_locale()))
    page = comparisons.pages.get(key)
    if page is not None and _names_unchanged(page.names):
        return page.rows
    with comparisons.compute_slot():
        page = comparisons.pages.get(key)  # computed while this request waited for the slot
        if page is not None and _names_unchanged(page.names):
            return page.rows
        old_snapshot, new_snapshot = comparisons.load_snapshots(old, new)
        names: dict = {}
        keys, pairs = _changes(old_snapshot, new_snapshot, names)
        cells = off_hub(comparisons.diff_cells, pairs)
        rows = [
            {**_row(key, detail), 'before': before, 'after': after}
            for key, (detail, before, after) in zip(keys, cells, strict=True)
        ]
        size = sum(len(r['before']) + len(r['after']) for r in rows)
        comparisons.pages.put(key, _Page(rows, names), size)
    return rows


CONFLICT_HELP = _l(
    'Someone saved this commitment after you opened it. Your changes are not saved yet: '
    'they are kept in the form below. Review the other change, then save again.'
)
