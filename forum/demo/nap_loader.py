"""Load the demo National Action Plan idempotently, through the services, as a drafter would.

The plan is matched by its number; a commitment by its Thai or English title within the plan.
What exists is left as it is: a commitment someone edited is not reset, a plan in another state
is not moved, and no revision is added to an existing commitment.
"""

from __future__ import annotations

from sqlalchemy import select

from ..auth.services import user_by_email
from ..commitments.fields import COMMITMENT_TEXTS, MILESTONE_TEXTS, OGP_VALUES
from ..commitments.models import Commitment
from ..commitments.services import create_commitment, save_milestone
from ..extensions import db
from ..naps.models import Nap, PolicyArea
from ..naps.services import create_nap, move_nap
from ..sectors.models import Organisation
from .nap_data import COMMITMENTS, NAP


def load_demo_nap(organisations: dict[str, Organisation]) -> dict[str, int]:
    """Create the demo plan and the commitments and milestones it lacks; return what was made.

    ``organisations`` maps the keys of ``data.ORGANISATIONS`` to their rows (``load_demo`` makes
    them). The demo accounts must exist: the secretariat creates the plan, each commitment's
    author (an MSF member or the secretariat) drafts it and joins its drafting team.
    """
    created = {'naps': 0, 'commitments': 0, 'milestones': 0}
    secretariat = user_by_email(NAP['actor'])
    nap = db.session.scalar(select(Nap).filter_by(number=NAP['number']))
    if nap is None:
        title_th, title_en = NAP['title']
        nap = create_nap(
            actor=secretariat,
            number=NAP['number'],
            title_th=title_th,
            title_en=title_en,
            start_year=NAP['start_year'],
            length_years=NAP['length_years'],
            end_month=NAP['end_month'],
        )
        move_nap(nap, NAP['state'], actor=secretariat)
        created['naps'] += 1
    areas = {a.code: a.id for a in db.session.scalars(select(PolicyArea))}
    titles = set()
    for title_th, title_en in db.session.execute(
        select(Commitment.title_th, Commitment.title_en).filter_by(nap_id=nap.id)
    ):
        titles.update({title_th, title_en})
    for data in COMMITMENTS:
        if titles & set(data['title']):
            continue
        author = user_by_email(data['author']) or secretariat
        commitment = create_commitment(
            nap,
            actor=author,
            fields=_commitment_fields(data, areas, organisations),
            supporters=[organisations[key] for key in data['supporters']],
        )
        created['commitments'] += 1
        for milestone in data['milestones']:
            save_milestone(
                commitment,
                None,
                actor=author,
                fields=_milestone_fields(milestone, organisations),
                base_version=commitment.version,
            )
            created['milestones'] += 1
    db.session.flush()
    return created


def _pairs(data: dict, names) -> dict[str, str]:
    """``{name_th: …, name_en: …}`` for each name; a missing pair gives empty texts."""
    fields = {}
    for name in names:
        th, en = data.get(name, ('', ''))
        fields[f'{name}_th'] = th
        fields[f'{name}_en'] = en
    return fields


def _commitment_fields(data: dict, areas: dict[str, int], organisations) -> dict:
    fields = _pairs(data, [name for name, _label, _needed in COMMITMENT_TEXTS])
    fields.update(
        policy_area_id=areas[data['policy_area']],
        lead_agency_id=organisations[data['lead']].id,
        contact_name=data['contact_name'],
        contact_email=data['contact_email'],
        start_date=data['start_date'],
        end_date=data['end_date'],
        budget=data['budget'],
        sdg_targets=data['sdg_targets'],
    )
    for flag, why, _label in OGP_VALUES:
        justification = data['values'].get(flag.removeprefix('value_'))
        fields[flag] = justification is not None
        fields[f'{why}_th'], fields[f'{why}_en'] = justification or ('', '')
    return fields


def _milestone_fields(data: dict, organisations) -> dict:
    fields = _pairs(data, [name for name, _label in MILESTONE_TEXTS])
    fields.update(
        responsible_organisation_id=organisations[data['responsible']].id,
        start_date=data['start_date'],
        end_date=data['end_date'],
    )
    return fields
