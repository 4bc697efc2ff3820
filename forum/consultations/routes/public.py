"""Pages everyone may read: the rounds, one round, its published results, the data notice."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...core.converters import parse_id
from ...core.permissions import can
from ...db import utcnow
from ...extensions import db
from ...naps.models import Nap
from .. import bp
from ..access import covered_commitments, get_round
from ..models import ConsultationInput, ConsultationRound, Disposition
from ..notice import NOTICE_VERSION, version_label
from ..results import SECRETARIAT, filter_inputs, round_results
from ..services.participants import current_participant
from ..services.rounds import ROUND_PLAN_STATES

#: Inputs on one page of results.
PAGE_SIZE = 50


@bp.route('')
def index():
    """The rounds the visitor may read, newest first; for the secretariat, where to start one."""
    rounds = db.session.scalars(
        select(ConsultationRound).order_by(ConsultationRound.number.desc())
    ).unique()
    visible = [r for r in rounds if can(current_user, 'view_round', r)]
    plans = []
    if can(current_user, 'manage_consultations'):
        plans = db.session.scalars(
            select(Nap).where(Nap.state.in_(ROUND_PLAN_STATES)).order_by(Nap.number)
        ).all()
    return render_template('consultations/index.html', rounds=visible, plans=plans, now=utcnow())


@bp.route('/<int:round_id>')
def round_page(round_id):
    """A round: what it covers, who may take part and until when, one's own inputs."""
    round_ = get_round(round_id)
    mine = []
    if current_user.is_authenticated:
        mine = db.session.scalars(
            select(ConsultationInput)
            .filter_by(round_id=round_.id, submitter_id=current_user.id)
            .order_by(ConsultationInput.seq)
        ).all()
    return render_template(
        'consultations/round.html',
        round=round_,
        commitments=covered_commitments(round_),
        mine=mine,
        participant=current_participant(current_user),
        now=utcnow(),
    )


def _filters(data: dict) -> dict:
    """The filters asked for in the query string; 400 for a value that names nothing."""
    args, filters = request.args, {}
    codes = {c['code'] for c in data['round']['commitments']} | {'plan'}
    known = {
        'commitment': codes,
        'theme': {str(t['id']) for t in data['themes']},
        'sector': {row['code'] for row in data['participation']['by_sector']} | {SECRETARIAT},
        'disposition': {d.value for d in Disposition},
    }
    for name, values in known.items():
        value = args.get(name, '')
        if not value:
            continue
        if value not in values:
            abort(400, description=_('There is nothing to filter by "%(value)s".', value=value))
        filters[name] = parse_id(value) if name == 'theme' else value
    return filters


@bp.route('/<int:round_id>/results')
def results(round_id):
    """The published results: every input with its response, filters and statistics.

    The secretariat may look before publishing (the page says it is a preview).
    """
    round_ = get_round(round_id)
    if not (can(current_user, 'view_results', round_) or can(current_user, 'manage_consultations')):
        abort(404)
    data = round_results(round_)
    filters = _filters(data)
    shown = filter_inputs(data['inputs'], **filters)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = parse_id(request.args.get('page', '1'))
    if page is None:
        abort(400, description=_('"page" must be a page number from 1 to %(pages)d.', pages=pages))
    if page > pages:
        abort(404)
    return render_template(
        'consultations/results.html',
        round=round_,
        data=data,
        filters=filters,
        shown=shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        matching=len(shown),
        page=page,
        pages=pages,
        dispositions=list(Disposition),
        now=utcnow(),
    )


@bp.route('/notice')
def notice():
    """The personal-data notice participants agree to."""
    return render_template('consultations/notice.html', version=version_label(NOTICE_VERSION))
