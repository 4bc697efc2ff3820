"""The files the secretariat fills in: a CSV header, or a workbook with a sheet of help."""

from __future__ import annotations

import csv
import io

from ...sectors.services import list_sectors
from ..access import covered_commitments
from ..models import OFFLINE_CHANNELS, ConsultationRound
from ..provinces import PROVINCES
from .columns import COLUMNS
from .reading import MAX_ROWS


def template_csv() -> bytes:
    """The header row in UTF-8 with a byte-order mark (so Excel shows Thai as Thai)."""
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerow(list(COLUMNS))
    return out.getvalue().encode('utf-8-sig')


def _help_rows(round_: ConsultationRound) -> list[tuple[str, str, str]]:
    """(column, Thai, English) explanations of every column, with the values it takes."""
    sectors_th = ', '.join(f'{s.code} ({s.name_th})' for s in list_sectors())
    sectors_en = ', '.join(f'{s.code} ({s.name_en})' for s in list_sectors())
    channels_th = ', '.join(f'{c.value} ({c.label_in("th")})' for c in OFFLINE_CHANNELS)
    channels_en = ', '.join(f'{c.value} ({c.label_in("en")})' for c in OFFLINE_CHANNELS)
    codes = ', '.join(c.code for c in covered_commitments(round_)) or '—'
    texts = {
        'date': (
            'วัน/เดือน/ปี เช่น 15/01/2569 (พ.ศ.) หรือ 15/01/2026 (ค.ศ.) ภายในช่วงเวลาของรอบ',
            'Day/month/year: 15/01/2569 (B.E.) or 15/01/2026 (C.E.), within the round.',
        ),
        'channel': (f'ช่องทางที่ได้รับ: {channels_th}', f'How it came: {channels_en}.'),
        'commitment': (
            f'รหัสพันธสัญญา ({codes}) เว้นว่างหากเป็นความเห็นต่อแผนทั้งฉบับ',
            f'The commitment code ({codes}); empty for the plan as a whole.',
        ),
        'part': (
            'ไม่บังคับ: ส่วนของพันธสัญญา เช่น problem, solution หรือ "milestone 2"',
            'Optional: a part of the commitment (problem, solution, …) or "milestone 2".',
        ),
        'sector': (f'ภาคส่วนของผู้ให้ความเห็น: {sectors_th}', f'Their sector: {sectors_en}.'),
        'name': ('ชื่อผู้ให้ความเห็น (ไม่บังคับ)', 'Their name (optional).'),
        'organisation': ('องค์กรที่ผู้ให้ความเห็นสังกัด (ไม่บังคับ)', 'Their organisation (optional).'),
        'province': (
            f'ไม่บังคับ: จังหวัด ({len(PROVINCES)} จังหวัด) เช่น TH-10 หรือ เชียงใหม่',
            f'Optional: a province ({len(PROVINCES)}), e.g. TH-10 or Chiang Mai.',
        ),
        'publish_name': (
            'yes หากผู้ให้ความเห็นยินยอมให้เปิดเผยชื่อในผลการรับฟังความคิดเห็น มิฉะนั้น no',
            'yes if they agreed to be named in the published results; else no.',
        ),
        'contact': ('ช่องทางติดต่อ (ไม่บังคับ) ไม่เปิดเผยต่อสาธารณะ', 'How to reach them '
                    '(optional): never published.'),
        'text': ('ข้อคิดเห็น (ไม่เกิน 10,000 ตัวอักษร)', 'What they said (at most 10,000 '
                 'characters).'),
    }  # fmt: skip
    return [
        (f'{name} / {thai}' + (' *' if required else ''), *texts[name])
        for name, (thai, required) in COLUMNS.items()
    ]


def template_xlsx(round_: ConsultationRound) -> bytes:
    """A workbook: the header on the first sheet, what each column takes on the second."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = 'inputs'
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = book.create_sheet('help')
    help_sheet.append(['column', 'คำอธิบาย', 'explanation'])
    for row in _help_rows(round_):
        help_sheet.append(list(row))
    help_sheet.append([])
    help_sheet.append(['', f'ไม่เกิน {MAX_ROWS:,} แถวต่อไฟล์', f'At most {MAX_ROWS:,} rows a file.'])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
