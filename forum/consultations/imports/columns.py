"""The columns of an import file, their Thai aliases, and how each cell is read.

Each reader takes the cell and the round and returns a value for ``record_offline_input``, or
raises :class:`~forum.core.refusals.Refused` saying what is wrong with the cell.
"""

from __future__ import annotations

import re
from datetime import date

from babel.dates import get_month_names
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...comments.services import FIELD_ANCHORS
from ...commitments.models import Commitment
from ...core.i18n import BE_OFFSET
from ...core.refusals import Refused
from ...extensions import db
from ...sectors.services import list_sectors
from ..models import OFFLINE_CHANNELS, Channel
from ..provinces import find_province

#: Column name -> (Thai alias, required). The template's header row, in this order.
COLUMNS = {
    'date': ('วันที่', True),
    'channel': ('ช่องทาง', True),
    'commitment': ('พันธสัญญา', False),
    'part': ('ส่วน', False),
    'sector': ('ภาคส่วน', True),
    'name': ('ชื่อ', False),
    'organisation': ('องค์กร', False),
    'province': ('จังหวัด', False),
    'publish_name': ('เปิดเผยชื่อ', False),
    'contact': ('ติดต่อ', False),
    'text': ('ข้อคิดเห็น', True),
}
#: Header cell (lower case, spaces trimmed) -> column name.
HEADERS = {name: name for name in COLUMNS} | {thai: name for name, (thai, _r) in COLUMNS.items()}

_THAI_DIGITS = str.maketrans('๐๑๒๓๔๕๖๗๘๙', '0123456789')
_NUMERIC = re.compile(r'(\d{1,4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,4})')
_WORDS = re.compile(r'(\d{1,2})\s+(\S+)\s+(?:พ\.ศ\.\s*|ค\.ศ\.\s*)?(\d{4})')

YES = frozenset({'yes', 'y', 'true', '1', 'ใช่', 'ยินยอม', 'เปิดเผย'})
NO = frozenset({'', 'no', 'n', 'false', '0', 'ไม่', 'ไม่ใช่', 'ไม่ยินยอม', 'ไม่เปิดเผย'})


#: The most of a cell a problem quotes back: a file's huge cell is not sent back whole.
SHOWN = 80


def shown(text) -> str:
    """``text`` as a problem quotes it: at most :data:`SHOWN` characters, never empty."""
    text = str(text or '')
    return (text[:SHOWN] + '…') if len(text) > SHOWN else (text or ' ')


def _months() -> dict[str, int]:
    names = {}
    for locale in ('th', 'en'):
        for width in ('wide', 'abbreviated'):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.lower().rstrip('.')] = number
    return names


_MONTHS = _months()


def _year(value: int) -> int:
    """A four-digit year in C.E.: B.E. years (2400 and later) lose 543."""
    if value >= 2400:
        return value - BE_OFFSET
    if 1900 <= value < 2400:
        return value
    raise ValueError(value)


def read_date(cell, _round=None) -> date:
    """A day: ``15/01/2569`` or ``15/01/2026`` (day first), ``2026-01-15``, ``15 มกราคม 2569``."""
    if isinstance(cell, date):
        return cell
    text = str(cell).strip().translate(_THAI_DIGITS)
    try:
        if match := _NUMERIC.fullmatch(text):
            first, month, last = (int(g) for g in match.groups())
            if len(match.group(1)) == 4:  # year first (ISO)
                return date(_year(first), month, last)
            if len(match.group(3)) == 4:
                return date(_year(last), month, first)
        elif match := _WORDS.fullmatch(text):
            day, month, year = match.groups()
            number = _MONTHS.get(month.lower().rstrip('.'))
            if number:
                return date(_year(int(year)), number, int(day))
    except ValueError:
        pass
    raise Refused(
        _l('"%(value)s" is not a date: write day/month/year, such as 15/01/2569 (B.E.) or '
           '15/01/2026 (C.E.).', value=shown(text))
    )  # fmt: skip


#: Words the secretariat writes for a channel, besides its code and labels.
CHANNEL_WORDS = {
    Channel.online: ('ออนไลน์',),
    Channel.meeting: ('ประชุม', 'การประชุม', 'เวที', 'สัมมนา'),
    Channel.written: ('หนังสือ', 'จดหมาย', 'ลายลักษณ์อักษร', 'letter'),
    Channel.other: ('อื่น', 'อื่นๆ', 'อื่น ๆ'),
}


def read_channel(cell, _round=None) -> str:
    """A channel code, its label in Thai or English, or a common word for it (ประชุม)."""
    text = str(cell).strip().lower()
    for channel in Channel:
        labels = {channel.value, channel.label_in('th').lower(), channel.label_in('en').lower()}
        if text in labels or text in CHANNEL_WORDS[channel]:
            if channel not in OFFLINE_CHANNELS:
                raise Refused(_l('Online inputs come through the site: choose meeting, '
                                 'written or other.'))  # fmt: skip
            return channel.value
    raise Refused(
        _l('Unknown channel "%(value)s": use meeting, written or other.', value=shown(text))
    )


def read_sector(cell, _round=None):
    """A sector by code or by its Thai or English name."""
    text = str(cell).strip().lower()
    for sector in list_sectors():
        if text in (sector.code, sector.name_th.lower(), sector.name_en.lower()):
            return sector
    codes = ', '.join(s.code for s in list_sectors())
    raise Refused(
        _l('Unknown sector "%(value)s": use one of %(codes)s.', value=shown(text), codes=codes)
    )


def read_commitment(cell, round_) -> Commitment | None:
    """A commitment of the round by its code (``TH0001``); empty for the plan as a whole."""
    text = str(cell).strip().upper()
    if text in ('', 'NAP', 'PLAN', 'แผน'):
        return None
    found = None
    digits = re.fullmatch(r'[A-Z]{0,3}0*(\d{1,6})', text)
    if digits:
        found = db.session.scalar(
            select(Commitment).filter_by(nap_id=round_.nap_id, number=int(digits.group(1)))
        )
        if found is not None and found.code != text and not text.isdigit():
            found = None
    if found is None or not round_.covers(found):
        raise Refused(
            _l('"%(value)s" is not a commitment of this consultation round.', value=shown(text))
        )
    return found


def read_part(cell, commitment: Commitment | None) -> str:
    """A part of the commitment: a field name (``problem``) or ``milestone 2``; empty: all of it."""
    text = str(cell).strip().lower()
    if not text:
        return ''
    if commitment is None:
        raise Refused(_l('A part needs a commitment: name the commitment too.'))
    if text in FIELD_ANCHORS:
        return text
    number = re.fullmatch(r'(?:milestone|หมุดหมาย(?:ที่)?)\s*(\d{1,3})', text.translate(_THAI_DIGITS))
    if number:
        for milestone in commitment.milestones:
            if milestone.position == int(number.group(1)):
                return f'milestone:{milestone.id}'
    raise Refused(
        _l('Unknown part "%(value)s": use %(parts)s or "milestone 1".', value=shown(text),
           parts=', '.join(FIELD_ANCHORS))
    )  # fmt: skip


def read_province(cell, _round=None) -> str | None:
    """A province by ISO code (``TH-10``), Thai or English name."""
    text = str(cell).strip()
    if not text:
        return None
    province = find_province(text)
    if province is None:
        raise Refused(_l('Unknown province "%(value)s".', value=shown(text)))
    return province.code


def read_yes_no(cell, _round=None) -> bool:
    """yes/no, ใช่/ไม่, 1/0; empty is no."""
    text = str(cell).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Refused(_l('"%(value)s" is neither yes nor no.', value=shown(text)))
