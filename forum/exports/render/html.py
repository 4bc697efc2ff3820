"""HTML for WeasyPrint from the report templates, without Flask (worker processes use it)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup

from ..text import numerals
from .fonts import font_face_css

TEMPLATES = Path(__file__).resolve().parent.parent / 'templates' / 'exports' / 'report'


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja for the report templates: everything escaped, as in the app's own templates."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_line_breaks,
    )
    env.globals['font_faces'] = Markup(font_face_css())
    env.filters['num'] = _num
    return env


#: What a report template writes of any value: Unicode's line and paragraph separators, and the
#: vertical tab, form feed and next line, as the newlines the templates' ``white-space: pre-line``
#: shows; other control characters (but tab) dropped, as Sarabun has no glyph for them. WeasyPrint
#: 70 fails outright on a space before U+2029 (an assertion in its line breaking), and anyone may
#: type one into an input; most texts have been through ``text.clean`` already, not all.
_NEWLINES = (0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029)
_SEPARATORS = {
    **{code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    **{code: '\n' for code in _NEWLINES},
}


#: Any character of ``_SEPARATORS``: most values have none, and a search costs a twentieth of
#: a translation (about 1 µs against 21 for 300 Thai characters).
_ODD = re.compile('[' + ''.join(re.escape(chr(code)) for code in sorted(_SEPARATORS)) + ']')


def _line_breaks(value):
    """Every value a report template writes: separators made newlines, other controls dropped."""
    if isinstance(value, str) and _ODD.search(value):
        return value.translate(_SEPARATORS)
    return value


@pass_context
def _num(context, text) -> str:
    """``text`` with Thai digits when the template's ``digits`` is ``thai``."""
    return numerals('' if text is None else str(text), context.get('digits', 'arabic'))


def render(template: str, **context) -> str:
    """The template ``template`` filled with ``context``."""
    return environment().get_template(template).render(**context)


def number_page(number: int, counter_style: str) -> tuple[str, str]:
    """An A4 page that shows only its number, ``number`` (see ``pdf_numbers.py``).

    The same margins and top centre as the report's own pages, nothing else drawn.
    """
    html = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>'
    css = render('report.css', first_page=number, counter_style=counter_style, running=False)
    return html, css
