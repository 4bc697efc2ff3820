"""Snapshots of a commitment, and which fields changed between two.

How two texts differ, word by word, is ``textdiff``'s work.
"""

from __future__ import annotations

from datetime import date

from .fields import commitment_text_columns, milestone_text_columns
from .models import Commitment

#: Scalar commitment columns kept in a snapshot besides the bilingual texts.
COMMITMENT_COLUMNS = (
    'policy_area_id',
    'lead_agency_id',
    'contact_name',
    'contact_email',
    'start_date',
    'end_date',
    'budget',
    'sdg_targets',
    'value_access',
    'value_participation',
    'value_accountability',
    'value_technology',
)
MILESTONE_COLUMNS = (
    'responsible_organisation_id',
    'start_date',
    'end_date',
    'status',
    'evidence_url',
)


def _json_value(value):
    return value.isoformat() if isinstance(value, date) else value


def snapshot(commitment: Commitment) -> dict:
    """Return the commitment and its milestones as JSON-ready data."""
    fields = {name: _json_value(getattr(commitment, name)) for name in commitment_text_columns()}
    fields.update({name: _json_value(getattr(commitment, name)) for name in COMMITMENT_COLUMNS})
    milestones = []
    for m in sorted(commitment.milestones, key=lambda m: m.position):
        data = {'id': m.id, 'position': m.position}
        data.update({name: _json_value(getattr(m, name)) for name in milestone_text_columns()})
        data.update({name: _json_value(getattr(m, name)) for name in MILESTONE_COLUMNS})
        milestones.append(data)
    return {
        'fields': fields,
        'supporters': sorted(o.id for o in commitment.supporters),
        'milestones': milestones,
    }


def flatten(snap: dict) -> dict[str, object]:
    """Return ``{field name: value}`` with milestones as ``milestones.<position>.<field>``."""
    flat = dict(snap['fields'])
    flat['supporters'] = snap['supporters']
    for m in snap['milestones']:
        for key, value in m.items():
            if key not in ('id', 'position'):
                flat[f'milestones.{m["position"]}.{key}'] = value
    return flat


def changed_fields(old: dict | None, new: dict) -> list[str]:
    """The names of the fields that differ between two snapshots (all of ``new`` when first)."""
    new_flat = flatten(new)
    if old is None:
        return [k for k, v in new_flat.items() if v not in ('', None, False, [])]
    old_flat = flatten(old)
    keys = list(old_flat) + [k for k in new_flat if k not in old_flat]
    return [k for k in keys if old_flat.get(k) != new_flat.get(k)]
