"""A round's summary in every format, read back: Thai exactly as entered, no leaked names."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from flask_babel import force_locale
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from pypdf import PdfReader

from forum.exports.consultation.schema import SUMMARY_SCHEMA
from tests.exports.passages import NOISY_CLEAN, STACKED
from tests.exports.rounds import (
    HIDDEN_TEXT,
    NAMED,
    PASSAGE,
    REASON,
    SECRET_NAMES,
    WITHDRAWN_TEXT,
)
from tests.exports.roundtrip import squash

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def _get(client, round_id: int, fmt: str, query: str = 'lang=th'):
    response = client.get(f'/consultations/{round_id}/summary.{fmt}?{query}')
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response


def _docx_text(data: bytes) -> tuple[list[tuple[str, str]], str]:
    doc = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return paragraphs, '\n'.join([t for _s, t in paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    return '\n'.join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _no_secrets(text: str, fmt: str) -> None:
    for secret in (*SECRET_NAMES, WITHDRAWN_TEXT, HIDDEN_TEXT):
        assert squash(secret) not in squash(text), (fmt, secret)


def test_json_validates_against_its_schema_and_holds_the_round(client, summary_round):
    response = _get(client, summary_round, 'json')
    assert response.mimetype == 'application/json'
    assert 'TH-C1-summary-th.json' in response.headers['Content-Disposition']
    data = response.get_json()
    Draft202012Validator(SUMMARY_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
                         ).validate(data)  # fmt: skip
    assert data['round']['code'] == 'C1'
    assert data['round']['channels'][0] == {'code': 'online', 'label': 'ออนไลน์'}
    p = data['participation']
    assert (p['respondents'], p['inputs'], p['withdrawn'], p['hidden']) == (4, 4, 1, 1)
    items = {i['tracking_number']: i for g in data['groups'] for i in g['inputs']}
    assert len(items) == 5
    named, anonymous, withdrawn, noisy, hidden = (items[f'C1-00000{n}'] for n in range(1, 6))
    assert (named['text'], named['submitter'], named['disposition']) == (
        PASSAGE[0], NAMED, 'adopted')  # fmt: skip
    assert named['revisions'][0]['commitment'] == 'TH0001'
    assert 'TH0001' in named['change']
    assert (anonymous['submitter'], anonymous['submitter_label']) == (None, 'ไม่ระบุชื่อ')
    assert anonymous['response_via'] == 'theme'
    assert anonymous['reason'] == REASON
    assert (withdrawn['status'], withdrawn['text']) == ('withdrawn', None)
    assert noisy['text'] == NOISY_CLEAN  # control characters gone, emoji kept
    assert (noisy['submitter'], noisy['organisation']) == (None, None)
    assert (hidden['status'], hidden['text'], hidden['hidden_reason']) == (
        'hidden', None, 'มีหมายเลขโทรศัพท์')  # fmt: skip
    # Grouped by commitment: the whole plan first, then TH0001, TH0002.
    assert [g['code'] for g in data['groups']] == [None, 'TH0001', 'TH0002']
    _no_secrets(response.get_data(as_text=True), 'json')


def test_csv_has_a_bom_one_row_per_input_and_no_formula(client, summary_round):
    response = _get(client, summary_round, 'csv', 'lang=en')
    assert response.headers['Content-Type'] == 'text/csv; charset=utf-8'  # one charset
    body = response.get_data()
    assert body.startswith(b'\xef\xbb\xbf')
    rows = list(csv.reader(io.StringIO(body.decode('utf-8-sig'))))
    assert rows[0][:3] == ['Tracking number', 'Status', 'Received on']
    assert len(rows) == 1 + 5
    by_number = {row[0]: row for row in rows[1:]}
    assert PASSAGE[0] in by_number['C1-000001']
    assert 'Anonymous' in by_number['C1-000002']
    assert 'Withdrawn by its submitter' in by_number['C1-000003']
    assert NOISY_CLEAN in by_number['C1-000004']
    _no_secrets(body.decode('utf-8-sig'), 'csv')


def test_xlsx_has_a_sheet_per_table_frozen_headers_and_widths(client, summary_round):
    response = _get(client, summary_round, 'xlsx')
    assert response.mimetype == XLSX
    book = load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ['สรุป', 'ภาคส่วน', 'ช่องทาง', 'จังหวัด', 'พันธสัญญา', 'คำชี้แจง',
                               'ประเด็นที่ได้รับ', 'ข้อคิดเห็นและคำชี้แจง']  # fmt: skip
    for sheet in book.worksheets:
        assert sheet.freeze_panes == 'A2', sheet.title
        assert all(cell.value for cell in sheet[1]), sheet.title  # a header over every column
        assert sheet.column_dimensions['A'].width >= 16, sheet.title
    inputs = book.worksheets[-1]
    values = [[c.value for c in row] for row in inputs.iter_rows()]
    assert len(values) == 1 + 5
    texts = '\n'.join(str(v) for row in values for v in row if v is not None)
    assert PASSAGE[0] in texts
    assert NOISY_CLEAN in texts
    sectors = {row[0].value: row[2].value for row in book['ภาคส่วน'].iter_rows(min_row=2)}
    assert sectors['ภาควิชาการ'] == 1
    _no_secrets(texts, 'xlsx')


def test_docx_has_headings_tables_and_the_thai_exactly(client, summary_round):
    response = _get(client, summary_round, 'docx')
    assert 'TH-C1-summary-th.docx' in response.headers['Content-Disposition']
    paragraphs, text = _docx_text(response.get_data())
    headings = [t for style, t in paragraphs if style == 'Heading 1']
    assert headings == ['เกี่ยวกับการรับฟังความคิดเห็นนี้', 'การมีส่วนร่วม', 'ประเด็นที่ได้รับ',
                        'ข้อคิดเห็นและคำชี้แจง']  # fmt: skip
    assert PASSAGE[0] in text  # as entered
    assert f'{PASSAGE[1]} {STACKED}' in text
    assert PASSAGE[2] in text  # a reason
    assert NOISY_CLEAN in text
    assert 'ไม่ระบุชื่อ' in text
    _no_secrets(text, 'docx')
    thai = _docx_text(_get(client, summary_round, 'docx', 'lang=th&digits=thai').get_data())[1]
    assert '๔' in thai  # the counts in Thai digits
    assert 'C1-000001' in thai  # identifiers keep theirs


def test_pdf_text_holds_the_thai_and_no_secrets(client, summary_round):
    response = _get(client, summary_round, 'pdf')
    assert response.mimetype == 'application/pdf'
    reader = PdfReader(io.BytesIO(response.get_data()))
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)
    text = squash(_pdf_text(response.get_data()))
    for passage in (PASSAGE[0], PASSAGE[1], PASSAGE[2], STACKED, REASON):
        assert squash(passage) in text, passage[:40]
    assert '-1-' in text  # page numbers
    _no_secrets(text, 'pdf')
    # The resulting change on a line of its own, after the response it belongs to.
    lines = _pdf_text(response.get_data()).splitlines()
    change = next(n for n, line in enumerate(lines) if line.startswith('การแก้ไขที่เกิดขึ้น: '))
    assert 'TH0001' in lines[change]
    assert 'รับข้อเสนอ' in ''.join(lines[change - 3 : change])


def test_english_summary_with_no_inputs_is_short_and_valid(client, make_round):
    empty = make_round('published')
    data = _get(client, empty, 'json', 'lang=en').get_json()
    Draft202012Validator(SUMMARY_SCHEMA).validate(data)
    assert (data['groups'], data['participation']['inputs']) == ([], 0)
    text = squash(_pdf_text(_get(client, empty, 'pdf', 'lang=en').get_data()))
    assert squash('No inputs were received in this round.') in text
    rows = list(csv.reader(io.StringIO(_get(client, empty, 'csv').get_data().decode('utf-8-sig'))))
    assert len(rows) == 1
    thai = squash(_pdf_text(_get(client, empty, 'pdf', 'lang=th&digits=thai').get_data()))
    assert 'ไม่มีข้อคิดเห็นในรอบนี้' in thai
    assert '-๑-' in thai  # the first page of the body, numbered in Thai digits
    assert 'ข้อคิดเห็น๐' in thai  # the count of inputs


def test_who_may_download_and_bad_input(client, auth, make_round, summary_round):
    closed = make_round('closed')
    assert client.get(f'/consultations/{closed}/summary.json').status_code == 404
    assert client.get('/consultations/999999/summary.json').status_code == 404
    response = client.get(f'/consultations/{summary_round}/summary.odt')
    assert response.status_code == 400
    assert 'pdf, docx, xlsx, csv, json' in response.get_data(as_text=True)
    response = client.get(f'/consultations/{summary_round}/summary.json?lang=fr')
    assert response.status_code == 400
    assert 'th, en' in response.get_data(as_text=True)
    assert client.get(f'/consultations/{summary_round}/summary.pdf?digits=roman').status_code == 400
    auth.login('sec@example.org')
    preview = client.get(f'/consultations/{closed}/summary.json')
    assert preview.status_code == 200
    assert preview.get_json()['round']['state'] == 'closed'


def _export(runner, round_id: int, fmt: str, out, *options: str):
    """``flask forum export consultation`` of ``round_id`` in ``fmt`` to ``out``."""
    args = ['forum', 'export', 'consultation', str(round_id), '--format', fmt, *options]
    return runner.invoke(args=[*args, '--output', str(out)])


@pytest.mark.parametrize('fmt', ['csv', 'json'])
def test_the_cli_writes_the_same_export(runner, summary_round, tmp_path, fmt):
    out = tmp_path / f'summary.{fmt}'
    result = _export(runner, summary_round, fmt, out, '--lang', 'th')
    assert result.exit_code == 0, result.output
    assert PASSAGE[0] in out.read_bytes().decode('utf-8-sig')


def test_a_failed_cli_export_leaves_no_file_and_any_file_there_untouched(
    runner, summary_round, tmp_path, monkeypatch
):
    import dataclasses

    from forum.exports import registry

    def fail_halfway(document, out, progress):
        out.write(b'half a file')
        raise RuntimeError('the layout failed')

    registry.formats('consultation')  # the exporters registered
    key = ('consultation', 'csv')
    failing = dataclasses.replace(registry._EXPORTERS[key], render=fail_halfway)
    monkeypatch.setitem(registry._EXPORTERS, key, failing)
    kept = tmp_path / 'kept.csv'
    kept.write_bytes(b'an earlier export')
    for out in (kept, tmp_path / 'new.csv'):
        result = _export(runner, summary_round, 'csv', out)
        assert result.exit_code == 1
        assert 'the export failed (RuntimeError: the layout failed)' in result.output
        assert f'{out} was not written' in result.output
    assert kept.read_bytes() == b'an earlier export'
    assert sorted(p.name for p in tmp_path.iterdir()) == ['kept.csv']  # no partial file


def test_the_cli_names_a_missing_output_folder(runner, summary_round, tmp_path):
    out = tmp_path / 'no-such-folder' / 'summary.csv'
    result = _export(runner, summary_round, 'csv', out)
    assert result.exit_code == 2
    assert 'does not exist' in result.output
    assert 'Traceback' not in result.output
    assert not out.parent.exists()


def test_a_cli_export_gets_the_usual_file_mode(runner, summary_round, tmp_path):
    import os
    import stat

    out = tmp_path / 'summary.json'
    umask = os.umask(0o022)
    try:
        result = _export(runner, summary_round, 'json', out)
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_the_results_page_links_the_downloads(client, summary_round):
    page = client.get(f'/consultations/{summary_round}/results').get_data(as_text=True)
    for fmt in ('pdf', 'docx', 'xlsx', 'csv', 'json'):
        assert f'/consultations/{summary_round}/summary.{fmt}?lang=th' in page, fmt


def test_shaping_needs_neither_the_app_nor_the_database(app, summary_round):
    """What the registry runs off the gevent hub is plain Python: it works outside any context."""
    from forum.consultations.models import ConsultationRound
    from forum.exports import registry
    from forum.exports.consultation import summary
    from forum.extensions import db

    with app.test_request_context('/'):
        round_ = db.session.get(ConsultationRound, summary_round)
        exporter = registry.exporter('consultation', 'json')
        options = registry.Options(lang='en')
        whole = registry.build_document(exporter, round_, options, None)
        with force_locale('en'):
            collected = summary.collect(round_, options, None)
    # In a thread of its own, as off_hub runs it: no app, no request, no session there.
    from concurrent.futures import ThreadPoolExecutor

    from flask import has_app_context

    def shape_alone(data):
        assert not has_app_context()
        return summary.shape(data)

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(shape_alone, collected).result() == whole
    assert exporter.shape is summary.shape


def test_an_input_of_the_longest_length_runs_over_pages_whole(
    client, db, make_round, citizen, secretariat
):
    from forum.consultations.services.inputs import submit_input
    from forum.consultations.services.responses import respond
    from forum.consultations.services.rounds import close_round, publish_round
    from tests.consultations.conftest import get_round
    from tests.exports.roundtrip import thai_share

    round_ = get_round(db, make_round('open'))
    # The most an input may hold. Each passage is numbered in Thai digits: a text that repeats
    # itself would let the in-order match align a page with the wrong repetition.
    thai = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
    longest = ' '.join(
        f'{PASSAGE[n % len(PASSAGE)]} ({str(n).translate(thai)})' for n in range(40)
    )[:10_000]
    assert len(longest) == 10_000
    item = submit_input(round_, actor=db.session.merge(citizen), about='', body=longest)
    actor = db.session.merge(secretariat)
    respond(item, actor=actor, disposition='deferred', reason='พิจารณาในแผนถัดไป')
    close_round(round_, actor=actor)
    publish_round(round_, actor=actor)
    db.session.commit()
    data = _get(client, round_.id, 'pdf').get_data()
    assert len(PdfReader(io.BytesIO(data)).pages) > 5  # a row taller than a page is split
    found, total = thai_share(longest, _pdf_text(data))
    assert found == total
