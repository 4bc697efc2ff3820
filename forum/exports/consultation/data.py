"""The summary as data: CSV (one row per input), XLSX (one sheet per table), JSON (documented).

CSV and XLSX headers are in the export's language (the summary is read by people); the JSON
keys are fixed English names, described by :data:`.schema.SUMMARY_SCHEMA`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import BinaryIO

from ..render.pdf import Progress
from .summary import input_rows

#: Cells a spreadsheet would run as a formula (OWASP "CSV injection") get a leading apostrophe.
_FORMULA_START = ('=', '+', '-', '@', '\t')
#: The CSV's columns: the document's key of each and the label (in ``labels``) of its header.
INPUT_COLUMNS = (
    ('tracking_number', 'tracking'),
    ('status_label', 'status'),
    ('received_on', 'received'),
    ('channel_label', 'channel'),
    ('sector_label', 'sector'),
    ('province_label', 'province'),
    ('commitment', 'commitment'),
    ('part_label', 'part'),
    ('theme_title', 'theme'),
    ('submitter_label', 'submitter'),
    ('organisation', 'organisation'),
    ('text', 'text'),
    ('hidden_reason', 'hidden_reason'),
    ('duplicate_of', 'duplicate_of'),
    ('disposition_label', 'disposition'),
    ('reason', 'reason'),
    ('change', 'change'),
    ('decided_on', 'decided'),
)


def _cell(value) -> str:
    if value is None:
        return ''
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _input_values(item: dict) -> list:
    return [item.get(key) for key, _label in INPUT_COLUMNS]


def render_csv(document: dict, out: BinaryIO, progress: Progress | None = None) -> None:
    """UTF-8 with a byte-order mark (Excel reads Thai as Thai), one row per input."""
    L = document['labels']  # noqa: N806
    text = io.TextIOWrapper(out, encoding='utf-8-sig', newline='', write_through=True)
    writer = csv.writer(text)
    writer.writerow([L[label] for _key, label in INPUT_COLUMNS])
    writer.writerows([_cell(v) for v in _input_values(item)] for item in input_rows(document))
    text.flush()
    text.detach()  # leave ``out`` open for the caller


def json_document(document: dict) -> dict:
    """What the JSON file holds: the document without the report's fixed texts."""
    return {key: value for key, value in document.items() if key != 'labels'}


def render_json(document: dict, out: BinaryIO, progress: Progress | None = None) -> None:
    """The summary as UTF-8 JSON (Thai as Thai), valid against ``SUMMARY_SCHEMA``."""
    out.write(json.dumps(json_document(document), ensure_ascii=False, indent=1).encode('utf-8'))
    out.write(b'\n')


#: Characters a sheet name may not hold (Excel), and its length.
_SHEET_UNFIT = re.compile(r'[\[\]:*?/\\]')


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_UNFIT.sub(' ', name).strip()[:31] or 'Sheet'
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f' {n}'
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def sheets(document: dict) -> list[tuple[str, list[str], list[list], list[int]]]:
    """(name, header, rows, column widths in characters) of every sheet, in order."""
    L = document['labels']  # noqa: N806
    r, p = document['round'], document['participation']
    about = [
        [L['round'], f'{r["code"]} {r["title"]}'],
        [L['plan'], r['plan']['title']],
        [L['announced'], r['announce_on'] or ''],
        [
            L['period'],
            f'{r["opened_at"] or r["opens_at"] or ""} – {r["closed_at"] or r["closes_at"] or ""}',
        ],
        [L['channels'], ', '.join(c['label'] for c in r['channels'])],
        [L['covers'], ', '.join(f'{c["code"]} {c["title"]}' for c in r['commitments'])],
        [L['state'], r['state_label']],
        [L['published'], r['published_at'] or ''],
        [L['respondents'], p['respondents']],
        [L['inputs'], p['inputs']],
        [L['withdrawn_count'], p['withdrawn']],
        [L['hidden_count'], p['hidden']],
    ]
    result = [(L['summary_sheet'], [L['field'], L['value']], about, [24, 80])]
    counts = [L['respondents'], L['inputs']]
    for table, label in (('by_sector', 'sector'), ('by_channel', 'channel'),
                         ('by_province', 'province'), ('by_commitment', 'commitment'),
                         ('by_disposition', 'response')):  # fmt: skip
        rows = [[row['label'], row['respondents'], row['inputs']] for row in p[table]]
        result.append((L[label], [L[label], *counts], rows, [48, 14, 12]))
    theme_rows = [[t['title'], t['inputs'], t['disposition_label'], t['reason']]
                  for t in document['themes'] if not t['merged_into']]  # fmt: skip
    result.append((L['themes'], [L['theme'], L['inputs'], L['disposition'], L['reason']],
                   theme_rows, [40, 10, 22, 60]))  # fmt: skip
    widths = {'text': 70, 'reason': 50, 'theme_title': 30, 'submitter_label': 24,
              'organisation': 24, 'change': 30, 'hidden_reason': 30}  # fmt: skip
    result.append(
        (
            L['inputs_title'],
            [L[label] for _key, label in INPUT_COLUMNS],
            [_input_values(item) for item in input_rows(document)],
            [widths.get(key, 16) for key, _label in INPUT_COLUMNS],
        )
    )
    return result


def render_xlsx(document: dict, out: BinaryIO, progress: Progress | None = None) -> None:
    """One sheet per table; the header row frozen and bold, column widths set, text wrapped."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical='top')
    for name, header, rows, widths in sheets(document):
        sheet = book.create_sheet(_sheet_name(name, taken))
        for index, width in enumerate(widths):
            sheet.column_dimensions[_column(index)].width = width
        sheet.freeze_panes = 'A2'
        head = []
        for value in header:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            head.append(cell)
        sheet.append(head)
        for row in rows:
            sheet.append([_xlsx_value(sheet, v, wrap) for v in row])
    book.save(out)


def _xlsx_value(sheet, value, wrap):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, str):
        if len(value) > 40 or '\n' in value:
            cell = WriteOnlyCell(sheet, value=_cell(value))
            cell.alignment = wrap
            return cell
        return _cell(value)
    return value


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
