"""Importing offline inputs: every encoding, B.E. and C.E. dates, all or nothing, the report."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from html import unescape

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from forum.consultations.models import ConsultationInput
from forum.db import utcnow
from tests.conftest import csrf_token
from tests.consultations.conftest import EN, get_round

HEADER = 'date,channel,commitment,part,sector,name,organisation,province,publish_name,contact,text'


def _today_be() -> str:
    """Yesterday (inside an open round that opened a day ago) as day/month/B.E. year."""
    day = (utcnow() + timedelta(hours=7)).date()
    return f'{day:%d/%m}/{day.year + 543}'


def _today_ce() -> str:
    day = (utcnow() + timedelta(hours=7)).date()
    return f'{day:%d/%m/%Y}'


def _rows() -> list[str]:
    return [
        f'{_today_be()},meeting,TH0001,problem,civil_society,สมชาย ใจดี,เครือข่ายรัฐบาลเปิด,เชียงใหม่,'
        'yes,081-234-5678,"ขอให้เปิดเผยข้อมูล “ทุกไตรมาส”, อย่างน้อย"',
        f'{_today_ce()},ประชุม,,,ภาคเอกชน,,,TH-10,no,,ความเห็นต่อแผนทั้งฉบับ',
        f'{_today_be()},written,TH0002,milestone 1,academia,ดร.ศรี,,,ใช่,,ข้อเสนอจากจดหมาย',
    ]


def _csv(rows=None, header=HEADER) -> str:
    return '\r\n'.join([header, *(rows if rows is not None else _rows())]) + '\r\n'


def _upload(client, round_id, data: bytes, filename='inputs.csv'):
    path = f'/consultations/{round_id}/import'
    return client.post(
        path, data={'csrf_token': csrf_token(client, path), 'file': (io.BytesIO(data), filename)},
        content_type='multipart/form-data', headers=EN,
    )  # fmt: skip


def _inputs(db) -> list[ConsultationInput]:
    db.session.expire_all()
    return list(db.session.scalars(select(ConsultationInput).order_by(ConsultationInput.seq)))


@pytest.mark.parametrize(
    'encode',
    [
        lambda text: text.encode('utf-8'),
        lambda text: codecs.BOM_UTF8 + text.encode('utf-8'),
        lambda text: text.encode('cp874'),  # Windows-874: the curly quotes are in it
        # TIS-620 has no curly quotes: the same text without them.
        lambda text: text.replace('“', '').replace('”', '').encode('tis_620'),
    ],
    ids=['utf-8', 'utf-8-bom', 'windows-874', 'tis-620'],
)
def test_a_csv_imports_in_every_thai_encoding(client, db, staff, make_round, commitments, encode):
    round_id = make_round('open')
    response = _upload(client, round_id, encode(_csv()))
    assert response.status_code == 302, _problems(response) or _errors(response)
    items = _inputs(db)
    assert [i.tracking_number for i in items] == ['C1-000001', 'C1-000002', 'C1-000003']
    first, second, third = items
    assert first.body.startswith('ขอให้เปิดเผยข้อมูล')
    assert first.body.replace('“', '').replace('”', '') == 'ขอให้เปิดเผยข้อมูล ทุกไตรมาส, อย่างน้อย'
    assert (first.channel, first.anchor, first.commitment.code) == ('meeting', 'problem', 'TH0001')
    assert (first.submitter_name, first.organisation, first.province) == (
        'สมชาย ใจดี', 'เครือข่ายรัฐบาลเปิด', 'TH-50')  # fmt: skip
    assert (first.publish_name, first.contact, first.sector.code) == (
        True, '081-234-5678', 'civil_society')  # fmt: skip
    assert first.received_on == (utcnow() + timedelta(hours=7)).date()  # B.E. read as C.E.
    assert second.received_on == first.received_on  # C.E. as given
    assert (second.commitment, second.channel, second.sector.code) == (
        None, 'meeting', 'private_sector')  # fmt: skip
    assert (third.anchor, third.milestone_id) == ('milestone', third.commitment.milestones[0].id)
    assert third.anchor_key == f'milestone:{third.milestone_id}'
    assert {i.recorded_by_id for i in items} == {first.recorded_by_id}
    assert first.recorded_by_id is not None


def test_an_xlsx_with_date_cells_and_be_text_imports(client, db, staff, make_round, commitments):
    round_id = make_round('open')
    book = Workbook()
    sheet = book.active
    sheet.append(['วันที่', 'ช่องทาง', 'พันธสัญญา', 'ภาคส่วน', 'ข้อคิดเห็น', 'เปิดเผยชื่อ'])
    today = (utcnow() + timedelta(hours=7)).date()
    sheet.append([datetime(today.year, today.month, today.day), 'written', 'TH0002', 'other',
                  'จดหมายจากชุมชน', 'no'])  # fmt: skip
    sheet.append([_today_be(), 'meeting', None, 'government', 'ความเห็นจากเวที', None])
    sheet.append([])  # a blank row is skipped
    out = io.BytesIO()
    book.save(out)
    response = _upload(client, round_id, out.getvalue(), 'inputs.xlsx')
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    items = _inputs(db)
    assert [(i.body, i.received_on) for i in items] == [
        ('จดหมายจากชุมชน', today), ('ความเห็นจากเวที', today)]  # fmt: skip


def _errors(response) -> list[str]:
    return re.findall(r'<ul class="errors"[^>]*>(.*?)</ul>', response.get_data(as_text=True), re.S)


def _problems(response) -> list[tuple[str, str, str]]:
    html = response.get_data(as_text=True)
    pattern = (
        r'<tr data-row="(\d+)" data-column="([^"]*)">\s*<td[^>]*>[^<]*</td>\s*'
        r'<td[^>]*>[^<]*</td>\s*<td[^>]*>(.*?)</td>'
    )
    rows = re.findall(pattern, html, re.S)
    return [(row, column, unescape(message)) for row, column, message in rows]


def test_every_bad_row_is_reported_and_nothing_is_imported(
    client, db, staff, make_round, commitments
):
    round_id = make_round('open', only=[commitments[0]])
    long_text = 'ก' * 10_001
    rows = [
        f'{_today_be()},meeting,TH0001,,civil_society,ดี,,,no,,ข้อนี้ถูกต้อง',  # 2: fine
        '31/02/2569,meeting,TH0001,,civil_society,,,,no,,วันที่ไม่มีจริง',  # 3
        '01/01/2500,meeting,TH0001,,civil_society,,,,no,,ก่อนเปิดรอบ',  # 4
        f'{_today_be()},fax,TH0001,,civil_society,,,,no,,ช่องทางไม่รู้จัก',  # 5
        f'{_today_be()},online,TH0001,,civil_society,,,,no,,ออนไลน์',  # 6
        f'{_today_be()},meeting,TH0009,,civil_society,,,,no,,ไม่มีพันธสัญญา',  # 7
        f'{_today_be()},meeting,TH0002,,civil_society,,,,no,,นอกรอบ',  # 8
        f'{_today_be()},meeting,TH0001,budgetx,civil_society,,,,no,,ส่วนไม่รู้จัก',  # 9
        f'{_today_be()},meeting,,problem,civil_society,,,,no,,ส่วนไม่มีพันธสัญญา',  # 10
        f'{_today_be()},meeting,TH0001,,farmers,,,,no,,ภาคส่วนไม่รู้จัก',  # 11
        f'{_today_be()},meeting,TH0001,,civil_society,,,Atlantis,no,,จังหวัดไม่รู้จัก',  # 12
        f'{_today_be()},meeting,TH0001,,civil_society,,,,maybe,,ไม่ใช่ใช่หรือไม่',  # 13
        f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,',  # 14: empty text
        f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,{long_text}',  # 15
        f'{_today_be()},meeting,TH0001,,civil_society,ชื่อ\u202eซ่อน,,,no,,ชื่อมีอักขระซ่อน',  # 16
        f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,เกิน,เซลล์,เกิน',  # 17
        f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,ถูกต้องอีกแถว',  # 18: fine
    ]
    response = _upload(client, round_id, _csv(rows).encode('utf-8'))
    assert response.status_code == 400
    problems = _problems(response)
    by_row = {(int(row), column) for row, column, _m in problems}
    assert by_row == {
        (3, 'date'), (4, 'date'), (5, 'channel'), (6, 'channel'), (7, 'commitment'),
        (8, 'commitment'), (9, 'part'), (10, 'part'), (11, 'sector'), (12, 'province'),
        (13, 'publish_name'), (14, 'text'), (15, 'text'), (16, 'name'), (17, ''),
    }  # fmt: skip
    messages = {(int(row), column): message for row, column, message in problems}
    assert '"31/02/2569" is not a date' in messages[(3, 'date')]
    assert 'The date must lie within the round' in messages[(4, 'date')]
    assert 'Online inputs come through the site' in messages[(6, 'channel')]
    assert 'not a commitment of this consultation round' in messages[(8, 'commitment')]
    assert 'Unknown sector "farmers"' in messages[(11, 'sector')]
    assert 'at most 10,000 characters (this one has 10,001)' in messages[(15, 'text')]
    assert 'U+202E' in messages[(16, 'name')]
    assert 'Nothing was imported: the file has 15 problems.' in response.get_data(as_text=True)
    assert _inputs(db) == []


@pytest.mark.parametrize(
    ('cell', 'line'),
    [
        ('ก' * 200_000, 2),  # past the 131,072 characters Python's reader takes in a cell
        ('"an opening quote mark never closed, ' + 'ข' * 140_000, 2),
    ],
    ids=['huge cell', 'unclosed quote'],
)
def test_a_cell_the_reader_cannot_take_is_refused_by_its_line(
    client, db, staff, make_round, commitments, cell, line
):
    round_id = make_round('open', only=[commitments[0]])
    rows = [f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,{cell}']
    response = _upload(client, round_id, _csv(rows).encode('utf-8'))
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert f'Line {line} of the CSV file cannot be read' in page
    assert 'at most 10,000 characters' in page
    assert _inputs(db) == []


def _offline(client, round_id, **fields):
    path = f'/consultations/{round_id}/inputs/offline'
    day = (utcnow() + timedelta(hours=7)).date()
    data = {'csrf_token': csrf_token(client, path), 'about': '', 'channel': 'meeting',
            'received_on': day.isoformat(), 'sector': 'civil_society',
            'body': 'ข้อเสนอจากเวทีจังหวัด'} | fields  # fmt: skip
    return client.post(path, data=data, headers=EN)


@pytest.mark.parametrize(
    ('fields', 'message'),
    [
        ({'body': ''}, 'This field is required.'),
        ({'body': 'ก' * 10_001}, 'At most 10,000 characters.'),
        ({'channel': 'online'}, 'Channel</a>: Not a valid choice.'),
        ({'sector': 'farmers'}, 'Sector</a>: Not a valid choice.'),
        ({'about': 'c999999'}, 'This commitment is not part of this consultation round.'),
        ({'received_on': '31/02/2569'}, 'Not a valid date value.'),
        ({'name': 'ชื่อ\u202eซ่อน'}, 'U+202E'),
    ],
    ids=[
        'empty',
        'too long',
        'online',
        'unknown sector',
        'outside the round',
        'bad date',
        'hidden character',
    ],  # fmt: skip
)
def test_a_bad_offline_input_is_refused_with_its_reason_and_nothing_saved(
    client, db, staff, make_round, commitments, fields, message
):
    round_id = make_round('open', only=[commitments[0]])
    refused = _offline(client, round_id, **fields)
    assert refused.status_code == 400
    assert message in unescape(refused.get_data(as_text=True))
    assert _inputs(db) == []
    assert _offline(client, round_id).status_code == 302  # the same form, filled right, goes in
    assert [i.body for i in _inputs(db)] == ['ข้อเสนอจากเวทีจังหวัด']


def test_wrong_columns_are_named(client, db, staff, make_round, commitments):
    round_id = make_round('open')
    header = 'date,channel,sector,colour,sector'
    response = _upload(client, round_id, _csv([f'{_today_be()},meeting,other,red,other'],
                                              header=header).encode())  # fmt: skip
    assert response.status_code == 400
    problems = _problems(response)
    assert ('1', 'colour', 'Unknown column "colour". The columns are: ' + HEADER.replace(',', ', ')
            + '.') in problems  # fmt: skip
    assert ('1', 'sector', 'This column appears twice.') in problems
    assert ('1', 'text', 'The column "text" is missing.') in problems
    assert _inputs(db) == []


def test_a_file_mixing_encodings_is_refused_naming_the_lines(client, db, staff, make_round):
    round_id = make_round('open')
    utf8_row, thai_row = (f'{_today_be()},meeting,,,other,,,,no,,{text}' for text in
                          ('ข้อความยูทีเอฟแปด', 'ข้อความภาษาไทยวินโดวส์'))  # fmt: skip
    data = (HEADER + '\r\n' + utf8_row + '\r\n').encode('utf-8') + (thai_row + '\r\n').encode(
        'cp874'
    )
    response = _upload(client, round_id, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'The file mixes encodings: lines 2 are UTF-8 but lines 3 are not.' in html
    assert _inputs(db) == []


@pytest.mark.parametrize(
    ('data', 'filename', 'message'),
    [
        (b'', 'inputs.csv', 'The file is empty.'),
        (HEADER.encode() + b'\r\n', 'inputs.csv', 'The file has no inputs below its header.'),
        (b'\xd0\xcf\x11\xe0 old excel', 'inputs.xls', 'Save the spreadsheet as .xlsx'),
        (b'PK\x03\x04 not really a workbook', 'inputs.xlsx', 'This XLSX file cannot be read.'),
        (b'\x00\x01\x02binary', 'inputs.csv', 'This is not a CSV file.'),
    ],
    ids=['empty', 'header-only', 'xls', 'broken-xlsx', 'binary'],
)
def test_files_that_are_no_inputs_are_refused(client, db, staff, make_round, data, filename,
                                             message):  # fmt: skip
    round_id = make_round('open')
    response = _upload(client, round_id, data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _inputs(db) == []


def test_the_templates_show_the_columns_and_import_once_filled(
    client, db, staff, make_round, commitments
):
    round_id = make_round('open')
    csv_file = client.get(f'/consultations/{round_id}/import/template.csv')
    assert csv_file.status_code == 200
    assert (
        csv_file.headers['Content-Disposition'] == 'attachment; filename="C1-inputs-template.csv"'
    )
    assert csv_file.data == codecs.BOM_UTF8 + (HEADER + '\r\n').encode()
    assert csv_file.headers['Content-Type'] == 'text/csv; charset=utf-8'  # once, not twice
    xlsx = client.get(f'/consultations/{round_id}/import/template.xlsx')
    book = load_workbook(io.BytesIO(xlsx.data))
    assert [c.value for c in book['inputs'][1]] == HEADER.split(',')
    help_rows = list(book['help'].iter_rows(values_only=True))
    assert help_rows[0] == ('column', 'คำอธิบาย', 'explanation')
    assert any('TH0001, TH0002' in (row[2] or '') for row in help_rows)
    sheet = book['inputs']
    sheet.append(
        [_today_be(), 'meeting', 'TH0001', '', 'academia', '', '', '', 'no', '', 'จากแม่แบบ']
    )
    out = io.BytesIO()
    book.save(out)
    assert _upload(client, round_id, out.getvalue(), 'filled.xlsx').status_code == 302
    assert [i.body for i in _inputs(db)] == ['จากแม่แบบ']


class CountingStream(io.RawIOBase):
    """A request body of ``size`` bytes that counts how many of them the server reads.

    Seeking (the test client measures the body that way) reads nothing.
    """

    def __init__(self, size: int):
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self.size - self.position))
        buffer[:n] = b'x' * n
        self.position += n
        self.read_bytes += n
        return n


def test_a_50_mb_file_is_refused_before_it_is_read(client, db, staff, make_round):
    round_id = make_round('open')
    path = f'/consultations/{round_id}/import'
    token = csrf_token(client, path)
    body = CountingStream(50 * 1024 * 1024)
    response = client.post(
        path, input_stream=body, content_length=body.size, headers=EN,
        content_type='multipart/form-data; boundary=forum-test',
    )  # fmt: skip
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert 'The file is too large: at most 5 MB may be imported (this upload is 50 MB).' in html
    assert body.read_bytes < 64 * 1024, body.read_bytes
    assert token  # the page was there to send from
    assert _inputs(db) == []


def test_a_file_just_over_5_mb_is_refused_with_the_same_reason(client, db, staff, make_round):
    round_id = make_round('open')
    big = (HEADER + '\r\n').encode() + b'x' * (5 * 1024 * 1024 + 10)
    response = _upload(client, round_id, big)
    assert response.status_code == 413
    assert 'The file is too large: at most 5 MB may be imported' in response.get_data(as_text=True)


def test_a_round_that_has_not_opened_takes_no_file(client, db, staff, make_round):
    round_id = make_round('announced')
    response = _upload(client, round_id, _csv([]).encode())
    assert response.status_code == 409
    assert 'recorded while the round is open or closed' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ConsultationInput.id))) == 0
    assert get_round(db, round_id).input_seq == 0


def test_dates_are_read_in_both_eras_and_in_words():
    from forum.consultations.imports.columns import read_date

    assert read_date('15/01/2569') == date(2026, 1, 15)
    assert read_date('15/01/2026') == date(2026, 1, 15)
    assert read_date('๑๕/๐๑/๒๕๖๙') == date(2026, 1, 15)
    assert read_date('2026-01-15') == date(2026, 1, 15)
    assert read_date('15 มกราคม 2569') == date(2026, 1, 15)
    assert read_date('15 ม.ค. 2569') == date(2026, 1, 15)
    assert read_date('15 January 2026') == date(2026, 1, 15)


def _workbook(*more_rows) -> bytes:
    """A workbook as openpyxl writes it: its first input's text a formula, with no value kept."""
    book = Workbook()
    sheet = book.active
    sheet.append(['date', 'channel', 'sector', 'text'])
    sheet.append([_today_be(), 'written', 'other', '=CONCATENATE("ข้อเสนอ", "จากชุมชน")'])
    for row in more_rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_formula_without_a_saved_value_is_named_not_read_as_empty(
    client, db, staff, make_round, commitments
):
    # openpyxl, like other scripts, writes a formula without its value: the text would read as
    # empty. The refusal names the cells instead, and nothing is recorded.
    round_id = make_round('open')
    data = _workbook(
        [_today_be(), 'meeting', 'government', 'ความเห็นจากเวที'],
        [_today_be(), 'meeting', '="govern"&"ment"', '=D3'],
    )
    response = _upload(client, round_id, data, 'inputs.xlsx')
    assert response.status_code == 400
    assert _problems(response) == [
        ('0', '', 'The file keeps no value for the formula in 3 cell(s) (D2, C4, D4): open it '
                  'in Excel or LibreOffice and save it again, or paste the values only.'),
    ]  # fmt: skip
    assert _inputs(db) == []


def test_an_xlsx_formula_with_its_saved_value_imports_the_value(
    client, db, staff, make_round, commitments
):
    # What Excel and LibreOffice write: the formula and, beside it, its value.
    round_id = make_round('open')
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = 'xl/worksheets/sheet1.xml'
    parts[name] = re.sub(
        rb'<c r="D2"([^>]*)>(<f>[^<]*</f>)<v></v>',
        lambda m: b'<c r="D2" t="str"' + m.group(1) + b'>' + m.group(2)
        + '<v>ข้อเสนอจากชุมชน</v>'.encode(),
        parts[name],
    )  # fmt: skip
    assert '<v>ข้อเสนอจากชุมชน</v>'.encode() in parts[name]
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, 'w') as target:
        for part, data in parts.items():
            target.writestr(part, data)
    response = _upload(client, round_id, saved.getvalue(), 'inputs.xlsx')
    assert response.status_code == 302, _problems(response)
    assert [i.body for i in _inputs(db)] == ['ข้อเสนอจากชุมชน']
