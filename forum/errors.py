"""Error pages in the reader's language, and JSON errors for JSON clients."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InvalidRequestError
from werkzeug.exceptions import HTTPException

from .core.nul_guard import NulInForm
from .core.unconfirmed import is_unconfirmed_commit
from .extensions import db


def _wants_json() -> bool:
    """The API, a ``.json`` address (an export) or a client that asks for JSON."""
    return (
        request.path.startswith('/api/')
        or request.path.endswith('.json')
        or request.accept_mimetypes.best == 'application/json'
    )


def _http_headers(exc: HTTPException) -> list[tuple[str, str]]:
    """What HTTP asks of the error's answer (a 405's ``Allow``), but its content type."""
    return [(name, value) for name, value in exc.get_headers() if name.lower() != 'content-type']


def _json_error(message: str, code: int, exc: HTTPException | None = None):
    """The error as JSON, with what HTTP asks of it and, under ``/api/``, readable from anywhere."""
    response = jsonify({'error': message, 'status': code})
    response.status_code = code
    if exc is not None:
        response.headers.extend(_http_headers(exc))
    response.headers['Vary'] = 'Accept-Language, Cookie'  # the message is in the reader's language
    response.headers['Cache-Control'] = 'no-cache'
    if request.path.startswith('/api/'):
        # As every API answer (api/http.py): a page elsewhere may read why it was refused.
        response.headers['Access-Control-Allow-Origin'] = '*'
    return response


def init_errors(app: Flask) -> None:
    """Render HTTP errors as pages (or JSON); roll back and log anything unexpected."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            400: _('The request could not be understood.'),
            403: _('You do not have permission to see this page.'),
            404: _('This page does not exist.'),
            405: _('This address does not accept this kind of request.'),
            413: _('What you sent is too large.'),
        }
        message = messages.get(exc.code, exc.description)
        if exc.code == 400 and exc.description != type(exc).description:
            message = exc.description  # the reason the code gave (see core.forms.refuse)
        if isinstance(exc, CSRFError):
            message = _('This form has expired or was not sent from this site. Please try again.')
        if _wants_json():
            return _json_error(message, exc.code, exc)
        # A form refused for a NUL shows back what it sent (core/nul_guard.py).
        texts = exc.texts if isinstance(exc, NulInForm) else []
        back = exc.back if isinstance(exc, NulInForm) else None
        page = render_template(
            'errors/error.html', code=exc.code, message=message, texts=texts, back=back
        )
        return page, exc.code, _http_headers(exc)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        try:
            db.session.rollback()
        except InvalidRequestError:
            # The failure came inside commit(), after the transaction committed (the flush to
            # disk): there is nothing to roll back, and the session must be closed instead.
            db.session.close()
        if is_unconfirmed_commit(exc):
            # The commit went through; its flush to disk failed (core/unconfirmed.py).
            app.logger.exception('Committed, but not confirmed on disk: %s', request.path)
            message = _(
                'Your change was saved, but the server could not confirm that it was written to '
                'disk. Reload the page to check that it is there before trying again.'
            )
        else:
            app.logger.exception('Unhandled error on %s', request.path)
            message = _('Something went wrong on our side. Nothing was saved; please try again.')
        if _wants_json():
            return _json_error(message, 500)
        return render_template('errors/error.html', code=500, message=message), 500
