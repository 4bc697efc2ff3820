"""Plan pages: the list, and creating a plan (one plan's page is forum/pages/plan.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.permissions import can, require
from ..core.transaction import commit, form_status
from ..extensions import db
from . import bp
from .forms import NapForm
from .models import Nap
from .services import create_nap


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
    form, done = NapForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: create_nap(
                actor=current_user,
                number=form.number.data,
                title_th=form.title_th.data,
                title_en=form.title_en.data,
                start_year=form.start_year.data,
                length_years=int(form.length_years.data),
                end_month=int(form.end_month.data),
            ),
            retry_race=True,  # the same number taken at the same moment: refused the second time
            errors=form.number.errors,
        )
        if done.ok:
            flash(_('The plan is created.'))
            return redirect(url_for('pages.plan', nap_id=done.value.id))
    return render_template('naps/create.html', form=form), form_status(form, done)
