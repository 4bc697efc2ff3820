"""Lay out one piece of a report with WeasyPrint: what each layout process of ``pdf.py`` runs.

A piece is HTML and its stylesheet (passed apart, so that the templates hold no inline style);
the result is the piece's PDF with its Thai text layer repaired (:mod:`.pdf_text`), the anchors
(``id``) laid out on each of its pages, and what the repair did. Plain values in and out, so that
a piece can be laid out in another process.
"""

from __future__ import annotations

import io
from functools import lru_cache

from pypdf import PdfReader, PdfWriter

from .fonts import font_paths
from .pdf_text import fix_thai_text

#: What a piece is: its HTML and its stylesheet.
Page = tuple[str, str]


@lru_cache(maxsize=1)
def _font_config():
    # One per process: WeasyPrint registers the @font-face files with fontconfig once.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def lay_out(
    page: Page, base_url: str, repair: bool = True
) -> tuple[bytes, list[list[str]], dict[str, int]]:
    """``page`` as a PDF, the anchors of each of its pages in order, and the repair's counts.

    ``repair=False`` leaves WeasyPrint's own text layer (for comparison).
    """
    from weasyprint import CSS, HTML

    html, css = page
    font_config = _font_config()
    sheet = CSS(string=css, base_url=base_url, font_config=font_config)
    document = HTML(string=html, base_url=base_url).render(
        font_config=font_config, stylesheets=[sheet]
    )
    anchors = [list(laid_out.anchors) for laid_out in document.pages]
    data = document.write_pdf()
    if not repair:
        return data, anchors, {}
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    stats = fix_thai_text(writer, font_paths())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), anchors, stats


def warm_up() -> None:
    """Import WeasyPrint and set up the fonts (a new layout process does this first)."""
    import weasyprint  # noqa: F401

    _font_config()
    fix_thai_text(PdfWriter(), font_paths())  # reads the original fonts once
