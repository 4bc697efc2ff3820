"""The JSON Schema (2020-12) of the plan's JSON export; the OpenAPI document includes it."""

from __future__ import annotations

from .records import COMMITMENT_COLUMNS, MILESTONE_COLUMNS, OGP_COLUMNS

_TEXT = {'type': 'string'}
_DATE = {'type': ['string', 'null'], 'format': 'date'}
_FLAG = {'type': 'integer', 'enum': [0, 1]}
_COUNT = {'type': 'integer', 'minimum': 1}

_COMMITMENT_TYPES = {
    'Action Plan Number': _COUNT,
    'Commitment Number': _COUNT,
    'Year Of Submission': {'type': 'integer'},
    'OGP Value Access To Information': _FLAG,
    'OGP Value Civic Participation': _FLAG,
    'OGP Value Public Accountability': _FLAG,
    'OGP Value Technology': _FLAG,
    'Start Date': _DATE,
    'End Date': _DATE,
}
_MILESTONE_TYPES = {
    'Milestone Number': _COUNT,
    'Milestone Start Date': _DATE,
    'Milestone End Date': _DATE,
}

MILESTONE = {
    'type': 'object',
    'description': 'One milestone of a commitment (our columns).',
    'properties': {c: _MILESTONE_TYPES.get(c, _TEXT) for c in MILESTONE_COLUMNS},
    'required': list(MILESTONE_COLUMNS),
    'additionalProperties': False,
}

COMMITMENT = {
    'type': 'object',
    'description': "One commitment: OGP's dataset columns, then ours, then its milestones.",
    'properties': {
        **{c: _COMMITMENT_TYPES.get(c, _TEXT) for c in OGP_COLUMNS + COMMITMENT_COLUMNS},
        'Commitment Unique Identifier': {'type': 'string', 'pattern': '^[A-Z]{2,3}[0-9]{4,}$'},
        'Milestones': {'type': 'array', 'items': {'$ref': '#/$defs/milestone'}},
    },
    'required': [*OGP_COLUMNS, *COMMITMENT_COLUMNS, 'Milestones'],
    'additionalProperties': False,
}

NAP_EXPORT = {
    '$schema': 'https://json-schema.org/draft/2020-12/schema',
    'title': 'A National Action Plan exported as JSON',
    'type': 'object',
    'properties': {
        'format': {'const': 'forum-nap'},
        'version': {'const': 1},
        'language': {'enum': ['th', 'en']},
        'generated_on': {'type': 'string', 'format': 'date'},
        'plan': {
            'type': 'object',
            'properties': {
                'id': _COUNT,
                'number': _COUNT,
                'title': _TEXT,
                'start_date': {'type': 'string', 'format': 'date'},
                'end_date': {'type': 'string', 'format': 'date'},
                'state': _TEXT,
                'state_label': _TEXT,
                'country': _TEXT,
                'url': _TEXT,
            },
            'required': [
                'id',
                'number',
                'title',
                'start_date',
                'end_date',
                'state',
                'state_label',
                'country',
                'url',
            ],  # fmt: skip
            'additionalProperties': False,
        },
        'columns': {
            'type': 'object',
            'properties': {
                'ogp': {'type': 'array', 'items': _TEXT},
                'commitment': {'type': 'array', 'items': _TEXT},
                'milestone': {'type': 'array', 'items': _TEXT},
            },
            'required': ['ogp', 'commitment', 'milestone'],
        },
        'commitments': {'type': 'array', 'items': {'$ref': '#/$defs/commitment'}},
    },
    'required': [
        'format',
        'version',
        'language',
        'generated_on',
        'plan',
        'columns',
        'commitments',
    ],  # fmt: skip
    'additionalProperties': False,
    '$defs': {'commitment': COMMITMENT, 'milestone': MILESTONE},
}
