"""What keeps a commitment from being verifiable and complete, in the reader's language.

A commitment is verifiable when its milestones have measurable outputs with dates and owners
(DOMAIN.md); complete when every needed field is there in Thai and English.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .fields import COMMITMENT_TEXTS, LANG_LABELS, OGP_VALUES
from .models import Commitment


@dataclass(frozen=True)
class Problem:
    """One missing item: a stable code, the field it concerns and a translated message."""

    code: str
    field: str
    message: object  # a lazy string: rendered in the reader's language

    def as_dict(self) -> dict:
        """JSON form (the message rendered now)."""
        return {'code': self.code, 'field': self.field, 'message': str(self.message)}


def _text_problems(obj, name: str, label, field: str) -> list[Problem]:
    th = (getattr(obj, f'{name}_th') or '').strip()
    en = (getattr(obj, f'{name}_en') or '').strip()
    if not th and not en:
        return [Problem('missing', field, _l('%(field)s is missing.', field=label))]
    problems = []
    for lang, value in (('th', th), ('en', en)):
        if not value:
            problems.append(
                Problem(
                    'untranslated',
                    f'{field}_{lang}',
                    _l(
                        '%(field)s has no %(language)s version.',
                        field=label,
                        language=LANG_LABELS[lang],
                    ),
                )
            )
    return problems


def check(commitment: Commitment) -> list[Problem]:
    """Return every problem of ``commitment``; an empty list means the checklist passes."""
    problems: list[Problem] = []
    for name, label, needed in COMMITMENT_TEXTS:
        if needed:
            problems += _text_problems(commitment, name, label, name)
        elif getattr(commitment, f'{name}_th') or getattr(commitment, f'{name}_en'):
            # Optional, but once given it must be given in both languages.
            problems += _text_problems(commitment, name, label, name)
    if commitment.lead_agency_id is None:
        problems.append(
            Problem('missing', 'lead_agency', _l('The lead implementing agency is missing.'))
        )
    if not (commitment.contact_name or '').strip():
        problems.append(Problem('missing', 'contact_name', _l('The contact person is missing.')))
    if commitment.start_date is None or commitment.end_date is None:
        problems.append(Problem('missing', 'dates', _l('The start and end dates are missing.')))
    ticked = [v for v in OGP_VALUES if getattr(commitment, v[0])]
    if not ticked:
        problems.append(
            Problem('missing', 'ogp_values', _l('Tick at least one OGP value it is relevant to.'))
        )
    for _flag, why, label in ticked:
        problems += _text_problems(
            commitment, why, _l('The justification of "%(value)s"', value=label), why
        )
    if not commitment.milestones:
        problems.append(Problem('missing', 'milestones', _l('Add at least one milestone.')))
    for milestone in commitment.milestones:
        problems += _milestone_problems(milestone)
    return problems


def _milestone_problems(milestone) -> list[Problem]:
    n = milestone.position
    prefix = f'milestones.{n}'
    problems = _text_problems(
        milestone, 'output', _l('Milestone %(n)d: the expected output', n=n), f'{prefix}.output'
    )
    metric = [name for name in ('indicator', 'baseline', 'target')]
    if not any(getattr(milestone, f'{m}_th') or getattr(milestone, f'{m}_en') for m in metric):
        problems.append(
            Problem(
                'no_metric',
                f'{prefix}.indicator',
                _l('Milestone %(n)d has no metric (indicator, baseline and target).', n=n),
            )
        )
    else:
        labels = {
            'indicator': _l('Milestone %(n)d: the indicator', n=n),
            'baseline': _l('Milestone %(n)d: the baseline', n=n),
            'target': _l('Milestone %(n)d: the target', n=n),
        }
        for name in metric:
            problems += _text_problems(milestone, name, labels[name], f'{prefix}.{name}')
    if milestone.responsible_organisation_id is None:
        problems.append(
            Problem(
                'no_owner',
                f'{prefix}.responsible_organisation',
                _l('Milestone %(n)d has no responsible organisation.', n=n),
            )
        )
    if milestone.start_date is None or milestone.end_date is None:
        problems.append(
            Problem('no_dates', f'{prefix}.dates', _l('Milestone %(n)d has no dates.', n=n))
        )
    return problems
