"""The secretariat confirms whom people speak for: the accounts and their affiliations."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..core.converters import parse_id
from ..core.forms import refuse
from ..core.permissions import require
from ..core.transaction import commit
from ..extensions import db
from ..sectors.models import Organisation
from ..sectors.services import find_organisation
from . import bp
from .affiliation import revoke_affiliation, verify_affiliation
from .forms import AffiliationForm
from .seats import seated_user_ids


def _organisation_choices() -> list[SelectChoice]:
    rows = db.session.scalars(select(Organisation).order_by(Organisation.name_en)).all()
    return [SelectChoice('', _('As typed by the person'))] + [
        SelectChoice(str(o.id), o.name) for o in rows
    ]


@bp.route('/people')
@require('manage_members')
def people():
    """Every account with its organisation; unverified affiliations first."""
    users = db.session.scalars(
        select(User).order_by(User.affiliation_verified_dt.is_not(None), User.display_name)
    ).all()
    choices = _organisation_choices()
    forms = {}
    for user in users:
        form = AffiliationForm(prefix=f'u{user.id}')
        form.organisation.choices = choices
        suggestion = user.organisation or find_organisation(user.organisation_name or '')
        form.organisation.data = str(suggestion.id) if suggestion else ''
        forms[user.id] = form
    return render_template(
        'members/people.html', users=users, forms=forms, seated=seated_user_ids()
    )


@bp.route('/people/<int:user_id>/affiliation', methods=['POST'])
@require('manage_members')
def affiliation(user_id):
    """Confirm a person's organisation (linking a known one), or mark it unverified again."""
    user = db.get_or_404(User, user_id)
    if request.form.get('action') == 'revoke':
        commit(lambda: revoke_affiliation(user, actor=current_user))
        flash(_('The organisation of %(name)s is marked unverified.', name=user.display_name))
        return redirect(url_for('members.people'))
    form = AffiliationForm(prefix=f'u{user.id}')
    form.organisation.choices = _organisation_choices()
    if not form.validate_on_submit():
        refuse(form)
    organisation_id = parse_id(form.organisation.data)
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None and not user.organisation_label:
        abort(400, description=_('Choose the organisation this person speaks for.'))
    commit(lambda: verify_affiliation(user, actor=current_user, organisation=organisation))
    flash(
        _(
            '%(name)s is confirmed as speaking for %(organisation)s.',
            name=user.display_name,
            organisation=user.organisation_label,
        )
    )
    return redirect(url_for('members.people'))
