"""Moderation pages: flag, hide and restore, appeal, the queue, blocks, the floor, moderators.

Every route loads or 404s, authorises with ``core.permissions`` (403), validates its form and
commits once through ``core.transaction.commit``; the services refuse what the rules refuse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..auth.models import User
from ..comments.discussion import back_to
from ..comments.models import Comment, ModerationReason
from ..commitments.access import get_commitment
from ..commitments.models import Commitment
from ..core.i18n import local_day_start
from ..core.permissions import can, deny, is_moderator, require
from ..core.transaction import commit, form_status
from ..extensions import db
from . import bp
from .access import active_block, floor_of, floor_state
from .forms import (
    AppealForm,
    BlockForm,
    DecideAppealForm,
    FlagForm,
    FloorForm,
    HideForm,
    ModeratorForm,
    RestoreForm,
)
from .log import page_of_actions
from .models import Appeal, AppealState, Flag, Moderator
from .services import (
    appeal,
    block,
    decide_appeal,
    designate_moderator,
    flag_comment,
    hide,
    latest_hiding,
    remove_moderator,
    restore,
    sector_label,
    set_floor,
)


@bp.context_processor
def _helpers() -> dict:
    return {
        'commitment_of': lambda c: db.session.get(Commitment, c.commitment_id),
        'reason_label': ModerationReason.label_of,
    }


def _get_comment(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    get_commitment(comment.commitment_id)  # 404 when the commitment is not readable
    return comment


def _moderator_only() -> None:
    if not is_moderator(current_user):
        deny()


@bp.route('/moderation')
def log():
    """The public moderation log: every action, no personal data."""
    page = page_of_actions(request.args)
    return render_template('moderation/log.html', page=page, sector_label=sector_label)


@bp.route('/moderation/queue')
def queue():
    """Flagged comments not dealt with yet, and appeals waiting for a decision (moderators)."""
    _moderator_only()
    counts = db.session.execute(
        select(Flag.comment_id, Flag.reason, func.count())
        .where(Flag.handled_dt.is_(None))
        .group_by(Flag.comment_id, Flag.reason)
    ).all()
    flagged: dict[int, dict] = {}
    for comment_id, reason, n in counts:
        flagged.setdefault(comment_id, {})[reason] = n
    comments = {
        c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(flagged))).unique()
    }
    items = sorted(
        ((comments[i], reasons) for i, reasons in flagged.items() if i in comments),
        key=lambda item: (-sum(item[1].values()), item[0].id),
    )
    appeals = db.session.scalars(
        select(Appeal).where(Appeal.state == AppealState.pending).order_by(Appeal.id)
    ).all()
    return render_template(
        'moderation/queue.html', items=items, appeals=appeals, sector_label=sector_label
    )


@bp.route('/comments/<int:comment_id>/flag', methods=['GET', 'POST'])
def flag(comment_id):
    """Flag a comment for the moderators (anyone logged in, once)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'flag_comment', comment):
        deny()
    form, done = FlagForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: flag_comment(comment, actor=current_user, reason=form.reason.data),
            retry_race=True,  # the same flag sent twice at once: the retry finds the first
            errors=form.reason.errors,
        )
        if done.ok:
            flash(_('Thank you: the moderators will look at this comment.'))
            return back_to(comment)
    return render_template('moderation/flag.html', form=form, comment=comment), form_status(
        form, done
    )


@bp.route('/comments/<int:comment_id>/hide', methods=['GET', 'POST'])
def hide_form(comment_id):
    """The comment, its author and commitment; hide it with a reason, or restore it (moderators)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'moderate', comment):
        deny()
    form, done = HideForm(), None
    if not comment.is_hidden and form.validate_on_submit():
        done = commit(
            lambda: hide(comment, actor=current_user, reason=form.reason.data, note=form.note.data),
            errors=form.note.errors,
        )
        if done.ok:
            flash(_('The comment is hidden.'))
            return back_to(comment)
    status = form_status(form, done)
    if comment.is_hidden and form.is_submitted():
        status = 409
        form.note.errors = [_('This comment is already hidden.')]
    return _moderate_page(comment, form, RestoreForm(formdata=None), status)


def _moderate_page(comment, hide_form, restore_form, status):
    flags = db.session.scalars(
        select(Flag).where(Flag.comment_id == comment.id).order_by(Flag.id)
    ).all()
    hiding = latest_hiding(comment) if comment.is_hidden else None
    appeals = db.session.scalars(
        select(Appeal).where(Appeal.comment_id == comment.id).order_by(Appeal.id)
    ).all()
    return render_template(
        'moderation/comment.html',
        comment=comment,
        commitment=get_commitment(comment.commitment_id),
        form=hide_form,
        restore_form=restore_form,
        flags=flags,
        hiding=hiding,
        appeals=appeals,
        sector_label=sector_label,
        block=active_block(comment.author),
    ), status


@bp.route('/comments/<int:comment_id>/restore', methods=['POST'])
def restore_route(comment_id):
    """Show a hidden comment again (moderators)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'moderate', comment):
        deny()
    form = RestoreForm()
    done = None
    if form.validate_on_submit():
        done = commit(
            lambda: restore(comment, actor=current_user, note=form.note.data),
            errors=form.note.errors,
        )
        if done.ok:
            flash(_('The comment is shown again.'))
            return back_to(comment)
    return _moderate_page(comment, HideForm(formdata=None), form, form_status(form, done))


