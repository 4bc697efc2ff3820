"""The secretariat's composition rules page, and the justification of an imbalance."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.permissions import require
from ..core.transaction import commit, form_status
from ..sectors.services import list_sectors
from . import bp
from .composition import Quota, Rules, balance_status, current_rules, save_justification, save_rules
from .forms import JustificationForm, composition_form


@bp.route('/composition', methods=['GET', 'POST'])
@require('manage_composition')
def composition():
    """Set the composition rules: parity, co-chairs, seats per sector, a total."""
    sectors = list_sectors()
    row = current_rules()
    form = composition_form(sectors)()
    if not form.is_submitted():
        form.parity.data = row.parity if row else True
        form.co_chairs_both_sides.data = row.co_chairs_both_sides if row else True
        form.max_seats_total.data = row.max_seats_total if row else None
        for quota in row.quotas if row else ():
            form[f'min_{quota.sector_id}'].data = quota.min_seats or None
            form[f'max_{quota.sector_id}'].data = quota.max_seats
    done = None
    if form.validate_on_submit():
        rules = Rules(
            parity=form.parity.data,
            co_chairs_both_sides=form.co_chairs_both_sides.data,
            max_seats_total=form.max_seats_total.data,
            quotas=tuple(
                Quota(s, form[f'min_{s.id}'].data or 0, form[f'max_{s.id}'].data) for s in sectors
            ),
        )
        done = commit(lambda: save_rules(rules, actor=current_user), errors=form.form_errors)
        if done.ok:
            flash(_('The composition rules are saved.'))
            return redirect(url_for('members.composition'))
    justification = JustificationForm(justification=row.justification if row else '')
    return render_template(
        'members/composition.html',
        form=form,
        sectors=sectors,
        status=balance_status(),
        justification_form=justification,
    ), form_status(form, done)


@bp.route('/composition/justification', methods=['POST'])
@require('manage_composition')
def justify():
    """Record why the forum is out of balance (shown on the public members page)."""
    form = JustificationForm()
    if form.validate_on_submit():
        done = commit(lambda: save_justification(form.justification.data or '', actor=current_user))
        if done.ok:
            flash(_('The justification is saved.'))
        else:
            flash(done.message, 'error')
        return redirect(url_for('members.composition'))
    errors = [str(e) for f in form for e in f.errors]
    flash(errors[0] if errors else _('Check the form.'), 'error')
    return redirect(url_for('members.composition')), 303
