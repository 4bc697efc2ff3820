"""The plan's report as PDF: a cover and contents, then each policy area and its commitments."""

from __future__ import annotations

from functools import partial
from typing import BinaryIO

from ..render.html import number_page
from ..render.html import render as render_html
from ..render.pdf import Page, Progress, piece_size, render_pdf, report_base_url
from ..text import numerals

#: Rows (a commitment, or one of its milestones) laid out per chunk. A commitment in the template
#: with ten milestones fills about three pages, so a chunk is about a hundred pages: some 200 MiB
#: of layout (WeasyPrint's cost follows the pages, about 0.15 CPU-s each here).
CHUNK_ROWS = 330


def chunks(document: dict, size: int | None = None) -> list[list[dict]]:
    """The areas' commitments cut into chunks of about ``size`` rows, never inside a commitment.

    Each chunk is a list of parts ``{"area", "starts", "commitments"}``; ``starts`` is false
    when the area began in an earlier chunk (its heading is not repeated). A chunk never ends
    with an area's heading alone: the area starts in the chunk of its first commitment.
    """
    size = size or CHUNK_ROWS
    result: list[list[dict]] = [[]]
    rows = 0
    for area in document['areas']:
        part = {'area': area, 'starts': True, 'commitments': []}
        if not area['commitments']:
            result[-1].append(part)
        for commitment in area['commitments']:
            if rows >= size:
                result.append([])
                rows = 0
                if part['commitments']:
                    part = {'area': area, 'starts': False, 'commitments': []}
            if not part['commitments']:
                result[-1].append(part)
            part['commitments'].append(commitment)
            rows += 1 + len(commitment['milestones'])
    return result


def _context(document: dict) -> dict:
    return {'doc': document, 'L': document['labels']}


def _counter(document: dict) -> str:
    return 'thai' if document['digits'] == 'thai' else 'decimal'


def _body(document: dict, parts: list[dict], first: bool, last: bool) -> Page:
    html = render_html('nap_body.html', parts=parts, first=first, last=last, **_context(document))
    counter = _counter(document)
    return html, render_html('report.css', first_page=None, counter_style=counter, numbers=False)


def _number(document: dict, number: int) -> Page:
    return number_page(number, _counter(document))


def _front(document: dict, anchors: dict[str, int]) -> Page:
    def page_of(anchor: str) -> str:
        page = anchors.get(anchor)
        return numerals(str(page), document['digits']) if page is not None else ''

    html = render_html('nap_front.html', page_of=page_of, **_context(document))
    # The cover counts as page 0: the contents begin at ก (Thai) or i (English).
    counter = 'thai-letters' if document['lang'] == 'th' else 'lower-roman'
    return html, render_html('report.css', first_page=0, counter_style=counter)


def render(
    document: dict,
    out: BinaryIO,
    progress: Progress | None = None,
    *,
    repair: bool = True,
    processes: int | None = None,
    size: int | None = None,
) -> dict:
    """Write the report as an A4 PDF to ``out``.

    ``repair``, ``processes``: see ``render_pdf``; ``size``: rows per piece (default: at most
    ``CHUNK_ROWS``, see ``piece_size``).
    """
    rows = sum(
        1 + len(commitment['milestones'])
        for area in document['areas']
        for commitment in area['commitments']
    )
    pieces = chunks(document, size or piece_size(rows, CHUNK_ROWS))
    body = [
        _body(document, parts, index == 0, index == len(pieces) - 1)
        for index, parts in enumerate(pieces)
    ]
    kwargs = {'progress': progress} if progress is not None else {}
    return render_pdf(
        partial(_front, document), body, partial(_number, document), out,
        base_url=report_base_url(), repair=repair, processes=processes, **kwargs,
    )  # fmt: skip
