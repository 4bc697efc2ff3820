"""Offline inputs by the secretariat: one at a time, or a CSV or XLSX file, and its template."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...core.form_limits import large_form
from ...core.permissions import can, require
from ...core.transaction import commit, form_status
from ...sectors.services import sector_by_code
from .. import bp
from ..access import get_round
from ..choices import about_choices, optional_provinces, sector_choices
from ..forms import ImportForm, OfflineInputForm
from ..imports import ImportRefused, import_inputs
from ..imports.template import template_csv, template_xlsx
from ..services.inputs import record_offline_input

#: The largest file the secretariat may import, and the request that carries it.
MAX_FILE_BYTES = 5 * 1024 * 1024
_REQUEST_ROOM = 64 * 1024


def _megabytes(size: int) -> str:
    return f'{size / (1024 * 1024):.1f}'.rstrip('0').rstrip('.')


def _import_limit() -> int:
    """Staff may send a file of up to 5 MB (plus the form around it); others, the usual."""
    if can(current_user, 'manage_consultations'):
        return MAX_FILE_BYTES + _REQUEST_ROOM
    return current_app.config['MAX_CONTENT_LENGTH']


@bp.route('/<int:round_id>/inputs/offline', methods=['GET', 'POST'])
@require('manage_consultations')
def offline(round_id):
    """Record one input from a meeting, a letter or elsewhere."""
    round_ = get_round(round_id, manage=True)
    form, done = OfflineInputForm(), None
    form.about.choices = about_choices(round_)
    form.sector.choices = sector_choices()
    form.province.choices = optional_provinces()
    if form.validate_on_submit():
        done = commit(
            lambda: record_offline_input(
                round_, actor=current_user, about=form.about.data, channel=form.channel.data,
                received_on=form.received_on.data, sector=sector_by_code(form.sector.data),
                body=form.body.data, name=form.name.data, organisation=form.organisation.data,
                province=form.province.data or None, publish_name=form.publish_name.data,
                contact=form.contact.data,
            ),
            errors=form.body.errors,
        )  # fmt: skip
        if done.ok:
            flash(_('The input is recorded as %(n)s.', n=done.value.tracking_number))
            return redirect(url_for('consultations.input_page', input_id=done.value.id))
    return render_template('consultations/offline.html', round=round_, form=form), form_status(
        form, done
    )


def _too_large_message(size: int | None) -> str:
    if size:
        return _(
            'The file is too large: at most %(max)s MB may be imported (this upload is %(size)s '
            'MB). Split it into several files.',
            max=_megabytes(MAX_FILE_BYTES), size=_megabytes(size),
        )  # fmt: skip
    return _('The file is too large: at most %(max)s MB may be imported.',
             max=_megabytes(MAX_FILE_BYTES))  # fmt: skip


@bp.route('/<int:round_id>/import', methods=['GET', 'POST'])
@require('manage_consultations')
@large_form(_import_limit)
def import_file(round_id):
    """Import offline inputs from a CSV or XLSX file: all rows, or none and every problem."""
    round_ = get_round(round_id, manage=True)
    form, done, problems = ImportForm(), None, None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            form.file.errors.append(_too_large_message(None))
            return render_template(
                'consultations/import.html', round=round_, form=form, problems=None
            ), 413
        done = commit(
            lambda: import_inputs(
                round_, actor=current_user, filename=upload.filename or '', data=data
            ),
            errors=form.file.errors,
        )
        if done.ok:
            items = done.value
            first, last = items[0].tracking_number, items[-1].tracking_number
            flash(ngettext('%(num)d input is imported (%(first)s).',
                           '%(num)d inputs are imported (%(first)s – %(last)s).', len(items),
                           first=first, last=last))  # fmt: skip
            return redirect(url_for('consultations.manage', round_id=round_.id))
        if isinstance(done.refusal, ImportRefused):
            problems = done.refusal.problems
    return render_template(
        'consultations/import.html', round=round_, form=form, problems=problems
    ), form_status(form, done)


@bp.route('/<int:round_id>/import/template.<any(csv, xlsx):kind>')
@require('manage_consultations')
def import_template(round_id, kind):
    """The file to fill in: a CSV header, or a workbook whose second sheet explains each column."""
    round_ = get_round(round_id, manage=True)
    if kind == 'csv':
        body, mimetype = template_csv(), 'text/csv'  # Flask adds the charset
    else:
        body = template_xlsx(round_)
        mimetype = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers['Content-Disposition'] = (
        f'attachment; filename="{round_.code}-inputs-template.{kind}"'
    )
    return response


@bp.errorhandler(413)
def too_large(exc):
    """A request over its limit: on the import page, say how large a file may be.

    Werkzeug refuses it from its Content-Length, before reading the body.
    """
    message = _('What you sent is too large.')
    staff = can(current_user, 'manage_consultations')
    if request.endpoint == 'consultations.import_file' and staff:
        message = _too_large_message(request.content_length)
        round_ = get_round(request.view_args['round_id'], manage=True)
        form = ImportForm(formdata=None)
        form.file.errors = [message]
        return render_template(
            'consultations/import.html', round=round_, form=form, problems=None
        ), 413
    return render_template('errors/error.html', code=413, message=message), 413
