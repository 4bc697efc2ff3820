"""Text as it goes into a file: control characters out, numerals as the reader chose."""

from __future__ import annotations

import re

from flask import current_app, has_request_context, url_for

from ..core.i18n import to_thai_digits
from ..core.urls import external_url

#: Characters no file format here can hold or show: C0 controls but tab and newline, DEL and the
#: C1 controls, lone surrogates, and the two non-characters XML forbids (DOCX is XML; python-docx
#: refuses them outright).
_UNFIT = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')


def clean(text: str | None) -> str:
    """``text`` with Unix line ends and without characters a file cannot carry."""
    if not text:
        return ''
    return _UNFIT.sub('', text.replace('\r\n', '\n').replace('\r', '\n'))


def numerals(text: str, digits: str) -> str:
    """``text`` with Thai digits when the reader chose them."""
    return to_thai_digits(text) if digits == 'thai' else text


def page_url(endpoint: str, **values) -> str:
    """The absolute address of a page; a path alone when no base URL is known (the CLI)."""
    if has_request_context() or current_app.config.get('BASE_URL'):
        return external_url(endpoint, **values)
    with current_app.test_request_context('/'):
        return url_for(endpoint, **values)
