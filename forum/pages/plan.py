"""The plan page: a NAP's commitments grouped by policy area, with checklist and activity."""

from __future__ import annotations

from itertools import groupby

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..comments.activity import commitment_activity
from ..commitments.checklist import check
from ..commitments.models import Commitment
from ..consultations.notices import plan_notice
from ..consultations.services.rounds import ROUND_PLAN_STATES, move_plan
from ..core.permissions import can, require
from ..core.transaction import commit
from ..extensions import db
from ..naps.access import get_nap
from ..naps.models import Nap, PolicyArea
from . import bp


@bp.route('/naps/<int:nap_id>')
def plan(nap_id):
    """A plan's commitments grouped by policy area, with their checklist status and owners.

    ``?area=<code>`` shows one policy area only (the home page's cards link there).
    """
    nap = get_nap(nap_id)
    area = None
    code = request.args.get('area')
    if code is not None:
        area = db.session.scalar(select(PolicyArea).filter_by(code=code))
        if area is None:
            abort(400, description=_('There is no policy area "%(code)s".', code=code))
    return render_plan(nap, area=area)


def render_plan(nap: Nap, error: str | None = None, status: int = 200, area=None):
    """The plan page (``error`` says why an action on it was refused)."""
    query = (
        select(Commitment)
        .filter_by(nap_id=nap.id)
        .join(Commitment.policy_area)
        .order_by(PolicyArea.position, Commitment.number)
    )
    if area is not None:
        query = query.filter(Commitment.policy_area_id == area.id)
    commitments = db.session.scalars(query).unique().all()
    readable = [c for c in commitments if can(current_user, 'view_commitment', c)]
    groups = [(area, list(items)) for area, items in groupby(readable, key=lambda c: c.policy_area)]
    problems = {c.id: check(c) for c in readable}
    return render_template(
        'pages/plan.html',
        nap=nap,
        groups=groups,
        problems=problems,
        activity=commitment_activity(readable),
        area=area,
        error=error,
        consultation=plan_notice(nap),
        may_prepare_round=nap.state in ROUND_PLAN_STATES
        and can(current_user, 'manage_consultations'),
    ), status


@bp.route('/naps/<int:nap_id>/state', methods=['POST'])
@require('manage_naps')
def plan_state(nap_id):
    """Move the plan to another state; an illegal move is refused with the reason.

    A plan does not leave consultation while one of its rounds takes inputs.
    """
    nap = db.get_or_404(Nap, nap_id)
    done = commit(lambda: move_plan(nap, request.form.get('state', ''), actor=current_user))
    if not done.ok:
        return render_plan(nap, error=done.message, status=done.status)
    flash(_('The plan is now "%(state)s".', state=nap.state_label))
    return redirect(url_for('pages.plan', nap_id=nap.id))
