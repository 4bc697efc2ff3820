"""A NUL character in a query or form value is refused with a 400 before any view sees it.

No text here may hold one (PostgreSQL refuses it in a query or a column outright, which would be
a 500), and no form or link of the forum sends one. Socket.IO events check their own payloads.
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import gettext as _


def _refuse_nul() -> None:
    values = [*request.args.items(multi=True)]
    if request.method in ('POST', 'PUT', 'PATCH') and request.mimetype in (
        'application/x-www-form-urlencoded',
        'multipart/form-data',
    ):
        values += request.form.items(multi=True)
    if any('\x00' in key or '\x00' in value for key, value in values):
        abort(400, description=_('This request contains a NUL character, which no text may hold.'))


def init_app(app: Flask) -> None:
    """Refuse a NUL before every other ``before_request`` function but the form limits."""
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_nul)
