"""``/api/v1/openapi.json``: the OpenAPI 3.1 document of every endpoint and answer.

tests/api/test_openapi.py checks real answers against it and that every route is in it.
"""

from __future__ import annotations

import json

from flask import current_app
from sqlalchemy import select

from ..commitments.models import CommitmentState
from ..exports.consultation.schema import SUMMARY_SCHEMA
from ..exports.nap.schema import NAP_EXPORT
from ..exports.registry import DIGITS
from ..extensions import db
from ..moderation.models import ActionKind
from ..naps.models import PolicyArea
from . import bp
from .http import MAX_PER_PAGE, PER_PAGE, json_response
from .schemas import SCHEMAS, ref

_VALIDATORS = {
    'ETag': {'description': 'A hash of the body: send it back as If-None-Match.',
             'schema': {'type': 'string'}},
    'Last-Modified': {'description': "Five seconds after the forum's latest recorded change, in "
                      'whole seconds; left out until then.', 'schema': {'type': 'string'}},
}  # fmt: skip
_LINK = {'Link': {'description': 'rel="next" and rel="prev" pages.', 'schema': {'type': 'string'}}}


def _json(schema: dict, description: str, headers: dict | None = None) -> dict:
    answer = {'description': description, 'content': {'application/json': {'schema': schema}}}
    if headers:
        answer['headers'] = headers
    return answer


_ERROR = {
    '400': _json(ref('Error'), 'A parameter is wrong; `error` names it and what it accepts.'),
    '404': _json(ref('Error'), 'No such thing, or the visitor may not read it.'),
}
_NOT_MODIFIED = {
    '304': {'description': 'Not modified since the ETag or date the client sent.'},
    '412': _json(ref('Error'), 'The client sent If-Match with a version this is not.'),
}
_PAGE_PARAMETERS = [
    {'name': 'page', 'in': 'query', 'schema': {'type': 'integer', 'minimum': 1, 'default': 1}},
    {
        'name': 'per_page',
        'in': 'query',
        'schema': {'type': 'integer', 'minimum': 1, 'maximum': MAX_PER_PAGE, 'default': PER_PAGE},
    },
]
_ID = {'type': 'integer', 'minimum': 1, 'maximum': 2**31 - 1}


def _get(summary: str, ok: dict, *, parameters=(), errors=('404',), pages=False) -> dict:
    responses = {'200': ok, **_NOT_MODIFIED}
    responses.update({code: _ERROR[code] for code in errors})
    operation = {'summary': summary, 'responses': responses}
    params = list(parameters) + (_PAGE_PARAMETERS if pages else [])
    if params:
        operation['parameters'] = params
    return {'get': operation}


_DIGITS = {
    'name': 'digits',
    'in': 'query',
    'description': 'Numerals of the PDF and DOCX (Thai: ๐-๙); accepted by every format.',
    'schema': {'enum': list(DIGITS), 'default': 'arabic'},
}


def _policy_areas() -> dict:
    """The policy areas' codes, as this installation has them."""
    codes = db.session.scalars(select(PolicyArea.code).order_by(PolicyArea.position)).all()
    return {'enum': codes} if codes else {'type': 'string'}


def _path_id(name: str) -> dict:
    return {'name': name, 'in': 'path', 'required': True, 'schema': _ID}


