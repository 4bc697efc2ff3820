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
#: What an XLSX may unpack to: 5,000 inputs of 10,000 Thai characters are 150 MB of text at
#: most, but an upload is at most 5 MB and Thai text packs about five to one.
MAX_UNPACKED = 60_000_000
_THAI = re.compile('[\u0e00-\u0e7f]')
#: What Windows-874 makes of another encoding's letters: a Thai mark written above or below a
#: letter (MAI HAN-AKAT, the upper and lower vowels, the tone marks…) after anything but a Thai
#: consonant, another such mark, a space or a stop ("Jos้" for Latin-1's "José", "ฯ๐่" for
#: Windows-1251's "При"), or any Thai character between two Latin letters ("Espa๑a",
#: "Mไdchen"). A stray mark after a space or a stop, as text pasted from a PDF has, is Thai
#: text's own and passes; so does Thai written against Latin ("ไฟล์PDF").
_MARKS = '\u0e31\u0e34-\u0e3a\u0e47-\u0e4e'
_BEFORE_A_MARK = '\u0e01-\u0e2e\u0e30-\u0e3a\u0e47-\u0e4e\\s!-/:-@\\[-`{-~'
_MISPLACED_MARK = re.compile(
    f'(?:^|[^{_BEFORE_A_MARK}])[{_MARKS}]|[A-Za-z][\u0e01-\u0e7f][A-Za-z]', re.M
)
_XLSX_MAGIC = b'PK\x03\x04'
#: Formula cells without a value named in a refusal, at most.
FORMULAS_NAMED = 5


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
        text = body.decode('cp874')
    except UnicodeDecodeError as exc:
        raise _not_thai(body[: exc.start].count(b'\n') + 1) from None
    # Windows-874 gives a character to almost every byte: a file in another encoding (Latin-1's
    # "café") decodes too, into Thai marks where Thai has none ("cafe้": _MISPLACED_MARK).
    misplaced = _MISPLACED_MARK.search(text)
    if misplaced:
        raise _not_thai(text[: misplaced.start()].count('\n') + 1)
    return text


def _not_thai(line: int) -> Refused:
    return Refused(
        _l(
            'The file is neither UTF-8 nor Thai Windows-874 (TIS-620) text (line %(line)d). '
            'Save it as "CSV UTF-8" and import it again.',
            line=line,
        )
    )


def _csv_rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ''
    # The delimiter of the header line: Excel writes ";" or a tab in some locales.
    delimiter = max((',', ';', '\t'), key=first.count) if first else ','
    # strict: a quote mark never closed (it would swallow the rows after it into one cell) or
    # text after a closing quote is an error, not a guess.
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter, strict=True)
    rows = []
    while True:
        starts = reader.line_num + 1  # the line the next row begins on
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error:
            # Also Python's limit of 131,072 characters a cell.
            raise Refused(
                _l(
                    'Line %(line)d of the CSV file cannot be read: a cell there is far too long, '
                    'a quote mark (") is never closed, or text follows a closing quote mark. A '
                    'cell holds at most 10,000 characters.',
                    line=starts,
                )
            ) from None
        rows.append(row)


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

    _check_unpacked_size(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any fault of an uploaded file is the file's
        raise _unreadable() from None
    try:
        sheet = book.worksheets[0]
        rows, filled = [], 0
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            row = [_cell(v) for v in values]
            rows.append(row)
            filled += any(row)
            if filled > MAX_ROWS + 1 or len(rows) > 20 * MAX_ROWS:
                raise _too_many()
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - broken XML inside the file, read lazily by the rows
        raise _unreadable() from None
    finally:
        book.close()
    _check_formulas(data, rows)
    return rows


def _check_formulas(data: bytes, rows: list[list]) -> None:
    """Refuse formulas the file keeps no value for, naming their cells (not read as empty).

    Excel and LibreOffice save each formula's value beside it; a file written by a script (or
    saved by a program that does not compute) keeps only the formula, and the value read is none.
    """
    if not any(cell == '' for row in rows for cell in row) or not _has_formulas(data):
        return
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - read once already: cannot fail differently
        raise _unreadable() from None
    cells = []
    try:
        for number, values in enumerate(
            book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        ):
            if number >= len(rows):
                break
            for column, value in enumerate(values[: len(rows[number])]):
                if isinstance(value, str) and value.startswith('=') and rows[number][column] == '':
                    cells.append(f'{get_column_letter(column + 1)}{number + 1}')
    except Exception:  # noqa: BLE001 - broken XML inside the file, read lazily by the rows
        raise _unreadable() from None
    finally:
        book.close()
    if cells:
        shown = ', '.join(cells[:FORMULAS_NAMED]) + (' …' if len(cells) > FORMULAS_NAMED else '')
        raise Refused(
            _l(
                'The file keeps no value for the formula in %(count)d cell(s) (%(cells)s): open '
                'it in Excel or LibreOffice and save it again, or paste the values only.',
                count=len(cells), cells=shown,
            )
        )  # fmt: skip


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (``<f>``), read without parsing."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # its sizes checked already
        return any(
            re.search(rb'<f[ >/]', archive.read(name))
            for name in archive.namelist()
            if name.startswith('xl/worksheets/') and name.endswith('.xml')
        )


def _unreadable() -> Refused:
    return Refused(_l('This XLSX file cannot be read. Save it again from the template.'))


def _check_unpacked_size(data: bytes) -> None:
    """Refuse an XLSX that unpacks to more than :data:`MAX_UNPACKED` bytes (a "zip bomb").

    A 104 KB file holding one 100 MB cell took a server process to 1.5 GB. The sizes the zip
    states are checked before anything is unpacked; openpyxl then reads no more than they say.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    if unpacked > MAX_UNPACKED:
        raise Refused(
            _l(
                'This XLSX file unpacks to more than %(max)d MB: a workbook of %(rows)d inputs '
                'is far smaller. Save the inputs alone, from the template.',
                max=MAX_UNPACKED // 1_000_000, rows=MAX_ROWS,
            )
        )  # fmt: skip


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
