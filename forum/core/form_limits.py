"""Request size limits that fit the form: small everywhere, large where long texts are written.

Every request may carry at most ``MAX_CONTENT_LENGTH`` (2 MiB), and Werkzeug keeps at most
``MAX_FORM_MEMORY_SIZE`` (500 kB) of form data. A commitment's form has 22 text fields of up to
20,000 characters each: in Thai, each character is 3 bytes of UTF-8 and each byte 3 characters
once URL-encoded, so a form the fields allow may be several megabytes, and a conflict page adds a
merged text for each field both people changed. Such a form used to be refused whole (HTTP 413),
and the person's words with it.

A view marked :func:`large_form` raises both limits for that request to what its form may carry,
for a logged-in person only (anonymous requests cannot edit anything); the limits are raised
before the CSRF check reads the form. Every other request keeps the small limits.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_login import current_user

#: Bytes one character may take in a URL-encoded form (a Thai letter: 3 bytes, each ``%XX``).
ENCODED_CHAR = 9
#: Room for everything that is not a long text: choices, dates, tokens, field names.
OVERHEAD = 256 * 1024


def form_bytes(texts: int, max_chars: int) -> int:
    """The largest URL-encoded form with ``texts`` long fields, each with a merged twin."""
    return 2 * texts * max_chars * ENCODED_CHAR + OVERHEAD


def large_form(limit: Callable[[], int]):
    """Mark a view whose form may carry ``limit()`` bytes (asked at each POST to it)."""

    def mark(view):
        view.form_limit = limit
        return view

    return mark


def _raise_limits() -> None:
    if request.method != 'POST' or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    limit = getattr(view, 'form_limit', None)
    if limit is None or not current_user.is_authenticated:
        return
    size = limit()
    request.max_content_length = size
    request.max_form_memory_size = size


def init_app(app: Flask) -> None:
    """Run before every other ``before_request`` function (Flask-WTF's CSRF check reads forms)."""
    app.before_request_funcs.setdefault(None, []).insert(0, _raise_limits)
