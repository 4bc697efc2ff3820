"""The plan's report as PDF: a cover and contents, then each policy area and its commitments."""

from __future__ import annotations

from functools import partial
from typing import BinaryIO

from ..render.html import render as render_html
from ..render.pdf import Page, Progress, render_pdf, report_base_url
from ..text import numerals

#: Rows (a commitment, or one of its milestones) laid out per chunk. A commitment in the template
#: with ten milestones fills about three pages, so a chunk is about a hundred pages: some 200 MiB
#: of layout (WeasyPrint's cost follows the pages, about 0.15 CPU-s each here).
CHUNK_ROWS = 330


def chunks(document: dict, size: int = CHUNK_ROWS) -> list[list[dict]]:
    """The areas' commitments cut into chunks of about ``size`` rows, never inside a commitment.

    Each chunk is a list of parts ``{"area", "starts", "commitments"}``; ``starts`` is false
    when the area began in an earlier chunk (its heading is not repeated).
    """
    result: list[list[dict]] = [[]]
    rows = 0
    for area in document['areas']:
        part = {'area': area, 'starts': True, 'commitments': []}
        result[-1].append(part)
        for commitment in area['commitments']:
            if rows >= size:
                result.append([])
                rows = 0
                part = {'area': area, 'starts': False, 'commitments': []}
                result[-1].append(part)
            part['commitments'].append(commitment)
            rows += 1 + len(commitment['milestones'])
    return result


def _context(document: dict) -> dict:
    return {'doc': document, 'L': document['labels']}


def _body(document: dict, parts: list[dict], first: bool, last: bool, first_page: int) -> Page:
    counter = 'thai' if document['digits'] == 'thai' else 'decimal'
    html = render_html('nap_body.html', parts=parts, first=first, last=last, **_context(document))
    return html, render_html('report.css', first_page=first_page, counter_style=counter)


def _front(document: dict, anchors: dict[str, int]) -> Page:
    def page_of(anchor: str) -> str:
        page = anchors.get(anchor)
        return numerals(str(page), document['digits']) if page is not None else ''

    html = render_html('nap_front.html', page_of=page_of, **_context(document))
    # The cover counts as page 0: the contents begin at ก (Thai) or i (English).
    counter = 'thai-letters' if document['lang'] == 'th' else 'lower-roman'
    return html, render_html('report.css', first_page=0, counter_style=counter)


def render(
    document: dict, out: BinaryIO, progress: Progress | None = None, *, repair: bool = True
) -> dict:
    """Write the report as an A4 PDF to ``out`` (``repair``: see ``render_pdf``)."""
    pieces = chunks(document)
    body = [
        partial(_body, document, parts, index == 0, index == len(pieces) - 1)
        for index, parts in enumerate(pieces)
    ]
    kwargs = {'progress': progress} if progress is not None else {}
    kwargs['repair'] = repair
    return render_pdf(partial(_front, document), body, out, base_url=report_base_url(), **kwargs)
