"""A NUL character in a query or form value is refused with a 400 before any view sees it.

No text here may hold one (PostgreSQL refuses it in a query or a column outright, which would be
a 500), and no form or link of the forum sends one. Socket.IO events check their own payloads.
A browser's form is refused with the texts it sent shown back (the error page,
``errors/error.html``), so that a text pasted with a NUL in it is not lost with the form.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from .urls import safe_next

#: What a NUL is shown as in the texts given back.
REPLACEMENT = '\ufffd'
#: Values given back: those with a NUL, and others at least this long (a person's text, not a
#: version number or a choice).
TEXT_LENGTH = 20
#: At most this many values given back.
MOST_TEXTS = 20


class NulInForm(BadRequest):
    """A browser's form held a NUL: ``texts`` are what it sent, to show back.

    ``texts`` are (field name, text) pairs; ``back`` the page the form was on, when it was a
    page of this site (its ``Referer``), else None.
    """

    def __init__(self, description: str, texts: list[tuple[str, str]], back: str | None):
        super().__init__(description=description)
        self.texts = texts
        self.back = back


def _texts(values: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts a person wrote among a form's values, each NUL shown as U+FFFD."""
    texts = [
        (key.replace('\x00', REPLACEMENT), value.replace('\x00', REPLACEMENT))
        for key, value in values
        if key != 'csrf_token'
        and 'password' not in key
        and ('\x00' in value or len(value.strip()) >= TEXT_LENGTH)
    ]
    return texts[:MOST_TEXTS]


def _back() -> str | None:
    """The page of this site the form was sent from, to go back to; None when unknown."""
    referrer = urlsplit(request.referrer or '')
    if referrer.netloc != request.host:
        return None
    target = referrer.path + (f'?{referrer.query}' if referrer.query else '')
    back = safe_next(target)
    return back if back == target else None


def _refuse_nul() -> None:
    values = [*request.args.items(multi=True)]
    form = []
    if request.method in ('POST', 'PUT', 'PATCH') and request.mimetype in (
        'application/x-www-form-urlencoded',
        'multipart/form-data',
    ):
        form = [*request.form.items(multi=True)]
    if not any('\x00' in key or '\x00' in value for key, value in [*values, *form]):
        return
    message = _('This request contains a NUL character, which no text may hold.')
    texts = _texts(form) if not request.path.startswith('/api/') else []
    if texts:
        raise NulInForm(message, texts, _back())
    raise BadRequest(description=message)


def init_app(app: Flask) -> None:
    """Refuse a NUL before every other ``before_request`` function but the form limits."""
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_nul)
