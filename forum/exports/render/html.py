"""HTML for WeasyPrint from the report templates, without Flask (worker processes use it)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

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
    return env


def render(template: str, **context) -> str:
    """The template ``template`` filled with ``context``."""
    return environment().get_template(template).render(**context)
