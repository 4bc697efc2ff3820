"""Presenting revisions: readable field names and values, and side-by-side differences."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..members.models import Organisation
from ..naps.models import PolicyArea
from .fields import LANG_LABELS, field_label
from .models import MILESTONE_STATUS_LABELS, MilestoneStatus
from .revisions import flatten, word_diff


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


def compare(old_snapshot: dict | None, new_snapshot: dict) -> list[dict]:
    """Rows for every field that differs: label, old and new as word-diff segments."""
    old = flatten(old_snapshot) if old_snapshot else {}
    new = flatten(new_snapshot)
    keys = list(old) + [k for k in new if k not in old]
    rows = []
    for key in keys:
        if old.get(key) == new.get(key):
            continue
        segments = word_diff(display(key, old.get(key)), display(key, new.get(key)))
        rows.append({'key': key, 'label': describe(key), 'segments': segments})
    return rows


CONFLICT_HELP = _l(
    'Someone saved this commitment after you opened it. Your changes are not saved yet: '
    'they are kept in the form below. Review the other change, then save again.'
)
