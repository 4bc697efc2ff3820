"""The secretariat prepares and runs rounds: create, edit, announce, open, close, publish."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from ...comments.models import Comment
from ...commitments.models import Commitment
from ...core.converters import parse_id
from ...core.forms import refuse
from ...core.i18n import local_today
from ...core.permissions import require
from ...core.transaction import commit, form_status
from ...db import utcnow
from ...extensions import db
from ...naps.models import Nap
from .. import bp
from ..access import covered_commitments, get_round
from ..forms import RoundActionForm, RoundForm, ThemeForm
from ..models import (
    RECOMMENDED_DAYS,
    ConsultationInput,
    ConsultationRound,
    ConsultationTheme,
    RoundState,
)
from ..services.responses import round_inputs
from ..services.rounds import (
    announce_round,
    close_round,
    create_round,
    open_round,
    publish_round,
    update_round,
)
from ..services.themes import create_theme
from ..times import from_local, to_local

#: Comments offered for promotion on the manage page (the latest first).
PROMOTABLE = 30


def _round_form(nap: Nap, round_: ConsultationRound | None = None) -> RoundForm:
    form = RoundForm()
    commitments = db.session.scalars(
        select(Commitment).filter_by(nap_id=nap.id).order_by(Commitment.number)
    ).unique()
    form.commitments.choices = [
        SelectChoice(str(c.id), f'{c.code} {c.title}')
        for c in commitments
        if c.state != 'withdrawn'
    ]
    if not form.is_submitted():
        if round_ is None:
            opens = datetime.combine(local_today() + timedelta(days=7), time(9, 0))
            form.announce_on.data = local_today()
            form.opens_at.data = opens
            form.closes_at.data = datetime.combine(opens.date() + timedelta(days=30), time(16, 30))
            form.channels.data = ['online']
        else:
            for name in ('title_th', 'title_en', 'description_th', 'description_en', 'announce_on'):
                getattr(form, name).data = getattr(round_, name)
            form.opens_at.data = to_local(round_.opens_at)
            form.closes_at.data = to_local(round_.closes_at)
            form.channels.data = list(round_.channels)
            form.scope.data = 'all' if round_.covers_all else 'chosen'
            form.commitments.data = [str(c.id) for c in round_.commitments]
    return form


def _fields(form: RoundForm) -> dict:
    return {
        'title_th': form.title_th.data.strip(),
        'title_en': (form.title_en.data or '').strip(),
        'description_th': (form.description_th.data or '').strip(),
        'description_en': (form.description_en.data or '').strip(),
        'announce_on': form.announce_on.data,
        'opens_at': from_local(form.opens_at.data),
        'closes_at': from_local(form.closes_at.data),
        'channels': list(dict.fromkeys(form.channels.data)),
        'covers_all': form.scope.data != 'chosen',
    }


def _chosen(nap: Nap, form: RoundForm) -> list[Commitment]:
    ids = [parse_id(v) for v in form.commitments.data or ()]
    return list(
        db.session.scalars(
            select(Commitment).where(
                Commitment.id.in_([i for i in ids if i]), Commitment.nap_id == nap.id
            )
        ).unique()
    )


def _show_refusal(form, done) -> None:
    """Show a refused round's reason beside its field (the close date…), else by the title."""
    if done.ok:
        return
    field = getattr(form, done.refusal.field or '', None) or form.title_th
    field.errors = [*field.errors, done.message]


@bp.route('/new', methods=['GET', 'POST'])
@require('manage_consultations')
def create():
    """Prepare a round on a plan (``?nap=<id>``)."""
    nap = db.session.get(Nap, parse_id(request.args.get('nap', '')) or 0)
    if nap is None:
        abort(404)
    form, done = _round_form(nap), None
    if form.validate_on_submit():
        done = commit(
            lambda: create_round(
                nap, actor=current_user, fields=_fields(form), commitments=_chosen(nap, form)
            ),
            retry_race=True,  # two rounds numbered at the same moment: the retry takes the next
        )
        _show_refusal(form, done)
        if done.ok:
            flash(
                _('Round %(code)s is prepared: announce it when it is ready.', code=done.value.code)
            )
            return redirect(url_for('consultations.manage', round_id=done.value.id))
    return render_template(
        'consultations/edit_round.html', form=form, nap=nap, round=None
    ), form_status(form, done)


