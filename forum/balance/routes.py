"""The public balance panel: the forum, one plan, one commitment; the commitment's fragment."""

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from ..commitments.access import get_commitment
from ..core.converters import parse_id
from ..core.permissions import can, deny
from ..extensions import db
from ..naps.access import get_nap
from ..naps.models import Nap, NapState
from . import bp
from .panel import balance_charts


def _public_naps() -> list[Nap]:
    return [
        n
        for n in db.session.scalars(
            select(Nap).where(Nap.state != NapState.planning).order_by(Nap.number.desc())
        )
        if can(current_user, 'view_nap', n)
    ]


@bp.route('')
def index():
    """The forum's balance; ``?nap=ID`` shows one plan's (as /balance/naps/ID)."""
    if 'nap' in request.args:
        nap_id = parse_id(request.args.get('nap'))
        if nap_id is None:
            abort(404)
        return plan(nap_id)
    return render_template(
        'balance/index.html', charts=balance_charts(), naps=_public_naps(), nap=None
    )


@bp.route('/naps/<int:nap_id>')
def plan(nap_id):
    """One plan's balance: its commitments' comments, its rounds' inputs, its decisions."""
    nap = get_nap(nap_id)
    return render_template(
        'balance/index.html', charts=balance_charts(nap=nap), naps=_public_naps(), nap=nap
    )


@bp.route('/commitments/<int:commitment_id>')
def commitment(commitment_id):
    """One commitment's balance."""
    item = get_commitment(commitment_id)
    return render_template(
        'balance/commitment.html', charts=balance_charts(commitment=item), commitment=item
    )


@bp.route('/commitments/<int:commitment_id>/panel')
def commitment_panel(commitment_id):
    """The commitment's panel alone, for moderators' pages to refresh when a comment arrives."""
    item = get_commitment(commitment_id)
    if not can(current_user, 'moderate', item):
        deny()
    return render_template(
        'balance/_panel.html', charts=balance_charts(commitment=item), panel_id='live'
    )
