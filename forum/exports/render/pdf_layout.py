"""Lay out one piece of a report with WeasyPrint: what each layout process of ``pdf.py`` runs.

A piece is HTML and its stylesheet (passed apart, so that the templates hold no inline style);
the result is the piece's PDF and, for each of its pages, the anchors (``id``) laid out on it.
Plain values in and out, so that a piece can be laid out in another process.
"""

from __future__ import annotations

from functools import lru_cache

#: What a piece is: its HTML and its stylesheet.
Page = tuple[str, str]


@lru_cache(maxsize=1)
def _font_config():
    # One per process: WeasyPrint registers the @font-face files with fontconfig once.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def lay_out(page: Page, base_url: str) -> tuple[bytes, list[list[str]]]:
    """``page`` as a PDF, and the anchors of each of its pages in order."""
    from weasyprint import CSS, HTML

    html, css = page
    font_config = _font_config()
    sheet = CSS(string=css, base_url=base_url, font_config=font_config)
    document = HTML(string=html, base_url=base_url).render(
        font_config=font_config, stylesheets=[sheet]
    )
    anchors = [list(laid_out.anchors) for laid_out in document.pages]
    return document.write_pdf(), anchors


def warm_up() -> None:
    """Import WeasyPrint and set up the fonts (a new layout process does this first)."""
    import weasyprint  # noqa: F401

    _font_config()
