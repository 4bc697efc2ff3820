"""Read-only JSON of consultation rounds and their published inputs (see docs/api.md)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..consultations.models import ConsultationRound, RoundState
from ..consultations.results import round_results, round_summary
from ..core.permissions import can
from ..core.urls import external_url
from ..extensions import db
from . import bp
from .routes import _page


def _iso(value):
    return value.isoformat() if value is not None else None


def _round(round_: ConsultationRound) -> dict:
    data = round_summary(round_)
    return {
        'id': data['id'],
        'code': data['code'],
        'number': data['number'],
        'nap_id': data['nap']['id'],
        'title': data['title'],
        'description': data['description'],
        'state': data['state'],
        'announce_on': _iso(data['announce_on']),
        'opens_at': _iso(data['opens_at']),
        'closes_at': _iso(data['closes_at']),
        'opened_at': _iso(data['opened_at']),
        'closed_at': _iso(data['closed_at']),
        'published_at': _iso(data['published_at']),
        'channels': data['channels'],
        'commitments': [c['code'] for c in data['commitments']],
        'url': external_url('api.consultation_inputs', round_id=round_.id),
        'html_url': external_url('consultations.round_page', round_id=round_.id),
        'results_url': (
            external_url('consultations.results', round_id=round_.id)
            if round_.state == RoundState.published
            else None
        ),
    }


def _response(response: dict | None) -> dict | None:
    if response is None:
        return None
    return {
        'disposition': response['disposition'],
        'reason': response['reason'],
        'revision': [
            {
                'commitment': r['commitment'],
                'number': r['number'],
                'html_url': external_url('commitments.history', commitment_id=r['commitment_id']),
            }
            for r in response['revisions']
        ],
        'decided_at': _iso(response['decided_at']),
    }


def _input(item: dict) -> dict:
    return {
        'tracking_number': item['tracking_number'],
        'status': item['status'],
        'received_on': _iso(item['received_on']),
        'commitment': item['commitment']['code'] if item['commitment'] else None,
        'part': item['part']['code'] if item['part'] else None,
        'theme': {'id': item['theme']['id'], 'title': item['theme']['title']}
        if item['theme']
        else None,
        'sector': item['counted_as'],
        'channel': item['channel'],
        'province': item['province']['code'] if item['province'] else None,
        'submitter': item['submitter'],
        'organisation': item['organisation'],
        'text': item['text'],
        'hidden_reason': item['hidden_reason'],
        'duplicate_of': item['duplicate_of'],
        'response': _response(item['response']),
    }


@bp.route('/consultations')
def consultations():
    """The consultation rounds the visitor may read, by number."""
    rounds = db.session.scalars(
        select(ConsultationRound).order_by(ConsultationRound.number)
    ).unique()
    items = [_round(r) for r in rounds if can(current_user, 'view_round', r)]
    return _page(items, 'api.consultations')


@bp.route('/consultations/<int:round_id>/inputs')
def consultation_inputs(round_id: int):
    """A round's inputs with their responses, once published (an empty list before), by page."""
    round_ = db.session.get(ConsultationRound, round_id)
    if round_ is None or not can(current_user, 'view_round', round_):
        abort(404)
    published = round_.state == RoundState.published
    items = [_input(i) for i in round_results(round_)['inputs']] if published else []
    return _page(
        items,
        'api.consultation_inputs',
        {'round': _round(round_), 'published': published},
        round_id=round_.id,
    )
