"""HTML for WeasyPrint from the report templates, without Flask (worker processes use it)."""

from __future__ import annotations

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
    )
    env.globals['font_faces'] = Markup(font_face_css())
    env.filters['num'] = _num
    return env


@pass_context
def _num(context, text) -> str:
    """``text`` with Thai digits when the template's ``digits`` is ``thai``."""
    return numerals('' if text is None else str(text), context.get('digits', 'arabic'))


def render(template: str, **context) -> str:
    """The template ``template`` filled with ``context``."""
    return environment().get_template(template).render(**context)


def numbers_page(first: int, count: int, counter_style: str) -> tuple[str, str]:
    """A piece of ``count`` A4 pages that show only their numbers, from ``first`` (see ``pdf.py``).

    Laid over the body's pages once the body is laid out: the same margins and the same top
    centre as the report's own pages, nothing else drawn.
    """
    pages = '<div class="blank"></div>' * count
    html = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{pages}</body></html>'
    css = render('report.css', first_page=first, counter_style=counter_style, running=False)
    return html, css + '\n.blank + .blank { break-before: page; }'
