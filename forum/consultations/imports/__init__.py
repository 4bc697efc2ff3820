"""Importing offline inputs from a CSV or XLSX file: all rows or none, every bad row reported.

``reading`` turns the file into rows (encodings, XLSX), ``columns`` reads each cell, and
:func:`import_inputs` checks every row before recording any (``services.inputs``). ``template``
makes the files to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from ...auth.models import User
from ...core.refusals import Refused
from ..models import ConsultationRound
from ..services.inputs import (
    check_name,
    check_received_on,
    check_text,
    record_offline_input,
)
from . import columns as c
from .reading import read_rows


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell (or with the file, when ``row`` is 0)."""

    row: int
    column: str
    message: str


class ImportRefused(Refused):
    """A file that imports nothing: every problem found, by row and column."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            _l('Nothing was imported: the file has %(n)d problems.', n=len(problems))
            if len(problems) != 1 else _l('Nothing was imported: the file has a problem.')
        )  # fmt: skip
        self.problems = problems


def _header(row: list) -> dict[str, int]:
    """Column name -> index; ImportRefused for unknown, repeated or missing columns."""
    problems, found = [], {}
    for index, cell in enumerate(row):
        key = str(cell).strip().lower()
        name = c.HEADERS.get(key)
        if name is None:
            problems.append(Problem(1, c.shown(cell), str(_l(
                'Unknown column "%(value)s". The columns are: %(known)s.', value=c.shown(cell),
                known=', '.join(c.COLUMNS)))))  # fmt: skip
        elif name in found:
            problems.append(Problem(1, name, str(_l('This column appears twice.'))))
        else:
            found[name] = index
    for name, (_thai, required) in c.COLUMNS.items():
        if required and name not in found:
            problems.append(Problem(1, name, str(_l('The column "%(name)s" is missing.',
                                                    name=name))))  # fmt: skip
    if problems:
        raise ImportRefused(problems)
    return found


def _text(cell) -> str:
    return cell.isoformat() if hasattr(cell, 'isoformat') else str(cell)


def _read_row(round_, cells: dict, now: datetime | None) -> tuple[dict, list[tuple[str, str]]]:
    """One row's values for ``record_offline_input``, and its (column, message) problems."""
    problems: list[tuple[str, str]] = []

    def take(column: str, reader, *args):
        try:
            return reader(*args)
        except Refused as exc:
            problems.append((column, str(exc.message)))
            return None

    def cell(name: str):
        return cells.get(name, '')

    received = take('date', c.read_date, cell('date'))
    if received is not None:
        received = take('date', check_received_on, round_, received, now)
    commitment = take('commitment', c.read_commitment, cell('commitment'), round_)
    about = ''
    if commitment is not None:
        anchor = take('part', c.read_part, cell('part'), commitment)
        about = f'c{commitment.id}' + (f':{anchor}' if anchor else '')
    elif not any(column == 'commitment' for column, _m in problems):
        take('part', c.read_part, cell('part'), None)
    values = {
        'about': about,
        'received_on': received,
        'channel': take('channel', c.read_channel, cell('channel')),
        'sector': take('sector', c.read_sector, cell('sector')),
        'name': take('name', check_name, _text(cell('name'))),
        'organisation': take('organisation', check_name, _text(cell('organisation')), 255),
        'province': take('province', c.read_province, cell('province')),
        'publish_name': take('publish_name', c.read_yes_no, cell('publish_name')),
        'contact': take('contact', check_name, _text(cell('contact')), 255),
        'body': take('text', check_text, _text(cell('text'))),
    }
    return values, problems


def import_inputs(
    round_: ConsultationRound, *, actor: User, filename: str, data: bytes,
    now: datetime | None = None,
) -> list:  # fmt: skip
    """Record every row of the file as an offline input, or none (ImportRefused says why)."""
    if not round_.takes_offline_inputs:
        raise Refused(
            _l('Offline inputs are recorded while the round is open or closed, before the '
               'responses are published.'), status=409,
        )  # fmt: skip
    try:
        rows = read_rows(filename, data)
    except ImportRefused:
        raise
    except Refused as exc:
        raise ImportRefused([Problem(0, '', str(exc.message))]) from None
    if not rows or not rows[0]:
        raise ImportRefused([Problem(1, '', str(_l('The first row must name the columns.')))])
    header = _header(rows[0])
    problems, records = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in row):
            continue
        if len(row) > len(rows[0]):
            problems.append(Problem(number, '', str(_l('This row has more cells than the '
                                                       'header has columns.'))))  # fmt: skip
            continue
        cells = {name: row[index] if index < len(row) else '' for name, index in header.items()}
        values, found = _read_row(round_, cells, now)
        problems.extend(Problem(number, column, message) for column, message in found)
        records.append(values)
    if not records and not problems:
        problems.append(Problem(0, '', str(_l('The file has no inputs below its header.'))))
    if problems:
        raise ImportRefused(problems)
    return [record_offline_input(round_, actor=actor, now=now, **values) for values in records]
