"""Read-only JSON: the plans and commitments the visitor may read (see docs/api.md)."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import defer

from ..commitments.checklist import check
from ..commitments.models import Commitment, CommitmentRevision, CommitmentState
from ..core.converters import parse_id
from ..core.permissions import can
from ..core.refusals import Refused
from ..extensions import db
from ..naps.models import Nap, PolicyArea
from . import bp, serializers
from .http import bad_request, json_response, paginate, with_links


def _page(items: list, endpoint: str, extra: dict | None = None, *, keep=(), not_before=None,
          **values):  # fmt: skip
    """A page of ``items`` as the answer, or 400 when ``page`` or ``per_page`` is wrong.

    ``keep``: the query's filters, repeated in the neighbours' addresses; ``not_before``: see
    ``json_response``; ``values``: the endpoint's own (its path).
    """
    try:
        data = paginate(items, endpoint=endpoint, keep=keep, **values)
    except Refused as refusal:
        return bad_request(str(refusal.message))
    data.update(extra or {})
    return with_links(json_response(data, not_before=not_before), data)


def _readable(commitments) -> list[Commitment]:
    return [c for c in commitments if can(current_user, 'view_commitment', c)]


@bp.route('/naps')
def naps():
    """The plans the visitor may read, by number."""
    plans = db.session.scalars(select(Nap).order_by(Nap.number)).all()
    items = [serializers.nap(p) for p in plans if can(current_user, 'view_nap', p)]
    return _page(items, 'api.naps')


@bp.route('/naps/<int:nap_id>')
def nap(nap_id: int):
    """One plan with a summary of each commitment the visitor may read."""
    plan = db.session.get(Nap, nap_id)
    if plan is None or not can(current_user, 'view_nap', plan):
        abort(404)
    commitments = _readable(
        db.session.scalars(
            select(Commitment)
            .filter_by(nap_id=plan.id)
            .join(Commitment.policy_area)
            .order_by(PolicyArea.position, Commitment.number)
        ).unique()
    )
    data = serializers.nap(plan)
    data['commitments'] = [serializers.commitment_summary(c, check(c)) for c in commitments]
    return json_response(data)


@bp.route('/commitments')
def commitments():
    """Commitments the visitor may read, filtered by ``nap``, ``policy_area`` and ``state``."""
    args = request.args
    query = select(Commitment).join(Commitment.nap).order_by(Nap.number, Commitment.number)
    filters: dict = {'nap': None, 'policy_area': None, 'state': None}

    if 'nap' in args:
        # An id as forms and sockets give them: ASCII digits, 1 … 2**31 - 1 (core.converters).
        filters['nap'] = parse_id(args['nap'])
        if filters['nap'] is None:
            return bad_request(
                _('"nap" must be the integer id of a plan, not %(value)s.', value=repr(args['nap']))
            )
        query = query.where(Commitment.nap_id == filters['nap'])

    if 'policy_area' in args:
        code = args['policy_area']
        area_id = db.session.scalar(select(PolicyArea.id).filter_by(code=code))
        if area_id is None:
            codes = db.session.scalars(select(PolicyArea.code).order_by(PolicyArea.position))
            return bad_request(
                _('Unknown policy area %(value)s; known codes: %(known)s.',
                  value=repr(code), known=', '.join(codes))
            )  # fmt: skip
        filters['policy_area'] = code
        query = query.where(Commitment.policy_area_id == area_id)

    if 'state' in args:
        state = args['state']
        if state not in {s.value for s in CommitmentState}:
            states = ', '.join(CommitmentState)
            return bad_request(
                _(
                    'Unknown state %(value)s; known states: %(known)s.',
                    value=repr(state),
                    known=states,
                )
            )
        filters['state'] = state
        query = query.where(Commitment.state == state)

    items = [
        serializers.commitment_summary(c, check(c))
        for c in _readable(db.session.scalars(query).unique())
    ]
    return _page(items, 'api.commitments', {'filters': filters}, keep=tuple(filters))


@bp.route('/commitments/<int:commitment_id>')
def commitment(commitment_id: int):
    """One commitment in the OGP template, with its milestones and checklist."""
    item = db.session.get(Commitment, commitment_id)
    if item is None or not can(current_user, 'view_commitment', item):
        abort(404)
    revisions = db.session.scalars(
        select(CommitmentRevision)
        .filter_by(commitment_id=item.id)
        .order_by(CommitmentRevision.number)
        .options(defer(CommitmentRevision.snapshot))  # a snapshot may be a megabyte
    ).all()
    data = serializers.commitment(item, check(item))
    data['revisions'] = [serializers.revision(r) for r in revisions]
    return json_response(data)
