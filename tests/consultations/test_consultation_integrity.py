"""The secretariat's changes to a round take turns; odd files are refused, not half-read.

Found by an outside review on PostgreSQL with two processes: a round published while an import
wrote its rows, two inputs merged into each other (every page of the round then a 500), a
withdrawal after the close, "not a duplicate" as a 500; an XLSX of broken XML (500) or unpacking
to gigabytes, a CSV whose unclosed quote swallowed the rows after it, Latin-1 read as Thai.
"""

from __future__ import annotations

import io
import zipfile
from html import unescape

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from forum.auth.models import User
from forum.consultations.models import ConsultationInput, ConsultationRound
from forum.consultations.services.inputs import record_offline_input, submit_input, withdraw_input
from forum.consultations.services.responses import respond
from forum.consultations.services.rounds import close_round, publish_round
from forum.consultations.services.themes import merge_input
from forum.db import utcnow
from forum.sectors.services import sector_by_code
from tests.conftest import csrf_token
from tests.consultations.conftest import EN, a_day_within, get_round
from tests.consultations.conftest import record_offline as _record
from tests.consultations.test_consultation_imports import HEADER, _csv, _inputs, _today_be, _upload
from tests.races import after_the_first_commits

# -- Files ---------------------------------------------------------------------------------------


def test_an_unclosed_quote_is_refused_naming_its_line(client, db, staff, make_round, commitments):
    round_id = make_round('open', only=[commitments[0]])
    rows = [
        f'{_today_be()},meeting,TH0001,,civil_society,สมชาย,,TH-50,yes,,"ข้อความที่ไม่ปิดเครื่องหมาย',
        f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,ความเห็นที่สอง',
    ]
    response = _upload(client, round_id, _csv(rows).encode('utf-8'))
    assert response.status_code == 400
    assert 'Line 2 of the CSV file cannot be read' in response.get_data(as_text=True)
    assert _inputs(db) == []


