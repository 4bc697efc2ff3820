"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of every API answer, for ``openapi.py``."""

from __future__ import annotations

from ..comments.models import ModerationReason
from ..commitments.models import CommitmentState, MilestoneStatus
from ..consultations.models import Channel, Disposition, InputStatus, RoundState
from ..members.models import SeatRole
from ..moderation.models import ActionKind
from ..naps.models import NapState
from .serializers import OGP_VALUE_KEYS


def ref(name: str) -> dict:
    """A reference to the component schema ``name``."""
    return {'$ref': f'#/components/schemas/{name}'}


TEXT = {'type': 'string'}
DATE = {'type': ['string', 'null'], 'format': 'date'}
URL = {'type': 'string', 'format': 'uri'}
ID = {'type': 'integer', 'minimum': 1}


def _object(properties: dict, *, optional: tuple[str, ...] = (), description: str = '') -> dict:
    schema = {
        'type': 'object',
        'properties': properties,
        'required': [name for name in properties if name not in optional],
        'additionalProperties': False,
    }
    if description:
        schema['description'] = description
    return schema


SCHEMAS = {
    'Bilingual': _object(
        {'th': TEXT, 'en': TEXT}, description='A text in Thai and English ("" when missing).'
    ),
    'Organisation': _object(
        {'id': ID, 'name': ref('Bilingual'), 'sector': TEXT},
        optional=('sector',),
        description='An organisation; `sector` (its code) only for a lead agency.',
    ),
    'Nap': _object(
        {
            'id': ID,
            'number': ID,
            'title': ref('Bilingual'),
            'length_years': {'enum': [2, 4]},
            'start_date': DATE,
            'end_date': DATE,
            'state': {'enum': [s.value for s in NapState]},
            'url': URL,
            'html_url': URL,
        },
        description='A National Action Plan.',
    ),
    'Checklist': _object(
        {'passes': {'type': 'boolean'}, 'problem_count': {'type': 'integer', 'minimum': 0}}
    ),
    'CommitmentSummary': _object(
        {
            'id': ID,
            'code': {'type': 'string', 'pattern': '^[A-Z]{2,3}[0-9]{4,}$'},
            'nap_id': ID,
            'number': ID,
            'title': ref('Bilingual'),
            'state': {'enum': [s.value for s in CommitmentState]},
            'policy_area': TEXT,
            'checklist': ref('Checklist'),
            'url': URL,
            'html_url': URL,
        }
    ),
    'Problem': _object(
        {
            'code': {'enum': ['missing', 'untranslated', 'no_metric', 'no_owner', 'no_dates']},
            'field': TEXT,
            'message': TEXT,
        }
    ),
    'OgpValue': _object({'relevant': {'type': 'boolean'}, 'justification': ref('Bilingual')}),
    'Milestone': _object(
        {
            'id': ID,
            'position': ID,
            'output': ref('Bilingual'),
            'indicator': ref('Bilingual'),
            'baseline': ref('Bilingual'),
            'target': ref('Bilingual'),
            'responsible_organisation': {'anyOf': [ref('Organisation'), {'type': 'null'}]},
            'start_date': DATE,
            'end_date': DATE,
            'status': {'enum': [s.value for s in MilestoneStatus]},
            'evidence_url': TEXT,
        }
    ),
    'Revision': _object(
        {
            'number': ID,
            'created_at': {'type': 'string', 'format': 'date-time'},
            'changed_fields': {'type': 'array', 'items': TEXT},
            'restored_from': {'type': ['integer', 'null']},
        },
        description="A saved revision's metadata (its content is not in the API).",
    ),
    'Member': _object(
        {
            'name': TEXT,
            'sector': TEXT,
            'seat_role': {'enum': [r.value for r in SeatRole]},
            'organisation': {'anyOf': [ref('Organisation'), {'type': 'null'}]},
            'term_start': DATE,
            'term_end': DATE,
        },
        description='A seat held today.',
    ),
    'SectorCount': _object({'code': TEXT, 'name': ref('Bilingual'), 'seats': {'type': 'integer'}}),
    'Error': _object({'error': TEXT, 'status': {'type': 'integer'}}),
}

_COMMITMENT_TEXTS = (
    'title', 'short_title', 'description', 'problem', 'causes', 'solution', 'contribution',
)  # fmt: skip
SCHEMAS['Commitment'] = _object(
    {
        'id': ID,
        'code': SCHEMAS['CommitmentSummary']['properties']['code'],
        'nap_id': ID,
        'number': ID,
        'state': {'enum': [s.value for s in CommitmentState]},
        'withdrawn_reason': {'type': ['string', 'null']},
        **{name: ref('Bilingual') for name in _COMMITMENT_TEXTS},
        'policy_area': _object({'code': TEXT, 'name': ref('Bilingual')}),
        'ogp_values': _object({key: ref('OgpValue') for key in OGP_VALUE_KEYS.values()}),
        'lead_agency': {'anyOf': [ref('Organisation'), {'type': 'null'}]},
        'supporting_actors': {
            'type': 'object',
            'description': 'Supporting organisations grouped by sector code.',
            'additionalProperties': {'type': 'array', 'items': ref('Organisation')},
        },
        'contact': _object({'name': TEXT, 'email': TEXT}),
        'start_date': DATE,
        'end_date': DATE,
        'budget': TEXT,
        'sdg_targets': TEXT,
        'checklist': _object(
            {'passes': {'type': 'boolean'}, 'problems': {'type': 'array', 'items': ref('Problem')}}
        ),
        'version': {'type': 'integer', 'minimum': 0},
        'milestones': {'type': 'array', 'items': ref('Milestone')},
        'revisions': {'type': 'array', 'items': ref('Revision')},
        'url': URL,
        'html_url': URL,
    },
    description='A commitment in the OGP template, with its milestones and revisions.',
)
# The plan's fields again rather than allOf: additionalProperties false would refuse the rest.
SCHEMAS['NapWithCommitments'] = _object(
    {
        **SCHEMAS['Nap']['properties'],
        'commitments': {'type': 'array', 'items': ref('CommitmentSummary')},
    },
    description='A plan with a summary of each commitment the visitor may read.',
)


