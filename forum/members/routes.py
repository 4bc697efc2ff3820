"""The public members page and the secretariat's management pages."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..auth.services import user_by_email
from ..core.converters import parse_id
from ..core.forms import show_refusal
from ..core.i18n import local_today
from ..core.permissions import STAFF, require
from ..core.transaction import commit, form_status
from ..extensions import db
from ..sectors.models import Organisation, Sector
from ..sectors.services import list_sectors, save_organisation, save_sector, sector_by_code
from . import bp
from .composition import COUNTED_ROLES, balance_status
from .forms import MembershipForm, OrganisationForm, SectorForm
from .models import Membership, SeatRole
from .services import (
    add_membership,
    count_by_sector,
    current_memberships,
    remove_membership,
    update_membership,
)

_ROLE_RANK = {role: rank for rank, role in enumerate(SeatRole)}


@bp.route('')
def index():
    """Who sits on the forum today, grouped by sector, with the count per sector."""
    seats = current_memberships(local_today())
    seats.sort(key=lambda m: (m.sector.position, _ROLE_RANK.get(m.seat_role, 99), m.user_id))
    return render_template(
        'members/index.html',
        seats=seats,
        sector_counts=count_by_sector(seats),
        # What the composition rules count: chairs, co-chairs and members.
        counted=dict(
            (s.id, n)
            for s, n in count_by_sector([m for m in seats if m.seat_role in COUNTED_ROLES])
        ),
        status=balance_status(),
    )


@bp.route('/manage')
@require('manage_members')
def manage():
    """Every seat, past and present, for the secretariat."""
    seats = db.session.scalars(
        select(Membership).order_by(Membership.term_start.desc(), Membership.id.desc())
    ).unique()
    return render_template('members/manage.html', seats=list(seats), today=local_today())


def person_choices() -> list[SelectChoice]:
    """Registered people under one heading per sector; staff apart, as the secretariat."""
    staff = _('Secretariat')
    people = db.session.scalars(
        select(User)
        .join(User.sector)
        .where(User.is_active_account.is_(True))
        .order_by(Sector.position, User.display_name, User.id)
    ).unique()
    choices = [SelectChoice('', _('— type the email below —'))]
    staff_choices = []
    for user in people:
        label = f'{user.display_name} — {user.email}'
        if user.role in STAFF:
            staff_choices.append(SelectChoice(str(user.id), label, optgroup=staff))
        else:
            choices.append(SelectChoice(str(user.id), label, optgroup=user.sector.name))
    return choices + staff_choices


def _membership_form(form: MembershipForm) -> dict[str, Sector]:
    form.person.choices = person_choices()
    sectors = {s.code: s for s in list_sectors()}
    form.sector.choices = [SelectChoice(c, s.name) for c, s in sectors.items()]
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name_en)).all()
    form.organisation.choices = [SelectChoice('', _('None'))] + [
        SelectChoice(str(o.id), o.name) for o in organisations
    ]
    return sectors


def _seat_choices(form: MembershipForm, sectors: dict[str, Sector]):
    """The person, sector and organisation a seat form chose; each problem on its own field.

    A typed email wins over the picker (a person not listed, or a change of mind).
    """
    user = None
    if form.email.data and not form.email.errors:
        user = user_by_email(form.email.data)
        if user is None:
            form.email.errors.append(_('No account has this email. Ask the person to register.'))
    elif not form.email.data:
        person_id = parse_id(form.person.data)
        user = db.session.get(User, person_id) if person_id else None
        if user is None:
            form.email.errors.append(_('Choose the person, or type their email.'))
    sector = sectors.get(form.sector.data)
    if sector is None and not form.sector.errors:
        form.sector.errors.append(_('Choose one of the listed sectors.'))
    organisation_id = parse_id(form.organisation.data)
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    if form.organisation.data and organisation is None and not form.organisation.errors:
        form.organisation.errors.append(_('Choose one of the listed organisations.'))
    return user, sector, organisation


@bp.route('/seats/new', methods=['GET', 'POST'])
@bp.route('/seats/<int:membership_id>/edit', methods=['GET', 'POST'])
@require('manage_members')
def edit_seat(membership_id=None):
    """Add a seat, or change one."""
    membership = db.get_or_404(Membership, membership_id) if membership_id else None
    form, done = MembershipForm(obj=membership), None
    sectors = _membership_form(form)
    if membership is not None and not form.is_submitted():
        form.person.data = str(membership.user_id)
        form.sector.data = membership.sector.code
        form.organisation.data = str(membership.organisation_id or '')
    # Every problem of the form at once (a phone's round trips are slow): the fields' own, then
    # the person, sector and organisation chosen, then the rules the save checks.
    if form.is_submitted():
        valid = form.validate()
        user, sector, organisation = _seat_choices(form, sectors)
        if valid and not any(field.errors for field in form):
            fields = dict(
                sector=sector,
                organisation=organisation,
                seat_role=SeatRole(form.seat_role.data),
                term_start=form.term_start.data,
                term_end=form.term_end.data,
            )

            def save():
                if membership is None:
                    return add_membership(user, actor=current_user, **fields)
                return update_membership(membership, actor=current_user, user=user, **fields)

            # Two saves at once for the same person and day: the second is refused on retry.
            done = commit(save, retry_race=True)
            if done.ok:
                flash(_('The seat of %(name)s is saved.', name=user.display_name))
                return redirect(url_for('members.manage'))
            show_refusal(form, done.refusal)
    status = form_status(form, done)
    return render_template('members/edit_seat.html', form=form, membership=membership), status


@bp.route('/seats/<int:membership_id>/delete', methods=['POST'])
@require('manage_members')
def delete_seat(membership_id):
    """Remove a seat entered by mistake."""
    membership = db.get_or_404(Membership, membership_id)
    name = membership.user.display_name
    done = commit(lambda: remove_membership(membership, actor=current_user))
    if done.ok:
        flash(_('The seat of %(name)s is removed.', name=name))
    else:
        flash(done.message, 'error')
    return redirect(url_for('members.manage'))


@bp.route('/sectors')
@require('manage_sectors')
def sectors():
    """The sectors the forum balances."""
    return render_template('members/sectors.html', sectors=list_sectors())


@bp.route('/sectors/new', methods=['GET', 'POST'])
@bp.route('/sectors/<int:sector_id>/edit', methods=['GET', 'POST'])
@require('manage_sectors')
def edit_sector(sector_id=None):
    """Add a sector, or rename one."""
    sector = db.get_or_404(Sector, sector_id) if sector_id else None
    form, done = SectorForm(obj=sector), None
    if form.validate_on_submit():
        other = sector_by_code(form.code.data)
        if other is not None and other is not sector:
            form.code.errors.append(_('Another sector has this code.'))
        else:
            done = commit(
                lambda: save_sector(
                    sector,
                    actor=current_user,
                    code=form.code.data,
                    name_th=form.name_th.data.strip(),
                    name_en=form.name_en.data.strip(),
                    is_government=form.is_government.data,
                ),
                errors=form.is_government.errors,  # a side that breaks the composition rules
            )
            if done.ok:
                flash(_('The sector is saved.'))
                return redirect(url_for('members.sectors'))
    return render_template('members/edit_sector.html', form=form, sector=sector), form_status(
        form, done
    )


@bp.route('/organisations')
@require('manage_organisations')
def organisations():
    """Known organisations by sector."""
    rows = db.session.scalars(
        select(Organisation)
        .join(Organisation.sector)
        .order_by(Sector.position, Organisation.name_en)
    ).all()
    return render_template('members/organisations.html', organisations=rows)


@bp.route('/organisations/new', methods=['GET', 'POST'])
@bp.route('/organisations/<int:organisation_id>/edit', methods=['GET', 'POST'])
@require('manage_organisations')
def edit_organisation(organisation_id=None):
    """Add an organisation, or change one."""
    organisation = db.get_or_404(Organisation, organisation_id) if organisation_id else None
    form = OrganisationForm(obj=organisation)
    sectors = {s.code: s for s in list_sectors()}
    form.sector.choices = [SelectChoice(c, s.name) for c, s in sectors.items()]
    if organisation is not None and not form.is_submitted():
        form.sector.data = organisation.sector.code
    if form.validate_on_submit():
        sector = sectors.get(form.sector.data)
        if sector is None:
            abort(400)
        commit(
            lambda: save_organisation(
                organisation,
                actor=current_user,
                name_th=form.name_th.data.strip(),
                name_en=form.name_en.data.strip(),
                sector=sector,
            )
        )
        flash(_('The organisation is saved.'))
        return redirect(url_for('members.organisations'))
    return render_template(
        'members/edit_organisation.html', form=form, organisation=organisation
    ), form_status(form)
