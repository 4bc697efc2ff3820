"""PDF through WeasyPrint (Pango shapes Thai and breaks lines between words with libthai).

A long report is laid out in chunks, one after the other, and the chunks are joined with pypdf:
WeasyPrint keeps a whole document's layout in memory until it is written (1.1 GiB for 10,000
rows in one piece, measured), a chunk of about a thousand rows needs some 200 MiB. Page numbers
go on across chunks (each chunk's counter starts where the last one stopped); the front matter
(title page, contents) is laid out last, when the page of every entry of the contents is known.
Then :mod:`.pdf_text` repairs the Thai text layer.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter

from .fonts import font_paths
from .pdf_text import fix_thai_text

#: ``progress(done, total, stage)``: chunks laid out so far, of how many, and what is running.
Progress = Callable[[int, int, str], None]


def _quiet_progress(done: int, total: int, stage: str) -> None:
    pass


#: What a chunk or the front matter is: its HTML and its stylesheet (passed to WeasyPrint apart,
#: so that the templates hold no inline style, as the app's own pages do not).
Page = tuple[str, str]


def _layout(page: Page, base_url: str, font_config):
    from weasyprint import CSS, HTML

    html, css = page
    sheet = CSS(string=css, base_url=base_url, font_config=font_config)
    return HTML(string=html, base_url=base_url).render(font_config=font_config, stylesheets=[sheet])


def render_pdf(
    front: Callable[[dict[str, int]], Page],
    body: Sequence[Callable[[int], Page]],
    out: BinaryIO,
    *,
    base_url: str,
    progress: Progress = _quiet_progress,
    repair: bool = True,
) -> dict[str, int]:
    """Lay out ``body`` chunk by chunk, then ``front``, and write one PDF to ``out``.

    Each body chunk is a function of the page number its first page gets (so that numbering
    goes on); ``front`` gets the page number of every anchor (``id``) of the body. Returns the
    page counts and what the text repair did (``repair=False`` leaves WeasyPrint's text layer,
    for comparison).
    """
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    writer = PdfWriter()
    parts: list[bytes] = []
    anchors: dict[str, int] = {}
    page = 1
    total = len(body) + 2  # the chunks, the front matter, the text repair
    for done, chunk in enumerate(body):
        progress(done, total, 'layout')
        document = _layout(chunk(page), base_url, font_config)
        for number, laid_out in enumerate(document.pages, start=page):
            for anchor in laid_out.anchors:
                anchors.setdefault(anchor, number)
        page += len(document.pages)
        parts.append(document.write_pdf())
        del document  # a chunk's layout is the bulk of the memory: let it go now
    progress(len(body), total, 'contents')
    front_pdf = _layout(front(anchors), base_url, font_config).write_pdf()
    for data in [front_pdf, *parts]:
        writer.append(PdfReader(io.BytesIO(data)))
    progress(len(body) + 1, total, 'text')
    stats = fix_thai_text(writer, font_paths()) if repair else {}
    writer.compress_identical_objects()
    writer.write(out)
    progress(total, total, 'done')
    return {'pages': len(writer.pages), 'body_pages': page - 1, **stats}


def report_base_url() -> str:
    """The base URL of the report templates (relative links in them resolve here)."""
    return (Path(__file__).resolve().parent.parent / 'templates' / 'exports').as_uri() + '/'