@bp.route('/comments/<int:comment_id>/appeal', methods=['GET', 'POST'])
def appeal_form(comment_id):
    """The author appeals the hiding of their comment (once)."""
    comment = _get_comment(comment_id)
    if not can(current_user, 'appeal_hide', comment):
        deny()
    form, done = AppealForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: appeal(comment, actor=current_user, text=form.text.data),
            retry_race=True,  # the same appeal sent twice at once: the retry finds the first
            errors=form.text.errors,
        )
        if done.ok:
            flash(_('Your appeal is sent: a moderator of another sector will decide it.'))
            return back_to(comment)
    hiding = latest_hiding(comment)
    earlier = (
        db.session.scalar(select(Appeal).where(Appeal.action_id == hiding.id))
        if hiding is not None
        else None
    )
    return render_template(
        'moderation/appeal.html', form=form, comment=comment, hiding=hiding, earlier=earlier,
        sector_label=sector_label,
    ), form_status(form, done)  # fmt: skip


@bp.route('/moderation/appeals/<int:appeal_id>', methods=['GET', 'POST'])
def decide(appeal_id):
    """Decide an appeal (a moderator of another sector than the one who hid the comment)."""
    item = db.get_or_404(Appeal, appeal_id)
    comment = _get_comment(item.comment_id)
    if not can(current_user, 'moderate', comment):
        deny()
    form, done = DecideAppealForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: decide_appeal(
                item, actor=current_user, grant=form.decision.data == 'grant',
                note=form.note.data,
            ),
            errors=form.note.errors,
        )  # fmt: skip
        if done.ok:
            flash(_('The appeal is decided.'))
            return redirect(url_for('moderation.queue'))
    return render_template(
        'moderation/decide.html', form=form, item=item, comment=comment,
        sector_label=sector_label,
    ), form_status(form, done)  # fmt: skip


#: The dates a form may name: far enough for any block or audit filter, near enough that the day
#: after, in the forum's time zone, is still a datetime in UTC (9999-12-31 + 1 day overflows).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9000, 12, 31)


def _end_of(day, days: int = 1) -> datetime:
    """The end of ``day`` in the forum's time zone, as UTC (its start with ``days=0``).

    A day outside FIRST_DAY … LAST_DAY is taken as that bound (a block that long is refused
    anyway; an audit filter from year 1 means "from the beginning").
    """
    day = min(max(day, FIRST_DAY), LAST_DAY)
    return local_day_start(day + timedelta(days=days)).astimezone(UTC)


@bp.route('/moderation/people/<int:user_id>/block', methods=['GET', 'POST'])
def block_form(user_id):
    """Block a person from commenting until a date, with a justification (moderators)."""
    person = db.get_or_404(User, user_id)
    if not can(current_user, 'block_commenter', person):
        deny()
    form, done = BlockForm(), None
    if form.validate_on_submit():
        done = commit(
            lambda: block(
                person, actor=current_user, justification=form.justification.data,
                ends_dt=_end_of(form.ends_on.data),
            ),
            errors=form.ends_on.errors,
        )  # fmt: skip
        if done.ok:
            flash(_('%(name)s cannot comment until the end of the date given.',
                    name=person.display_name))  # fmt: skip
            return redirect(url_for('moderation.queue'))
    return render_template(
        'moderation/block.html', form=form, person=person, block=active_block(person)
    ), form_status(form, done)


@bp.route('/moderation/commitments/<int:commitment_id>/floor', methods=['GET', 'POST'])
def floor(commitment_id):
    """Switch a commitment's balanced floor on or off (moderators)."""
    commitment = get_commitment(commitment_id)
    if not can(current_user, 'moderate', commitment):
        deny()
    current = floor_of(commitment.id)
    form, done = FloorForm(obj=current), None
    if form.validate_on_submit():
        done = commit(
            lambda: set_floor(
                commitment, actor=current_user, is_on=form.is_on.data,
                share_percent=form.share_percent.data, last_n=form.last_n.data,
                wait_minutes=form.wait_minutes.data,
            ),
            errors=form.share_percent.errors,
        )  # fmt: skip
        if done.ok:
            flash(_('The balanced floor is saved.'))
            return redirect(url_for('moderation.floor', commitment_id=commitment.id))
    state = floor_state(current) if current is not None else None
    return render_template(
        'moderation/floor.html', form=form, commitment=commitment, current=current, state=state,
        sector_label=sector_label,
    ), form_status(form, done)  # fmt: skip


@bp.route('/moderation/moderators', methods=['GET', 'POST'])
@require('manage_moderators')
def moderators():
    """Who moderates: the staff, and the people the secretariat designated."""
    form, done = ModeratorForm(), None
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        person = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if person is None:
            form.email.errors.append(_('No account has this e-mail address.'))
        else:
            done = commit(
                lambda: designate_moderator(person, actor=current_user),
                errors=form.email.errors,
            )
            if done.ok:
                flash(_('%(name)s is now a moderator.', name=person.display_name))
                return redirect(url_for('moderation.moderators'))
    designated = db.session.scalars(select(Moderator).order_by(Moderator.created_dt)).all()
    staff = db.session.scalars(
        select(User).where(User.role.in_(('admin', 'secretariat'))).order_by(User.display_name)
    ).all()
    return render_template(
        'moderation/moderators.html', form=form, designated=designated, staff=staff
    ), form_status(form, done)


@bp.route('/moderation/moderators/<int:user_id>/remove', methods=['POST'])
@require('manage_moderators')
def remove(user_id):
    """End a designation."""
    person = db.get_or_404(User, user_id)
    form = RestoreForm()  # a CSRF-checked button form
    if not form.validate_on_submit():
        abort(400)
    done = commit(lambda: remove_moderator(person, actor=current_user))
    flash(done.message if not done.ok else _('%(name)s no longer moderates.',
                                             name=person.display_name),
          'error' if not done.ok else 'message')  # fmt: skip
    return redirect(url_for('moderation.moderators'))
