"""Plan pages: list, create, one plan's commitments by policy area, state changes."""

from itertools import groupby

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..commitments.checklist import check
from ..commitments.models import Commitment
from ..core.permissions import can, require
from ..core.states import StateError
from ..extensions import db
from . import bp
from .access import get_nap
from .activity import commitment_activity
from .forms import NapForm
from .models import Nap, PolicyArea
from .services import create_nap, move_nap


@bp.route('')
def index():
    """The plans this visitor may read."""
    naps = db.session.scalars(select(Nap).order_by(Nap.number.desc())).all()
    visible = [n for n in naps if can(current_user, 'view_nap', n)]
    return render_template('naps/index.html', naps=visible)


@bp.route('/new', methods=['GET', 'POST'])
@require('manage_naps')
def create():
    """Create a plan (secretariat)."""
    form = NapForm()
    if form.validate_on_submit():
        if db.session.scalar(select(Nap.id).filter_by(number=form.number.data)):
            form.number.errors.append(_('A plan with this number exists already.'))
        else:
            try:
                nap = create_nap(
                    actor=current_user,
                    number=form.number.data,
                    title_th=form.title_th.data,
                    title_en=form.title_en.data,
                    start_year=form.start_year.data,
                    length_years=int(form.length_years.data),
                    end_month=int(form.end_month.data),
                )
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                form.number.errors.append(_('A plan with this number exists already.'))
            else:
                flash(_('The plan is created.'))
                return redirect(url_for('naps.show', nap_id=nap.id))
    status = 400 if form.is_submitted() else 200
    return render_template('naps/create.html', form=form), status


@bp.route('/<int:nap_id>')
def show(nap_id):
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
    return _render_show(nap, area=area)


def _render_show(nap: Nap, error: str | None = None, status: int = 200, area=None):
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
        'naps/show.html',
        nap=nap,
        groups=groups,
        problems=problems,
        activity=commitment_activity(readable),
        area=area,
        error=error,
    ), status


@bp.route('/<int:nap_id>/state', methods=['POST'])
@require('manage_naps')
def change_state(nap_id):
    """Move the plan to another state; an illegal move is refused with the reason."""
    nap = db.get_or_404(Nap, nap_id)
    try:
        move_nap(nap, request.form.get('state', ''), actor=current_user)
    except (StateError, ValueError) as exc:
        db.session.rollback()
        message = exc.message if isinstance(exc, StateError) else _('Unknown state.')
        return _render_show(nap, error=str(message), status=409)
    db.session.commit()
    flash(_('The plan is now "%(state)s".', state=nap.state_label))
    return redirect(url_for('naps.show', nap_id=nap.id))
