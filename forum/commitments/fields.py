"""The OGP commitment template: which bilingual texts a commitment and a milestone have.

One list drives the model columns' meaning, the forms, the checklist, revisions and the API.
"""

from flask_babel import lazy_gettext as _l

from ..core.form_limits import form_bytes

#: The longest text any field accepts (characters).
MAX_TEXT = 20_000

#: Bilingual commitment texts: (name, label, needed for a verifiable commitment).
COMMITMENT_TEXTS = (
    ('title', _l('Title'), True),
    ('short_title', _l('Short title'), False),
    ('description', _l('Brief description'), True),
    ('problem', _l('The public problem, with its baseline'), True),
    ('causes', _l('Causes of the problem'), True),
    ('solution', _l('What the commitment does'), True),
    ('contribution', _l('How it contributes to solving the problem'), True),
)

#: OGP values: (flag column, justification text name, label).
OGP_VALUES = (
    ('value_access', 'value_access_why', _l('Access to information')),
    ('value_participation', 'value_participation_why', _l('Civic participation')),
    ('value_accountability', 'value_accountability_why', _l('Public accountability')),
    ('value_technology', 'value_technology_why', _l('Technology and innovation')),
)

#: Bilingual milestone texts: (name, label).
MILESTONE_TEXTS = (
    ('output', _l('Expected output')),
    ('indicator', _l('Indicator')),
    ('baseline', _l('Baseline')),
    ('target', _l('Target')),
)

LANGS = ('th', 'en')
LANG_LABELS = {'th': _l('Thai'), 'en': _l('English')}


def commitment_text_columns() -> list[str]:
    """Every bilingual text column of a commitment (``title_th``, ``title_en``…)."""
    names = [name for name, _label, _needed in COMMITMENT_TEXTS]
    names += [why for _flag, why, _label in OGP_VALUES]
    return [f'{name}_{lang}' for name in names for lang in LANGS]


def milestone_text_columns() -> list[str]:
    """Every bilingual text column of a milestone."""
    return [f'{name}_{lang}' for name, _label in MILESTONE_TEXTS for lang in LANGS]


def commitment_form_bytes() -> int:
    """The largest commitment form (or its conflict page) the fields allow, URL-encoded."""
    return form_bytes(len(commitment_text_columns()), MAX_TEXT)


def milestone_form_bytes() -> int:
    """The largest milestone form (or its conflict page) the fields allow, URL-encoded."""
    return form_bytes(len(milestone_text_columns()), MAX_TEXT)


def field_label(name: str):
    """The label of a commitment or milestone field name (without its language suffix)."""
    for field, label, *_rest in COMMITMENT_TEXTS + MILESTONE_TEXTS:
        if field == name:
            return label
    for flag, why, label in OGP_VALUES:
        if name in (flag, why):
            return label
    return OTHER_LABELS.get(name, name)


OTHER_LABELS = {
    'policy_area': _l('Primary policy area'),
    'lead_agency': _l('Lead implementing agency'),
    'supporters': _l('Supporting actors'),
    'contact_name': _l('Contact person'),
    'contact_email': _l('Contact email'),
    'start_date': _l('Start date'),
    'end_date': _l('End date'),
    'budget': _l('Budget'),
    'sdg_targets': _l('SDG targets'),
    'responsible_organisation': _l('Responsible organisation'),
    'status': _l('Implementation status'),
    'evidence_url': _l('Evidence link'),
    'milestones': _l('Milestones'),
}