def page_of(item: str, extra: dict | None = None, description: str = '') -> dict:
    """A page of ``item``s: the items, their counts, the neighbouring pages' addresses."""
    nullable_url = {'type': ['string', 'null'], 'format': 'uri'}
    properties = {
        'items': {'type': 'array', 'items': ref(item)},
        'count': {'type': 'integer', 'minimum': 0, 'description': 'Items on this page.'},
        'total': {'type': 'integer', 'minimum': 0, 'description': 'Items on every page.'},
        'page': ID,
        'per_page': ID,
        'pages': ID,
        'next': nullable_url,
        'previous': nullable_url,
        **(extra or {}),
    }
    return _object(properties, description=description)


SCHEMAS['NapPage'] = page_of('Nap', description='Plans, by number.')
SCHEMAS['CommitmentPage'] = page_of(
    'CommitmentSummary',
    {
        'filters': _object(
            {
                'nap': {'type': ['integer', 'null']},
                'policy_area': {'type': ['string', 'null']},
                'state': {'type': ['string', 'null']},
            }
        )
    },
    description='Commitments, by plan then number; `filters` echoes the query.',
)
SCHEMAS['MemberPage'] = page_of(
    'Member',
    {
        'on': {'type': 'string', 'format': 'date'},
        'sectors': {'type': 'array', 'items': ref('SectorCount')},
    },
    description='Seats held on the day `on`, by sector then role; `sectors` counts every sector.',
)

_MOMENT = {'type': ['string', 'null'], 'format': 'date-time'}
_NULLABLE_TEXT = {'type': ['string', 'null']}
SCHEMAS['ConsultationRound'] = _object(
    {
        'id': ID,
        'code': {'type': 'string', 'pattern': '^C[0-9]+$'},
        'number': ID,
        'nap_id': ID,
        'title': ref('Bilingual'),
        'description': ref('Bilingual'),
        'state': {'enum': [s.value for s in RoundState]},
        'announce_on': DATE,
        'opens_at': _MOMENT,
        'closes_at': _MOMENT,
        'opened_at': _MOMENT,
        'closed_at': _MOMENT,
        'published_at': _MOMENT,
        'channels': {'type': 'array', 'items': {'enum': [c.value for c in Channel]}},
        'commitments': {'type': 'array', 'items': TEXT, 'description': 'Their codes.'},
        'url': URL,
        'html_url': URL,
        'results_url': {'type': ['string', 'null'], 'format': 'uri'},
    },
    description='A consultation round (listed once announced).',
)
SCHEMAS['ConsultationResponse'] = _object(
    {
        'disposition': {'enum': [d.value for d in Disposition]},
        'reason': TEXT,
        'revision': {
            'type': 'array',
            'items': _object({'commitment': _NULLABLE_TEXT, 'number': ID, 'html_url': URL}),
        },
        'decided_at': _MOMENT,
    },
    description="The reasoned response to an input (its own, its theme's, or its original's).",
)
SCHEMAS['ConsultationInput'] = _object(
    {
        'tracking_number': {'type': 'string', 'pattern': '^C[0-9]+-[0-9]{6}$'},
        'status': {'enum': [s.value for s in InputStatus]},
        'received_on': DATE,
        'commitment': _NULLABLE_TEXT,
        'part': _NULLABLE_TEXT,
        'theme': {'anyOf': [_object({'id': ID, 'title': ref('Bilingual')}), {'type': 'null'}]},
        'sector': TEXT,
        'channel': {'enum': [c.value for c in Channel]},
        'province': _NULLABLE_TEXT,
        'submitter': _NULLABLE_TEXT,
        'organisation': _NULLABLE_TEXT,
        'text': _NULLABLE_TEXT,
        'hidden_reason': _NULLABLE_TEXT,
        'duplicate_of': _NULLABLE_TEXT,
        'response': {'anyOf': [ref('ConsultationResponse'), {'type': 'null'}]},
    },
    description='An input with its response (public fields only: a name only when agreed).',
)
SCHEMAS['ConsultationRoundPage'] = page_of(
    'ConsultationRound', description='Consultation rounds the visitor may read, by number.'
)
SCHEMAS['ConsultationInputPage'] = page_of(
    'ConsultationInput',
    {'round': ref('ConsultationRound'), 'published': {'type': 'boolean'}},
    description="A round's inputs, once its responses are published (none before).",
)
SCHEMAS['ModerationAction'] = _object(
    {
        'id': ID,
        'at': {'type': 'string', 'format': 'date-time'},
        'kind': {'enum': [k.value for k in ActionKind]},
        'kind_label': ref('Bilingual'),
        'comment_id': {'type': ['integer', 'null'], 'minimum': 1},
        'commitment_id': {'type': ['integer', 'null'], 'minimum': 1},
        'reason': {'enum': [r.value for r in ModerationReason] + [None]},
        'moderator_sector': _object({'code': TEXT, 'name': ref('Bilingual')}),
    },
    description='One moderator action of the public moderation log: no person, no note; the '
    'sector the moderator acted for (`secretariat` for staff).',
)
SCHEMAS['ModerationLogPage'] = page_of(
    'ModerationAction', description='The public moderation log, newest first.'
)
