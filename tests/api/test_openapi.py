"""The OpenAPI document: valid, complete, and true of the answers the API really gives."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.api.test_api import world  # noqa: F401 - the fixture
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401
from tests.consultations.conftest import citizen, commitments, join, make_round  # noqa: F401
from tests.exports.rounds import summary_round  # noqa: F401

_URI = 'urn:forum:openapi'


def _validator(doc: dict, pointer: str) -> Draft202012Validator:
    registry = Registry().with_resource(_URI, Resource.from_contents(doc, DRAFT202012))
    return Draft202012Validator(
        {'$ref': f'{_URI}#{pointer}'},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _escape(path: str) -> str:
    return path.replace('~', '~0').replace('/', '~1')


def _check(client, doc: dict, template: str, url: str, status: int = 200):
    """GET ``url`` and validate the answer against the document's ``template`` response."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    pointer = f'/paths/{_escape(template)}/get/responses/{status}/content/application~1json/schema'
    _validator(doc, pointer).validate(response.get_json())
    return response.get_json()


@pytest.fixture
def doc(client):
    """The OpenAPI document as the API serves it."""
    response = client.get('/api/v1/openapi.json')
    assert response.status_code == 200
    return response.get_json()


def test_the_document_is_valid_openapi(doc):
    validate(doc)  # raises on any error
    assert doc['openapi'] == '3.1.0'


def test_every_api_route_is_documented(app, doc):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith('api.') and rule.rule.startswith('/api/v1'):
            routes.add(re.sub(r'<(?:\w+:)?(\w+)>', r'{\1}', rule.rule[len('/api/v1') :]))
    assert routes <= set(doc['paths']), routes - set(doc['paths'])
    assert '/naps/{nap_id}/export.json' in doc['paths']


def test_real_answers_match_the_document(client, auth, doc, world):  # noqa: F811
    naps = _check(client, doc, '/naps', '/api/v1/naps')
    assert naps['total'] == 1
    _check(client, doc, '/naps/{nap_id}', f'/api/v1/naps/{world["public"]}')
    listed = _check(client, doc, '/commitments', '/api/v1/commitments?per_page=1')
    assert listed['count'] == 1
    assert listed['next'] is not None
    one = _check(
        client, doc, '/commitments/{commitment_id}', f'/api/v1/commitments/{world["complete"]}'
    )
    assert [r['number'] for r in one['revisions']] == [1, 2]
    members = _check(client, doc, '/members', '/api/v1/members')
    assert members['total'] == 1  # the drafter's seat
    _check(client, doc, '/commitments', '/api/v1/commitments?state=approved', 400)
    _check(client, doc, '/naps/{nap_id}', '/api/v1/naps/999', 404)
    _check(client, doc, '/naps', '/api/v1/naps?page=0', 400)
    # The plan's JSON export is described by the same document.
    _check(client, doc, '/naps/{nap_id}/export.json', f'/naps/{world["public"]}/export.json')
    # The secretariat sees more, in the same shapes.
    auth.login('sec@example.org')
    _check(client, doc, '/naps', '/api/v1/naps')
    _check(client, doc, '/commitments/{commitment_id}', f'/api/v1/commitments/{world["hidden"]}')


def test_consultation_answers_match_the_document(client, doc, summary_round, make_round):  # noqa: F811
    open_round = make_round('open')
    rounds = _check(client, doc, '/consultations', '/api/v1/consultations?per_page=1')
    assert (rounds['count'], rounds['total'], rounds['pages']) == (1, 2, 2)
    assert rounds['next'] is not None
    assert rounds['items'][0]['code'] == 'C1'
    template = '/consultations/{round_id}/inputs'
    inputs = _check(client, doc, template, f'/api/v1/consultations/{summary_round}/inputs')
    assert (inputs['published'], inputs['total']) == (True, 5)
    page = _check(
        client, doc, template, f'/api/v1/consultations/{summary_round}/inputs?per_page=2&page=3'
    )
    assert [i['tracking_number'] for i in page['items']] == ['C1-000005']
    assert page['previous'] is not None
    assert page['next'] is None
    before = _check(client, doc, template, f'/api/v1/consultations/{open_round}/inputs')
    assert (before['published'], before['items']) == (False, [])
    _check(client, doc, template, '/api/v1/consultations/999999/inputs', 404)
    _check(client, doc, template, f'/api/v1/consultations/{summary_round}/inputs?page=0', 400)
    summary = f'/consultations/{summary_round}/summary.json'
    _check(client, doc, '/consultations/{round_id}/summary.json', summary)