def test_a_file_in_neither_utf8_nor_windows_874_is_refused(
    client,
    db,
    staff,
    make_round,
    commitments,
):
    round_id = make_round('open', only=[commitments[0]])
    rows = [f'{_today_be()},meeting,TH0001,,civil_society,José,,,no,,Un café con leche']
    response = _upload(client, round_id, _csv(rows).encode('latin-1'))
    assert response.status_code == 400
    assert 'neither UTF-8 nor Thai Windows-874 (TIS-620) text (line 2)' in response.get_data(
        as_text=True
    )
    assert _inputs(db) == []


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(HEADER.split(','))
    book.active.append([_today_be(), 'meeting', 'TH0001', '', 'civil_society', '', '', '', 'no',
                        '', 'ความเห็น'])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _replace(data: bytes, part: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w') as dst:
        for info in src.infolist():
            content = body if info.filename == part else src.read(info.filename)
            dst.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
        if part not in src.namelist():
            dst.writestr(part, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ('part', 'cut'),
    [
        ('xl/worksheets/sheet1.xml', 'half'),
        ('xl/workbook.xml', '<not xml'),
        ('xl/styles.xml', '<bad'),
    ],
    ids=['sheet-cut-in-half', 'workbook-not-xml', 'styles-not-xml'],
)
def test_an_xlsx_of_broken_xml_is_refused(client, db, staff, make_round, commitments, part, cut):
    data = _xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        original = archive.read(part)
    body = original[: len(original) // 2] if cut == 'half' else cut.encode()
    response = _upload(client, make_round('open'), _replace(data, part, body), 'inputs.xlsx')
    assert response.status_code == 400
    assert 'This XLSX file cannot be read.' in response.get_data(as_text=True)
    assert _inputs(db) == []


def test_an_xlsx_unpacking_to_far_more_than_inputs_take_is_refused(
    client,
    db,
    staff,
    make_round,
    commitments,
):
    bomb = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    bomb += b'a' * 70_000_000 + b'</t></si></sst>'
    data = _replace(_xlsx(), 'xl/sharedStrings.xml', bomb)
    assert len(data) < 200_000  # the upload is small
    response = _upload(client, make_round('open'), data, 'inputs.xlsx')
    assert response.status_code == 400
    assert 'This XLSX file unpacks to more than 60 MB' in response.get_data(as_text=True)


def test_a_huge_cell_is_quoted_back_short(client, db, staff, make_round, commitments):
    header = HEADER + ',' + 'ก' * 20_000
    response = _upload(client, make_round('open'), _csv(header=header).encode('utf-8'))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'Unknown column "' + 'ก' * 80 + '…"' in unescape(page)
    assert 'ก' * 81 not in page  # nor whole in the problem's column
    assert len(page) < 60_000


# -- Services ------------------------------------------------------------------------------------


def test_not_a_duplicate_on_an_input_that_is_none_is_a_409(client, auth, db, three):
    _round, _actor, (a, _b, _c) = three
    auth.login('sec@example.org')
    path = f'/consultations/inputs/{a.id}/unmerge'
    response = client.post(path, data={'csrf_token': csrf_token(client, '/')}, headers=EN)
    assert response.status_code == 409
    assert 'This input is not marked as a duplicate.' in response.get_data(as_text=True)


def test_a_loop_of_duplicates_left_by_older_merges_is_read_without_failing(
    client,
    auth,
    db,
    three,
):
    round_, _actor, (a, b, _c) = three
    a.duplicate_of_id, b.duplicate_of_id = b.id, a.id  # what two merges at once once left
    db.session.commit()
    assert db.session.get(ConsultationInput, a.id).effective_response() == (None, '')
    auth.login('sec@example.org')
    assert client.get(f'/consultations/{round_.id}/manage').status_code == 200


# -- Races (PostgreSQL) --------------------------------------------------------------------------


def _as_user(db, user) -> User:
    return db.session.get(User, user.id)


@pytest.mark.postgres
def test_publishing_waits_for_an_input_being_recorded_and_counts_it(
    postgres, db, make_round, secretariat
):
    app = postgres
    round_id = make_round('closed')
    with app.test_request_context(headers=EN):
        round_ = db.session.get(ConsultationRound, round_id)
        staff_ = _as_user(db, secretariat)
        respond(_record(db, round_, staff_), actor=staff_, disposition='adopted')
        db.session.commit()
        _record(db, db.session.get(ConsultationRound, round_id), staff_, body='ยังไม่มีคำตอบ')
        publishing = after_the_first_commits(
            app,
            lambda: publish_round(
                db.session.get(ConsultationRound, round_id),
                actor=db.session.get(User, secretariat.id),
            ),  # fmt: skip
            headers=EN,
        )
    assert publishing.refused is not None
    assert publishing.refused.status == 409
    assert 'lacks a response' in publishing.message
    with app.app_context():
        assert get_round(db, round_id).state == 'closed'


@pytest.mark.postgres
def test_an_input_recorded_after_publishing_is_refused(postgres, db, make_round, secretariat):
    app = postgres
    round_id = make_round('closed')
    with app.test_request_context(headers=EN):
        publish_round(db.session.get(ConsultationRound, round_id), actor=_as_user(db, secretariat))
        recording = after_the_first_commits(
            app,
            lambda: record_offline_input(
                db.session.get(ConsultationRound, round_id),
                actor=db.session.get(User, secretariat.id),
                about='',
                channel='meeting',
                received_on=a_day_within(get_round(db, round_id)),
                sector=sector_by_code('civil_society'),
                body='มาช้า',
            ),  # fmt: skip
            headers=EN,
        )
    assert recording.refused is not None
    assert recording.refused.status == 409
    with app.app_context():
        assert db.session.scalar(select(ConsultationInput.id)) is None


@pytest.mark.postgres
def test_two_inputs_merged_into_each_other_at_once_make_no_loop(postgres, db, three):
    app = postgres
    _round, actor, (a, b, _c) = three
    a_id, b_id, actor_id = a.id, b.id, actor.id
    with app.test_request_context(headers=EN):
        merge_input(
            db.session.get(ConsultationInput, a_id), db.session.get(ConsultationInput, b_id),
            actor=db.session.get(User, actor_id),
        )  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: merge_input(
                db.session.get(ConsultationInput, b_id),
                db.session.get(ConsultationInput, a_id),
                actor=db.session.get(User, actor_id),
            ),  # fmt: skip
            headers=EN,
        )
    assert other.message == 'An input cannot duplicate itself.'
    with app.app_context():
        db.session.expire_all()
        assert db.session.get(ConsultationInput, a_id).duplicate_of_id == b_id
        assert db.session.get(ConsultationInput, b_id).duplicate_of_id is None


@pytest.mark.postgres
def test_a_withdrawal_racing_the_close_comes_before_it_or_is_refused(
    postgres, db, make_round, citizen
):
    app = postgres
    round_id = make_round('open')
    with app.test_request_context(headers=EN):
        item = submit_input(db.session.get(ConsultationRound, round_id),
                            actor=_as_user(db, citizen), about='', body='ข้อเสนอ')  # fmt: skip
        db.session.commit()
        item_id = item.id
        close_round(db.session.get(ConsultationRound, round_id), actor=None)
        withdrawing = after_the_first_commits(
            app,
            lambda: withdraw_input(
                db.session.get(ConsultationInput, item_id), actor=db.session.get(User, citizen.id)
            ),  # fmt: skip
            headers=EN,
        )
    assert withdrawing.refused is not None
    assert 'The round has closed' in withdrawing.message
    with app.app_context():
        assert db.session.get(ConsultationInput, item_id).status == 'active'


# -- Smaller things ------------------------------------------------------------------------------


def test_a_form_of_one_round_sent_to_another_records_nothing_there(
    client, auth, db, make_round, citizen
):
    first, second = make_round('open'), make_round('open')
    auth.login('citizen@example.org')
    path = f'/consultations/{first}/inputs/new'
    client_id = '0b9f5c1e-7c1d-4d7e-9a51-2f3a4b5c6d7e'
    data = {'csrf_token': csrf_token(client), 'client_id': client_id, 'about': '',
            'body': 'ข้อคิดเห็นรอบแรก'}  # fmt: skip
    assert client.post(path, data=data, headers=EN).status_code == 302
    again = client.post(f'/consultations/{second}/inputs/new', data=data, headers=EN)
    assert again.status_code == 400
    assert 'This form has expired. Please try again.' in again.get_data(as_text=True)
    assert db.session.scalars(select(ConsultationInput.round_id)).all() == [first]


def test_a_comment_from_before_the_round_opened_is_not_promoted(
    app, db, make_round, commitments, secretariat, create_member
):
    from datetime import timedelta

    from forum.comments.models import Comment
    from forum.consultations.services.inputs import promote_comment
    from forum.core.refusals import Refused

    author = create_member(email='drafter2@example.org')
    round_id = make_round('open')
    with app.test_request_context(headers=EN):
        round_ = db.session.get(ConsultationRound, round_id)
        comment = Comment(
            commitment_id=commitments[0], author_id=author.id, sector_id=author.sector_id,
            body='ความเห็นระหว่างร่าง', body_html='<p>ความเห็นระหว่างร่าง</p>',
            client_id='5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
            created_dt=round_.opened_dt - timedelta(days=3), seq=1,
        )  # fmt: skip
        db.session.add(comment)
        db.session.commit()
        with pytest.raises(Refused, match='Only a comment made since the round opened'):
            promote_comment(round_, comment, actor=db.session.merge(secretariat))
        db.session.rollback()
    assert db.session.scalar(select(ConsultationInput.id)) is None


def test_opening_now_says_how_long_from_now(client, auth, db, make_round):
    round_id = make_round('announced', days=20)  # scheduled to open in a day, for 20 days
    auth.login('sec@example.org')
    page = client.get(f'/consultations/{round_id}/manage', headers=EN).get_data(as_text=True)
    # Opened now, it runs the day before its scheduled opening as well: 21 days, not 20.
    assert 'Opened now, it takes inputs for 21.0 days' in page


@pytest.mark.postgres
def test_a_plan_leaving_consultation_while_a_round_opens_waits_and_is_refused(
    postgres, db, make_round, nap_id, secretariat
):
    from forum.consultations.services.rounds import move_plan, open_round
    from forum.naps.models import Nap
    from forum.naps.services import move_nap

    app = postgres
    round_id = make_round('announced')
    with app.test_request_context(headers=EN):
        move_nap(db.session.get(Nap, nap_id), 'consultation', actor=None)
        db.session.commit()
        open_round(db.session.get(ConsultationRound, round_id), actor=_as_user(db, secretariat),
                   reason='ทดสอบ', now=utcnow())  # fmt: skip
        moving = after_the_first_commits(
            app,
            lambda: move_plan(
                db.session.get(Nap, nap_id), 'endorsed', actor=db.session.get(User, secretariat.id)
            ),  # fmt: skip
            headers=EN,
        )
    assert moving.refused is not None
    assert 'takes inputs until' in moving.message
    with app.app_context():
        assert db.session.get(Nap, nap_id).state == 'consultation'


def test_other_latin_encodings_are_refused_and_stray_thai_marks_pass(
    client, db, staff, make_round, commitments
):
    round_id = make_round('open', only=[commitments[0]])
    rows = [f'{_today_be()},meeting,TH0001,,civil_society,España y Gómez,,,no,,Mädchen straße']
    response = _upload(client, round_id, _csv(rows).encode('latin-1'))
    assert response.status_code == 400
    assert 'neither UTF-8 nor Thai Windows-874' in response.get_data(as_text=True)
    rows = [f'{_today_be()},meeting,TH0001,,civil_society,Иван,,,no,,Привет мир']
    response = _upload(client, round_id, _csv(rows).encode('cp1251'))
    assert response.status_code == 400
    assert 'neither UTF-8 nor Thai Windows-874' in response.get_data(as_text=True)
    # Text pasted from a PDF may hold a tone mark on its own: Windows-874 Thai all the same.
    rows = [f'{_today_be()},meeting,TH0001,,civil_society,,,,no,,ข้อความที่คัดลอก \u0e49มา']
    response = _upload(client, round_id, _csv(rows).encode('cp874'))
    assert response.status_code == 302
    assert [i.body for i in _inputs(db)] == ['ข้อความที่คัดลอก \u0e49มา']
