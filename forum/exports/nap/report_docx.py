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
    word.centred(doc, document['kicker'], 22, bold=True, space_before=120)
    word.centred(doc, document['title'], 20, bold=True, space_before=18)
    word.centred(doc, document['period'], 15, space_before=18)
    word.centred(doc, L['ogp'], 13, space_before=6)
    word.centred(doc, L['prepared_by'], 14, space_before=180)
    word.centred(doc, document['date'], 14)
    word.page_break(doc)
    word.contents(doc, L['contents'], L['contents'])
    word.page_break(doc)

    word.heading(doc, L['about'], 1)
    doc.add_paragraph(document['about'])
    word.table(
        doc,
        None,
        [[L['period'], document['period']], [L['document_state'], document['state']]],
        [45, 115],
    )
    if not document['areas']:
        doc.add_paragraph(L['no_commitments'])
    total, done = max(rows(document), 1), 0
    for area in document['areas']:
        word.page_break(doc)
        word.heading(doc, area['name'], 1)
        for number, c in enumerate(area['commitments']):
            if number:
                word.page_break(doc)
            _commitment(doc, c, L)
            done += 1 + len(c['milestones'])
            if progress is not None:
                progress(done, total, 'layout')
    if document['withdrawn']:
        word.page_break(doc)
        word.heading(doc, L['withdrawn'], 1)
        word.table(
            doc,
            [L['identifier'], L['commitment'], L['reason']],
            [[w['code'], w['title'], w['reason']] for w in document['withdrawn']],
            [25, 70, 65],
        )
    doc.save(out)


def _commitment(doc, c: dict, L: dict) -> None:  # noqa: N803
    word.heading(doc, f'{c["code"]} {c["title"]}', 2)
    word.table(doc, None, [[L[f['key']], f['text']] for f in c['fields'] if f['text']], [45, 115])
    for section in c['sections']:
        word.heading(doc, section['label'], 3)
        for line in (section['text'] or L['not_given']).split('\n'):
            doc.add_paragraph(line)
    word.heading(doc, L['ogp_values'], 3)
    word.table(
        doc,
        None,
        [
            [v['label'], L['relevant'] if v['relevant'] else L['not_relevant'], v['why']]
            for v in c['values']
        ],
        [45, 25, 90],
    )
    word.heading(doc, L['milestones'], 3)
    if not c['milestones']:
        doc.add_paragraph(L['no_milestones'])
        return
    header = [
        L['number'], L['output'], L['indicator'], L['baseline_target'], L['owner'],
        f'{L["start"]} – {L["end"]}', L['status'],
    ]  # fmt: skip
    word.table(
        doc,
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
