"""The JSON Schema (2020-12) of a round's summary in JSON; the OpenAPI document includes it."""

from __future__ import annotations

from ...consultations.models import Channel, Disposition, InputStatus, RoundState
from .summary import FORMAT, VERSION

_TEXT = {'type': 'string'}
_NTEXT = {'type': ['string', 'null']}
_DATE = {'type': ['string', 'null'], 'format': 'date'}
_MOMENT = {'type': ['string', 'null'], 'format': 'date-time'}
_COUNT = {'type': 'integer', 'minimum': 0}
_ID = {'type': 'integer', 'minimum': 1}


def _object(properties: dict, description: str = '') -> dict:
    schema = {
        'type': 'object',
        'properties': properties,
        'required': list(properties),
        'additionalProperties': False,
    }
    if description:
        schema['description'] = description
    return schema


COUNT_ROW = _object(
    {
        'code': {**_NTEXT, 'description': 'Sector, channel, province (ISO 3166-2:TH), commitment '
                 'or disposition code; null: not given, or the plan as a whole.'},
        'label': _TEXT,
        'respondents': _COUNT,
        'inputs': _COUNT,
        'share': {'type': 'number', 'minimum': 0, 'maximum': 100,
                  'description': 'Inputs as a percentage of the largest row (the chart).'},
    },
    'One row of a participation table.',
)  # fmt: skip

INPUT = _object(
    {
        'tracking_number': {'type': 'string', 'pattern': '^C[0-9]+-[0-9]{6}$'},
        'status': {'enum': [s.value for s in InputStatus]},
        'status_label': _TEXT,
        'received_on': _DATE,
        'received_text': _TEXT,
        'channel': {'enum': [c.value for c in Channel]},
        'channel_label': _TEXT,
        'sector': {**_TEXT, 'description': 'The sector code, or "secretariat".'},
        'sector_label': _TEXT,
        'province': _NTEXT,
        'province_label': _TEXT,
        'commitment': {**_NTEXT, 'description': 'Its code; null: the plan as a whole.'},
        'part': _NTEXT,
        'part_label': _TEXT,
        'theme': {'type': ['integer', 'null']},
        'theme_title': _TEXT,
        'submitter': {**_NTEXT, 'description': 'The name, only when its submitter agreed to '
                      'be named; null: anonymous (always null for withdrawn or hidden inputs).'},
        'submitter_label': _TEXT,
        'organisation': _NTEXT,
        'text': {**_NTEXT, 'description': 'The input as entered; null when withdrawn or hidden.'},
        'hidden_reason': _NTEXT,
        'duplicate_of': _NTEXT,
        'disposition': {'enum': [d.value for d in Disposition] + [None]},
        'disposition_label': _TEXT,
        'reason': _TEXT,
        'revisions': {
            'type': 'array',
            'items': _object({'commitment': _NTEXT, 'number': _ID, 'label': _TEXT}),
        },
        'change': {**_TEXT, 'description': 'The revisions that carry the change, as text.'},
        'response_via': {'enum': ['input', 'theme', 'duplicate', None]},
        'decided_on': _DATE,
        'decided_text': _TEXT,
    },
    'One input with its response. Withdrawn and hidden inputs are listed with their status only.',
)  # fmt: skip

_TABLE = {'type': 'array', 'items': {'$ref': '#/$defs/count_row'}}

SUMMARY_SCHEMA = {
    '$schema': 'https://json-schema.org/draft/2020-12/schema',
    'title': 'Consultation summary',
    'description': 'A consultation round, its participation, themes and every input with its '
    'reasoned response (docs/exports.md). Texts in `language`; dates ISO 8601.',
    **_object(
        {
            'format': {'const': FORMAT},
            'version': {'const': VERSION},
            'language': {'enum': ['th', 'en']},
            'digits': {'enum': ['arabic', 'thai']},
            'generated_on': {'type': 'string', 'format': 'date'},
            'generated_text': _TEXT,
            'round': _object(
                {
                    'id': _ID,
                    'code': _TEXT,
                    'number': _ID,
                    'title': _TEXT,
                    'description': _TEXT,
                    'plan': _object({'id': _ID, 'number': _ID, 'title': _TEXT}),
                    'state': {'enum': [s.value for s in RoundState]},
                    'state_label': _TEXT,
                    'announce_on': _DATE,
                    'opens_at': _MOMENT,
                    'closes_at': _MOMENT,
                    'opened_at': _MOMENT,
                    'closed_at': _MOMENT,
                    'published_at': _MOMENT,
                    'channels': {
                        'type': 'array',
                        'items': _object(
                            {'code': {'enum': [c.value for c in Channel]}, 'label': _TEXT}
                        ),
                    },  # fmt: skip
                    'commitments': {
                        'type': 'array',
                        'items': _object({'code': _TEXT, 'title': _TEXT}),
                    },
                    'url': _TEXT,
                    'announced_text': _TEXT,
                    'period_text': _TEXT,
                    'published_text': _TEXT,
                }
            ),
            'participation': _object(
                {
                    'respondents': _COUNT,
                    'inputs': _COUNT,
                    'withdrawn': _COUNT,
                    'hidden': _COUNT,
                    'by_sector': _TABLE,
                    'by_channel': _TABLE,
                    'by_province': _TABLE,
                    'by_commitment': _TABLE,
                    'by_disposition': _TABLE,
                }
            ),
            'themes': {
                'type': 'array',
                'items': _object(
                    {
                        'id': _ID,
                        'title': _TEXT,
                        'inputs': _COUNT,
                        'merged_into': {'type': ['integer', 'null']},
                        'disposition': {'enum': [d.value for d in Disposition] + [None]},
                        'disposition_label': _TEXT,
                        'reason': _TEXT,
                    }
                ),
            },
            'groups': {
                'type': 'array',
                'description': 'The inputs grouped by commitment (null code: the whole plan).',
                'items': _object(
                    {
                        'code': _NTEXT,
                        'title': _TEXT,
                        'inputs': {'type': 'array', 'items': {'$ref': '#/$defs/input'}},
                    }
                ),
            },
            'input_count': _COUNT,
        }
    ),
    '$defs': {'count_row': COUNT_ROW, 'input': INPUT},
}