def document() -> dict:
    """The OpenAPI document, with this installation's country code in the example identifiers."""
    country = current_app.config['COUNTRY_CODE']
    return {
        'openapi': '3.1.0',
        'jsonSchemaDialect': 'https://json-schema.org/draft/2020-12/schema',
        'info': {
            'title': 'forum: public read-only API',
            'version': '1',
            'description': (
                'Plans, commitments (OGP template, milestones, revision metadata) and the '
                'members of the Multistakeholder Forum. Texts come in Thai and English; '
                'messages in the language of Accept-Language. Any origin may GET (CORS, no '
                f'credentials). Commitment identifiers look like {country}0001. See docs/api.md.'
            ),
            'license': {'name': 'AGPL-3.0-or-later', 'identifier': 'AGPL-3.0-or-later'},
        },
        'servers': [{'url': '/api/v1'}],
        'paths': {
            '/naps': _get(
                'Plans the visitor may read',
                _json(ref('NapPage'), 'A page of plans.', {**_VALIDATORS, **_LINK}),
                errors=('400',),
                pages=True,
            ),
            '/naps/{nap_id}': _get(
                'A plan and a summary of its commitments',
                _json(ref('NapWithCommitments'), 'The plan.', _VALIDATORS),
                parameters=[_path_id('nap_id')],
            ),
            '/commitments': _get(
                'Commitments the visitor may read',
                _json(ref('CommitmentPage'), 'A page of commitments.', {**_VALIDATORS, **_LINK}),
                parameters=[
                    {'name': 'nap', 'in': 'query', 'schema': _ID},
                    {'name': 'policy_area', 'in': 'query', 'schema': _policy_areas()},
                    {
                        'name': 'state',
                        'in': 'query',
                        'schema': {'enum': [s.value for s in CommitmentState]},
                    },
                ],
                errors=('400',),
                pages=True,
            ),
            '/commitments/{commitment_id}': _get(
                'A commitment in the OGP template',
                _json(ref('Commitment'), 'The commitment.', _VALIDATORS),
                parameters=[_path_id('commitment_id')],
            ),
            '/members': _get(
                'Who sits on the forum today, by sector',
                _json(ref('MemberPage'), 'A page of seats.', {**_VALIDATORS, **_LINK}),
                errors=('400',),
                pages=True,
            ),
            '/consultations': _get(
                'Consultation rounds the visitor may read',
                _json(ref('ConsultationRoundPage'), 'A page of rounds.', {**_VALIDATORS, **_LINK}),
                errors=('400',),
                pages=True,
            ),
            '/consultations/{round_id}/inputs': _get(
                "A round's inputs with their responses, once published",
                _json(ref('ConsultationInputPage'), 'A page of inputs.', {**_VALIDATORS, **_LINK}),
                parameters=[_path_id('round_id')],
                errors=('400', '404'),
                pages=True,
            ),
            '/moderation-log': _get(
                'The public moderation log: every moderator action, newest first',
                _json(ref('ModerationLogPage'), 'A page of actions.', {**_VALIDATORS, **_LINK}),
                parameters=[
                    {
                        'name': 'kind',
                        'in': 'query',
                        'description': 'Only the actions of this kind (400 for another value).',
                        'schema': {'enum': [k.value for k in ActionKind]},
                    }
                ],
                errors=('400',),
                pages=True,
            ),
            '/openapi.json': {
                'get': {
                    'summary': 'This document',
                    'responses': {'200': {'description': 'The OpenAPI document.'}},
                }
            },
            '/consultations/{round_id}/summary.json': {
                'servers': [{'url': '/'}],
                'get': {
                    'summary': "A round's summary: participation, themes, every input and response",
                    'description': 'Also .csv (one row per input), .xlsx (one sheet per table), '
                    '.pdf and .docx (docs/exports.md). Published rounds for anyone; before '
                    'publication the secretariat only. Not under /api/v1.',
                    'parameters': [
                        _path_id('round_id'),
                        {'name': 'lang', 'in': 'query', 'schema': {'enum': ['th', 'en']}},
                        _DIGITS,
                    ],
                    'responses': {
                        '200': _json(ref('ConsultationSummary'), 'The summary.'),
                        **_ERROR,
                    },
                },
            },
            '/naps/{nap_id}/export.json': {
                'servers': [{'url': '/'}],
                'get': {
                    'summary': "A plan as data under OGP's commitment dataset columns",
                    'description': 'Also .csv (the same columns, one row per milestone), .pdf '
                    'and .docx (docs/exports.md). Not under /api/v1.',
                    'parameters': [
                        _path_id('nap_id'),
                        {'name': 'lang', 'in': 'query', 'schema': {'enum': ['th', 'en']}},
                        _DIGITS,
                    ],
                    'responses': {
                        '200': _json(ref('NapExport'), 'The plan.'),
                        **_ERROR,
                    },
                },
            },
        },
        'components': {'schemas': {**SCHEMAS, **_export_schemas(), **_summary_schemas()}},
    }


def _export_schemas() -> dict:
    """The export's schema and its parts, their references aimed at the components."""
    text = json.dumps(NAP_EXPORT)
    for name in ('commitment', 'milestone'):
        text = text.replace(
            f'"#/$defs/{name}"', f'"#/components/schemas/NapExport{name.capitalize()}"'
        )
    schema = json.loads(text)
    parts = schema.pop('$defs')
    schema.pop('$schema')
    return {
        'NapExport': schema,
        'NapExportCommitment': parts['commitment'],
        'NapExportMilestone': parts['milestone'],
    }


def _summary_schemas() -> dict:
    """The consultation summary's schema and its parts, their references aimed at components."""
    text = json.dumps(SUMMARY_SCHEMA)
    names = {'count_row': 'ConsultationSummaryCount', 'input': 'ConsultationSummaryInput'}
    for part, name in names.items():
        text = text.replace(f'"#/$defs/{part}"', f'"#/components/schemas/{name}"')
    schema = json.loads(text)
    parts = schema.pop('$defs')
    schema.pop('$schema')
    return {'ConsultationSummary': schema, **{names[k]: v for k, v in parts.items()}}


@bp.route('/openapi.json')
def openapi():
    """The OpenAPI document of this API."""
    return json_response(document())
