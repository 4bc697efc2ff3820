"""Plans and commitments as public JSON, with the field names of OGP's commitment template.

Only what the public may read: no user accounts (so no user email), no drafting team, no audit
trail, no revision's content or author (its number, date and changed fields are given). The
commitment's contact person and email are public in OGP's template.
"""

from __future__ import annotations

from datetime import date

from ..commitments.checklist import Problem
from ..commitments.fields import COMMITMENT_TEXTS, MILESTONE_TEXTS, OGP_VALUES
from ..commitments.models import Commitment, CommitmentRevision, Milestone
from ..core.urls import external_url
from ..members.models import Membership
from ..naps.models import Nap
from ..sectors.models import Organisation, Sector

#: Model flag column -> the OGP template's name for the value.
OGP_VALUE_KEYS = {
    'value_access': 'access_to_information',
    'value_participation': 'civic_participation',
    'value_accountability': 'public_accountability',
    'value_technology': 'technology_and_innovation',
}


def bilingual(obj, name: str) -> dict:
    """The text ``name`` of ``obj`` as ``{"th": ..., "en": ...}``."""
    return {'th': getattr(obj, f'{name}_th'), 'en': getattr(obj, f'{name}_en')}


def iso(day: date | None) -> str | None:
    """An ISO 8601 date, or None."""
    return day.isoformat() if day is not None else None


def organisation(org: Organisation | None, *, sector: bool = False) -> dict | None:
    """An organisation's id and bilingual name (and its sector code when ``sector``)."""
    if org is None:
        return None
    data = {'id': org.id, 'name': bilingual(org, 'name')}
    if sector:
        data['sector'] = org.sector.code
    return data


def nap(plan: Nap) -> dict:
    """A plan without its commitments."""
    return {
        'id': plan.id,
        'number': plan.number,
        'title': bilingual(plan, 'title'),
        'length_years': plan.length_years,
        'start_date': iso(plan.start_date),
        'end_date': iso(plan.end_date),
        'state': plan.state,
        'url': external_url('api.nap', nap_id=plan.id),
        'html_url': external_url('pages.plan', nap_id=plan.id),
    }


def commitment_summary(commitment: Commitment, problems: list[Problem]) -> dict:
    """A commitment's identity, title, state, policy area and whether its checklist passes."""
    return {
        'id': commitment.id,
        'code': commitment.code,
        'nap_id': commitment.nap_id,
        'number': commitment.number,
        'title': bilingual(commitment, 'title'),
        'state': commitment.state,
        'policy_area': commitment.policy_area.code,
        'checklist': {'passes': not problems, 'problem_count': len(problems)},
        'url': external_url('api.commitment', commitment_id=commitment.id),
        'html_url': external_url('pages.commitment', commitment_id=commitment.id),
    }


def _supporting_actors(commitment: Commitment) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for org in commitment.supporters:
        groups.setdefault(org.sector.code, []).append(organisation(org))
    return groups


def milestone(item: Milestone) -> dict:
    """A milestone: output, metric (indicator, baseline, target), owner, dates, status."""
    data = {'id': item.id, 'position': item.position}
    data.update({name: bilingual(item, name) for name, _label in MILESTONE_TEXTS})
    data.update(
        responsible_organisation=organisation(item.responsible_organisation),
        start_date=iso(item.start_date),
        end_date=iso(item.end_date),
        status=item.status,
        evidence_url=item.evidence_url,
    )
    return data


def commitment(item: Commitment, problems: list[Problem]) -> dict:
    """The whole commitment in the OGP template, with its checklist and milestones."""
    data = {
        'id': item.id,
        'code': item.code,
        'nap_id': item.nap_id,
        'number': item.number,
        'state': item.state,
        'withdrawn_reason': item.withdrawn_reason,
    }
    data.update({name: bilingual(item, name) for name, _label, _needed in COMMITMENT_TEXTS})
    data.update(
        policy_area={
            'code': item.policy_area.code,
            'name': bilingual(item.policy_area, 'name'),
        },
        ogp_values={
            OGP_VALUE_KEYS[flag]: {
                'relevant': bool(getattr(item, flag)),
                'justification': bilingual(item, why),
            }
            for flag, why, _label in OGP_VALUES
        },
        lead_agency=organisation(item.lead_agency, sector=True),
        supporting_actors=_supporting_actors(item),
        contact={'name': item.contact_name, 'email': item.contact_email},
        start_date=iso(item.start_date),
        end_date=iso(item.end_date),
        budget=item.budget,
        sdg_targets=item.sdg_targets,
        checklist={'passes': not problems, 'problems': [p.as_dict() for p in problems]},
        version=item.version,
        milestones=[milestone(m) for m in item.milestones],
        url=external_url('api.commitment', commitment_id=item.id),
        html_url=external_url('pages.commitment', commitment_id=item.id),
    )
    return data


def revision(item: CommitmentRevision) -> dict:
    """A revision's metadata: number, when, which fields changed; never its content or author.

    Who drafts is not in the API (docs/api.md "Who sees what"), so neither is a revision's author.
    """
    return {
        'number': item.number,
        'created_at': item.created_dt.isoformat(),
        'changed_fields': list(item.changed_fields or []),
        'restored_from': item.restored_from,
    }


def seat(item: Membership) -> dict:
    """A seat held today, as the public members page shows it (no email, no account)."""
    return {
        'name': item.user.display_name,
        'sector': item.sector.code,
        'seat_role': item.seat_role,
        'organisation': organisation(item.organisation),
        'term_start': iso(item.term_start),
        'term_end': iso(item.term_end),
    }


def sector_count(sector: Sector, count: int) -> dict:
    """A sector with the number of seats it holds today."""
    return {'code': sector.code, 'name': bilingual(sector, 'name'), 'seats': count}
