"""The summary as a report: PDF (WeasyPrint, Sarabun, A4) and DOCX (python-docx), from the document.

The PDF: a cover in the manner of a Thai government report and the contents (laid out last,
when the page of every entry is known), then the round, participation with a bar chart (SVG)
per table, the issues raised, and every input with its response, grouped by commitment. Long
rounds are laid out in chunks of inputs (``render.pdf``), then the Thai text layer is repaired.
"""

from __future__ import annotations

from functools import partial
from typing import BinaryIO

from ..render import docx as word
from ..render.html import number_page
from ..render.html import render as render_html
from ..render.pdf import Page, Progress, piece_size, render_pdf, report_base_url
from ..text import numerals

#: Inputs laid out per chunk: an input with its response takes about a third of a page, so a
#: chunk is some 150 pages (WeasyPrint keeps a chunk's layout in memory until it is written).
CHUNK_INPUTS = 450


def chunks(document: dict, size: int | None = None) -> list[list[dict]]:
    """The groups' inputs cut into chunks of at most ``size`` inputs.

    Each chunk is a list of parts ``{"group", "index", "starts", "inputs"}``; ``starts`` is
    false when the group began in an earlier chunk (its heading is not repeated). A chunk never
    ends with a group's heading alone: the group starts in the chunk of its first input.
    """
    size = size or CHUNK_INPUTS
    result: list[list[dict]] = [[]]
    count = 0
    for index, group in enumerate(document['groups'], start=1):
        part = {'group': group, 'index': index, 'starts': True, 'inputs': []}
        if not group['inputs']:
            result[-1].append(part)
        for item in group['inputs']:
            if count >= size:
                result.append([])
                count = 0
                if part['inputs']:
                    part = {'group': group, 'index': index, 'starts': False, 'inputs': []}
            if not part['inputs']:
                result[-1].append(part)
            part['inputs'].append(item)
            count += 1
    return result


def _counter(document: dict) -> str:
    return 'thai' if document['digits'] == 'thai' else 'decimal'


def _css(first_page: int | None, counter: str, numbers: bool = True) -> str:
    return render_html(
        'report.css', first_page=first_page, counter_style=counter, numbers=numbers
    ) + render_html('consultation.css')


def _context(document: dict) -> dict:
    return {'doc': document, 'L': document['labels'], 'digits': document['digits']}


def _body(document: dict, parts: list[dict], first: bool) -> Page:
    html = render_html('consultation_body.html', parts=parts, first=first, **_context(document))
    return html, _css(None, _counter(document), numbers=False)


def _number(document: dict, number: int) -> Page:
    return number_page(number, _counter(document))


def _front(document: dict, anchors: dict[str, int]) -> Page:
    L = document['labels']  # noqa: N806

    def page_of(anchor: str) -> str:
        page = anchors.get(anchor)
        return numerals(str(page), document['digits']) if page is not None else ''

    entries = [('about', L['about']), ('participation', L['participation']),
               ('themes', L['themes']), ('inputs', L['inputs_title'])]  # fmt: skip
    html = render_html(
        'consultation_front.html', page_of=page_of, entries=entries, **_context(document)
    )
    counter = 'thai-letters' if document['language'] == 'th' else 'lower-roman'
    return html, _css(0, counter)


def pdf_pieces(document: dict, size: int | None = None) -> list[Page]:
    """The body of the summary's PDF in the pieces laid out side by side (``render_pdf``).

    ``size``: inputs per piece (default: at most ``CHUNK_INPUTS``, see ``piece_size``).
    """
    inputs = sum(len(group['inputs']) for group in document['groups'])
    pieces = chunks(document, size or piece_size(inputs, CHUNK_INPUTS))
    return [_body(document, parts, index == 0) for index, parts in enumerate(pieces)]


def render_pdf_file(
    document: dict,
    out: BinaryIO,
    progress: Progress | None = None,
    *,
    repair: bool = True,
    processes: int | None = None,
    size: int | None = None,
) -> dict:
    """Write the summary as an A4 PDF to ``out``.

    ``repair``, ``processes``: see ``render_pdf``; ``size``: see :func:`pdf_pieces`.
    """
    body = pdf_pieces(document, size)
    kwargs = {'progress': progress} if progress is not None else {}
    return render_pdf(
        partial(_front, document), body, partial(_number, document), out,
        base_url=report_base_url(), repair=repair, processes=processes, **kwargs,
    )  # fmt: skip