@bp.route('/<int:round_id>/edit', methods=['GET', 'POST'])
@require('manage_consultations')
def edit(round_id):
    """Change a round before it opens."""
    round_ = get_round(round_id, manage=True)
    form, done = _round_form(round_.nap, round_), None
    if form.validate_on_submit():
        done = commit(
            lambda: update_round(
                round_, actor=current_user, fields=_fields(form),
                commitments=_chosen(round_.nap, form),
            ),
        )  # fmt: skip
        _show_refusal(form, done)
        if done.ok:
            flash(_('The round is saved.'))
            return redirect(url_for('consultations.manage', round_id=round_.id))
    return render_template(
        'consultations/edit_round.html', form=form, nap=round_.nap, round=round_
    ), form_status(form, done)


_ACTIONS = {
    'announce': (announce_round, RoundState.announced),
    'open': (open_round, RoundState.open),
    'close': (close_round, RoundState.closed),
    'publish': (publish_round, RoundState.published),
}


@bp.route('/<int:round_id>/<any(announce, open, close, publish):action>', methods=['POST'])
@require('manage_consultations')
def act(round_id, action):
    """Move the round on: announce, open (a reason when short), close, publish."""
    round_ = get_round(round_id, manage=True)
    form = RoundActionForm()
    if not form.validate_on_submit():
        refuse(form)
    service, state = _ACTIONS[action]
    extra = {'reason': form.reason.data} if action == 'open' else {}
    done = commit(lambda: service(round_, actor=current_user, **extra), errors=form.reason.errors)
    if not done.ok:
        return render_manage(get_round(round_id), action_form=form, status=done.status)
    flash(_('Round %(code)s is now "%(state)s".', code=round_.code, state=state.label))
    return redirect(url_for('consultations.manage', round_id=round_.id))


@bp.route('/<int:round_id>/manage')
@require('manage_consultations')
def manage(round_id):
    """The secretariat's view of a round: its state, progress, inputs, themes, comments."""
    return render_manage(get_round(round_id, manage=True))


def _promotable(round_: ConsultationRound) -> list[Comment]:
    if not round_.takes_offline_inputs:
        return []
    ids = [c.id for c in covered_commitments(round_)]
    promoted = select(ConsultationInput.source_comment_id).where(
        ConsultationInput.round_id == round_.id, ConsultationInput.source_comment_id.is_not(None)
    )
    return list(
        db.session.scalars(
            select(Comment)
            .where(
                Comment.commitment_id.in_(ids),
                Comment.created_dt >= (round_.opened_dt or round_.opens_at),
                Comment.is_deleted.is_(False),
                Comment.is_hidden.is_(False),
                Comment.id.not_in(promoted),
            )
            .order_by(Comment.id.desc())
            .limit(PROMOTABLE)
        ).unique()
    )


def render_manage(round_: ConsultationRound, *, status: int = 200, **forms):
    """The manage page; ``forms`` carries a refused form back (``action_form``, ``theme_form``)."""
    items = round_inputs(round_)
    standing = [i for i in items if i.is_active]
    unanswered = [i for i in standing if i.effective_response()[0] is None]
    themes = db.session.scalars(
        select(ConsultationTheme).filter_by(round_id=round_.id).order_by(ConsultationTheme.id)
    ).unique()
    counts = dict(
        db.session.execute(
            select(ConsultationInput.theme_id, func.count())
            .where(ConsultationInput.round_id == round_.id)
            .group_by(ConsultationInput.theme_id)
        ).all()
    )
    now = utcnow()
    return render_template(
        'consultations/manage.html',
        round=round_,
        items=items,
        standing=standing,
        unanswered=unanswered,
        themes=list(themes),
        theme_counts=counts,
        action_form=forms.get('action_form') or RoundActionForm(formdata=None),
        theme_form=forms.get('theme_form') or ThemeForm(formdata=None),
        comments=_promotable(round_),
        # "Opened now": from now, as opening counts it (not from the scheduled opening).
        days=round_.days_open(now) if round_.state == 'announced' else None,
        recommended=RECOMMENDED_DAYS,
        now=now,
    ), status


@bp.route('/<int:round_id>/themes', methods=['POST'])
@require('manage_consultations')
def add_theme(round_id):
    """Add a theme to the round."""
    round_ = get_round(round_id, manage=True)
    form, done = ThemeForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: create_theme(
                round_, actor=current_user, title_th=form.title_th.data, title_en=form.title_en.data
            ),
            errors=form.title_th.errors,
        )
        if done.ok:
            flash(_('The theme is added.'))
            return redirect(url_for('consultations.manage', round_id=round_.id) + '#themes')
    return render_manage(round_, theme_form=form, status=form_status(form, done))
