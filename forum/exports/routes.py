"""Download routes, and the page that follows a slow export (see docs/exports.md).

``GET /naps/<id>/export.<fmt>?lang=th|en&digits=arabic|thai``: CSV and JSON are written at once
(off the hub); PDF and DOCX run as a job. When the job finishes within ``EXPORT_WAIT`` seconds
(2) the file is the answer; otherwise a browser is sent to the job's page, which shows the
progress (a script asks ``/exports/<key>.json``; without JavaScript the page reloads itself)
and then the file. A client that does not ask for HTML (curl) simply waits for the file.
"""

from __future__ import annotations

import io

from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..core.bilingual import current_language
from ..core.offload import off_hub
from ..core.refusals import Refused
from . import bp, registry
from .jobs import job_store, valid_key

#: Seconds a curl-like client waits for a slow export before the answer is 503.
EXPORT_TIMEOUT = 900


def _attachment(data_or_path, media_type: str, filename: str):
    body = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    response = send_file(body, mimetype=media_type, as_attachment=True, download_name=filename)
    response.headers['Content-Type'] = media_type  # as given: send_file adds a second charset
    # What the viewer may read, not necessarily what everyone may: never in a shared cache.
    response.headers['Cache-Control'] = 'private, no-cache'
    return response


def _render_bytes(render, document: dict) -> bytes:
    out = io.BytesIO()
    render(document, out, None)
    return out.getvalue()


def _wants_html() -> bool:
    return any(mime == 'text/html' for mime, _quality in request.accept_mimetypes)


def export(kind_name: str, subject_id: int, fmt: str):
    """Answer an export request: the file, or (for a browser, when slow) the job's page."""
    try:
        exporter = registry.exporter(kind_name, fmt)
        options = registry.options(
            request.args.get('lang'), request.args.get('digits'), default_lang=current_language()
        )
    except Refused as refusal:
        abort(400, description=str(refusal.message))
    kind = registry.kind(kind_name)
    subject = kind.load(subject_id, current_user)
    if subject is None:
        abort(404)
    document = registry.build_document(exporter, subject, options, current_user)
    filename = f'{kind.filename(subject, options)}.{fmt}'
    if not exporter.background:
        data = off_hub(_render_bytes, exporter.render, document)
        return _attachment(data, exporter.media_type, filename)

    store = job_store()
    key = store.start(exporter, document, filename=filename, source=request.full_path)
    status = store.wait(key, current_app.config.get('EXPORT_WAIT', 2.0))
    if status is not None and status['state'] in ('queued', 'running'):
        if _wants_html():
            return redirect(url_for('exports.job', key=key), 303)
        status = store.wait(key, EXPORT_TIMEOUT)
    result = store.result(key)
    if result is None:
        if status is not None and status['state'] in ('queued', 'running'):
            abort(503)
        abort(500)
    return _attachment(result, exporter.media_type, filename)


@bp.route('/naps/<int:nap_id>/export.<fmt>')
def nap(nap_id: int, fmt: str):
    """The plan as PDF, DOCX, CSV or JSON (``?lang=th|en``, ``&digits=thai`` for PDF/DOCX)."""
    return export('nap', nap_id, fmt)


@bp.route('/consultations/<int:round_id>/summary.<fmt>')
def consultation(round_id: int, fmt: str):
    """A round's summary as PDF, DOCX, XLSX, CSV or JSON (``?lang=th|en``, ``&digits=thai``)."""
    return export('consultation', round_id, fmt)


def _job_status(key: str) -> dict:
    if not valid_key(key):
        abort(404)
    status = job_store().status(key)
    if status is None:
        abort(404)
    return status


_STAGES = {
    'queued': lambda: _('Waiting to start'),
    'starting': lambda: _('Starting'),
    'layout': lambda: _('Laying out the pages'),
    'contents': lambda: _('Writing the cover and the contents'),
    'joining': lambda: _('Joining and numbering the pages'),
    'done': lambda: _('Ready'),
    'failed': lambda: _('The export failed'),
}


def public_status(key: str, status: dict) -> dict:
    """What the job's page and its script show: state, share done, stage, where the file is."""
    total = status.get('total') or 0
    percent = (
        100 if status['state'] == 'done' else int(100 * status['done'] / total) if total else 0
    )
    stage = _STAGES.get(status['stage'], _STAGES['layout'])()
    return {
        'state': status['state'],
        'percent': percent,
        'stage': stage,
        'filename': status['filename'],
        'size': status.get('size'),
        'download_url': url_for('exports.job_file', key=key) if status['state'] == 'done' else None,
        'retry_url': status.get('source'),
    }


@bp.route('/exports/<key>')
def job(key: str):
    """The progress of a slow export, then a link to its file."""
    info = public_status(key, _job_status(key))
    response = current_app.make_response(render_template('exports/job.html', key=key, job=info))
    response.headers['Cache-Control'] = 'no-store'
    return response


@bp.route('/exports/<key>.json')
def job_json(key: str):
    """The progress of a slow export, for the job page's script."""
    response = current_app.json.response(public_status(key, _job_status(key)))
    response.headers['Cache-Control'] = 'no-store'
    return response


@bp.route('/exports/<key>/file')
def job_file(key: str):
    """The finished file of an export."""
    status = _job_status(key)
    result = job_store().result(key)
    if result is None:
        abort(404)
    return _attachment(result, status['media_type'], status['filename'])
