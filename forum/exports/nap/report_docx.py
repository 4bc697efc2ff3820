"""The plan's report as a Word document, for officials to edit (headings, tables, contents)."""

from __future__ import annotations

from typing import BinaryIO

from ..render import docx as word
from ..render.pdf import Progress
from .report import rows

#: Milestone table columns (mm): number, output, indicator, baseline → target, owner, dates, status.
_MILESTONE_WIDTHS = [9, 33, 28, 28, 26, 20, 16]


def render(document: dict, out: BinaryIO, progress: Progress | None = None) -> None:
    """Write the report as DOCX to ``out``."""
    L = document['labels']  # noqa: N806 - as in the templates
    doc = word.new_document(document['lang'])
    word.page_numbers(doc, document['digits'])
    body = word.Body()
    body.paragraph(document['kicker'], size=22, bold=True, centred=True, space_before=120)
    body.paragraph(document['title'], size=20, bold=True, centred=True, space_before=18)
    body.paragraph(document['period'], size=15, centred=True, space_before=18)
    body.paragraph(L['ogp'], size=13, centred=True, space_before=6)
    body.paragraph(L['prepared_by'], size=14, centred=True, space_before=180)
    body.paragraph(document['date'], size=14, centred=True)
    body.page_break()
    body.contents(L['contents'], L['contents'])
    body.page_break()

    body.heading(L['about'], 1)
    body.paragraph(document['about'])
    body.table(
        None,
        [[L['period'], document['period']], [L['document_state'], document['state']]],
        [45, 115],
    )
    if not document['areas']:
        body.paragraph(L['no_commitments'])
    total, done = max(rows(document), 1), 0
    for area in document['areas']:
        body.page_break()
        body.heading(area['name'], 1)
        for number, c in enumerate(area['commitments']):
            if number:
                body.page_break()
            _commitment(body, c, L)
            done += 1 + len(c['milestones'])
            if progress is not None:
                progress(done, total, 'layout')
    if document['withdrawn']:
        body.page_break()
        body.heading(L['withdrawn'], 1)
        body.table(
            [L['identifier'], L['commitment'], L['reason']],
            [[w['code'], w['title'], w['reason']] for w in document['withdrawn']],
            [25, 70, 65],
        )
    body.write(doc)
    doc.save(out)


def _commitment(body: word.Body, c: dict, L: dict) -> None:  # noqa: N803
    body.heading(f'{c["code"]} {c["title"]}', 2)
    body.table(None, [[L[f['key']], f['text']] for f in c['fields'] if f['text']], [45, 115])
    for section in c['sections']:
        body.heading(section['label'], 3)
        for line in (section['text'] or L['not_given']).split('\n'):
            body.paragraph(line)
    body.heading(L['ogp_values'], 3)
    body.table(
        None,
        [
            [v['label'], L['relevant'] if v['relevant'] else L['not_relevant'], v['why']]
            for v in c['values']
        ],
        [45, 25, 90],
    )
    body.heading(L['milestones'], 3)
    if not c['milestones']:
        body.paragraph(L['no_milestones'])
        return
    header = [
        L['number'], L['output'], L['indicator'], L['baseline_target'], L['owner'],
        f'{L["start"]} – {L["end"]}', L['status'],
    ]  # fmt: skip
    body.table(
        header,
        [
            [
                m['number'],
                m['output'],
                m['indicator'],
                f'{m["baseline"]} → {m["target"]}',
                m['owner'],
                f'{m["start"]} – {m["end"]}',
                m['status'],
            ]
            for m in c['milestones']
        ],  # fmt: skip
        _MILESTONE_WIDTHS,
    )