def render_docx_file(document: dict, out: BinaryIO, progress: Progress | None = None) -> None:
    """Write the summary as a Word document: headings, tables, Sarabun."""
    L = document['labels']  # noqa: N806
    digits = document['digits']

    def n(value) -> str:
        return numerals('' if value is None else str(value), digits)

    r, p = document['round'], document['participation']
    doc = word.new_document(document['language'])
    word.page_numbers(doc, digits)
    body = word.Body()
    body.paragraph(n(L['kicker']), size=22, bold=True, centred=True, space_before=120)
    body.paragraph(n(r['title']), size=20, bold=True, centred=True, space_before=18)
    body.paragraph(f'{L["round"]} {r["code"]}', size=15, centred=True, space_before=18)
    body.paragraph(n(r['plan']['title']), size=15, centred=True, space_before=6)
    body.paragraph(n(r['period_text']), size=15, centred=True, space_before=6)
    body.paragraph(L['ogp'], size=13, centred=True, space_before=6)
    body.paragraph(L['prepared_by'], size=14, centred=True, space_before=180)
    body.paragraph(n(document['generated_text']), size=14, centred=True)
    body.page_break()
    body.contents(L['contents'], L['contents'])
    body.page_break()

    body.heading(L['about'], 1)
    about = [
        [L['round'], f'{r["code"]} {n(r["title"])}'],
        [L['plan'], n(r['plan']['title'])],
        [L['description'], n(r['description'])],
        [L['announced'], n(r['announced_text'])],
        [L['period'], n(r['period_text'])],
        [L['channels'], ', '.join(c['label'] for c in r['channels'])],
        [L['covers'], '\n'.join(f'{c["code"]} {n(c["title"])}' for c in r['commitments'])],
        [L['state'], r['state_label'] + (f' ({L["published"]} {n(r["published_text"])})'
                                         if r['published_text'] else '')],
    ]  # fmt: skip
    body.table(None, [row for row in about if row[1]], [45, 115])

    body.heading(L['participation'], 1)
    body.table(
        None,
        [[L['respondents'], n(p['respondents'])], [L['inputs'], n(p['inputs'])],
         [L['withdrawn_count'], n(p['withdrawn'])], [L['hidden_count'], n(p['hidden'])]],
        [45, 115],
    )  # fmt: skip
    for table, label in (('by_sector', 'sector'), ('by_channel', 'channel'),
                         ('by_province', 'province'), ('by_commitment', 'commitment'),
                         ('by_disposition', 'response')):  # fmt: skip
        body.heading(L[label], 2)
        body.table(
            [L[label], '', L['respondents'], L['inputs']],
            [[n(row['label']), _bar(row['share']), n(row['respondents']), n(row['inputs'])]
             for row in p[table]],
            [62, 58, 20, 20],
        )  # fmt: skip

    body.heading(L['themes'], 1)
    shown = [t for t in document['themes'] if not t['merged_into']]
    if shown:
        body.table(
            [L['theme'], L['inputs'], L['disposition'], L['reason']],
            [[n(t['title']), n(t['inputs']), t['disposition_label'], n(t['reason'])]
             for t in shown],
            [50, 16, 30, 64],
        )  # fmt: skip
    else:
        body.paragraph(L['no_themes'])

    body.heading(L['inputs_title'], 1)
    if not document['groups']:
        body.paragraph(L['no_inputs'])
    total, done = max(document['input_count'], 1), 0
    for group in document['groups']:
        body.heading(n(group['title']), 2)
        rows = []
        for i in group['inputs']:
            org = f' ({n(i["organisation"])})' if i['organisation'] else ''
            where = f' · {i["province_label"]}' if i['province_label'] else ''
            who = '\n'.join(
                (
                    i['tracking_number'],
                    n(i['submitter_label']) + org,
                    i['sector_label'] + where,
                    f'{i["channel_label"]} · {n(i["received_text"])}',
                )
            )
            rows.append([who, *_input_cells(i, L, n)])
            done += 1
        body.table([L['tracking'], L['text'], L['response']], rows, [40, 70, 50])
        if progress is not None:
            progress(done, total, 'layout')
    body.write(doc)
    doc.save(out)


def _bar(share: float) -> str:
    """A bar of the chart as text (a table cell): one block per 5 %."""
    return '█' * round(share / 5)


def _input_cells(i: dict, L: dict, n) -> list[str]:  # noqa: N803
    if i['status'] == 'withdrawn':
        return [L['withdrawn_text'], '']
    if i['status'] == 'hidden':
        reason = f' {L["hidden_reason"]}: {n(i["hidden_reason"])}' if i['hidden_reason'] else ''
        return [L['hidden_text'] + reason, '']
    text = [f'{L["part"]}: {i["part_label"]}'] if i['part_label'] else []
    if i['theme_title']:
        text.append(f'{L["theme"]}: {n(i["theme_title"])}')
    text.append(n(i['text']))
    if i['duplicate_of']:
        text.append(f'{L["duplicate_of"]} {i["duplicate_of"]}')
    if not i['disposition']:
        return ['\n'.join(text), L['no_response']]
    response = [i['disposition_label']]
    if i['reason']:
        response.append(n(i['reason']))
    if i['change']:
        response.append(f'{L["change"]}: {i["change"]}')
    if i['decided_text']:
        response.append(f'{L["decided"]} {n(i["decided_text"])}')
    return ['\n'.join(text), '\n'.join(response)]
