"""Reading an uploaded CSV or XLSX file into rows of cells, whatever Thai encoding it has.

CSV: UTF-8 with or without a byte-order mark, or Thai Windows-874 (TIS-620 is its subset). A
file that is UTF-8 in some lines and not in others is refused, naming the lines: guessing would
turn part of it into mojibake. XLSX: the first sheet, values only (openpyxl, read-only).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ...core.refusals import Refused

#: Rows a file may hold (besides its header).
MAX_ROWS = 5000
#: Columns a row may have before the file counts as something else.
MAX_COLUMNS = 50
_THAI = re.compile('[\u0e00-\u0e7f]')
_XLSX_MAGIC = b'PK\x03\x04'


def _lines(numbers: list[int]) -> str:
    shown = ', '.join(str(n) for n in numbers[:10])
    return shown + (' …' if len(numbers) > 10 else '')


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (BOM or not) or Windows-874; Refused for anything else."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode('utf-8')
    except UnicodeDecodeError:
        pass
    utf8_thai, not_utf8 = [], []
    for number, line in enumerate(body.split(b'\n'), start=1):
        try:
            if _THAI.search(line.decode('utf-8')):
                utf8_thai.append(number)
        except UnicodeDecodeError:
            not_utf8.append(number)
    if utf8_thai or data.startswith(codecs.BOM_UTF8):
        raise Refused(
            _l(
                'The file mixes encodings: lines %(utf8)s are UTF-8 but lines %(other)s are '
                'not. Save the whole file again as "CSV UTF-8" and import it again.',
                utf8=_lines(utf8_thai) or '1', other=_lines(not_utf8),
            )
        )  # fmt: skip
    try:
        return body.decode('cp874')
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b'\n') + 1
        raise Refused(
            _l(
                'The file is neither UTF-8 nor Thai Windows-874 (TIS-620) text (line %(line)d). '
                'Save it as "CSV UTF-8" and import it again.',
                line=line,
            )
        ) from None


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ''
    # The delimiter of the header line: Excel writes ";" or a tab in some locales.
    delimiter = max((',', ';', '\t'), key=first.count) if first else ','
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        # Python's reader stops at a cell of more than 131,072 characters; an opening quote mark
        # that is never closed makes the rest of the file one such cell.
        raise Refused(
            _l(
                'Line %(line)d of the CSV file cannot be read: a cell there is far too long, or a'
                ' quote mark (") is never closed. A cell holds at most 10,000 characters.',
                line=reader.line_num,
            )
        ) from None
    return rows


def _cell(value) -> str | date:
    """A cell as text, or a date (XLSX date cells)."""
    if value is None:
        return ''
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise Refused(
            _l('This XLSX file cannot be read. Save it again from the template.')
        ) from None
    try:
        sheet = book.worksheets[0]
        rows, filled = [], 0
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            row = [_cell(v) for v in values]
            rows.append(row)
            filled += any(row)
            if filled > MAX_ROWS + 1 or len(rows) > 20 * MAX_ROWS:
                raise _too_many()
        return rows
    finally:
        book.close()


def read_rows(filename: str, data: bytes) -> list[list]:
    """The rows of an uploaded file (header first), blank rows and trailing empty cells dropped."""
    name = (filename or '').lower()
    if not data:
        raise Refused(_l('The file is empty.'))
    if data.startswith(_XLSX_MAGIC):
        rows = _xlsx_rows(data)
    elif name.endswith(('.xls', '.xlsx', '.ods')):
        raise Refused(_l('Save the spreadsheet as .xlsx (Excel workbook) or .csv.'))
    else:
        if b'\x00' in data:
            raise Refused(_l('This is not a CSV file. Import a .csv or .xlsx file.'))
        rows = _csv_rows(decode(data))
    cleaned = []
    for row in rows:
        while row and row[-1] in ('', None):
            row = row[:-1]
        cleaned.append(row)
    if sum(1 for row in cleaned if row) > MAX_ROWS + 1:
        raise _too_many()
    return cleaned


def _too_many() -> Refused:
    return Refused(_l('A file holds at most %(max)d inputs: split it in several.', max=MAX_ROWS))
