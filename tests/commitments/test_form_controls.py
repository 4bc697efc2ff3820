"""The drafting forms (issue 12), over HTTP on SQLite and PostgreSQL.

Dates in the reader's calendar, a policy area to choose, supporters as checkboxes.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from forum.commitments.models import Commitment, Milestone
from forum.members.models import Membership
from forum.sectors.models import Sector
from tests.commitments.test_routes import _form
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}
TH = {'Accept-Language': 'th'}


def _shown(html: str, field: str) -> str:
    """The date written beside the date input ``field``."""
    found = re.search(
        rf'<p class="date-shown" id="{field}-shown" data-date-of="{field}"[^>]*>([^<]*)</p>', html
    )
    assert found, f'no date beside #{field}'
    return found[1]


def _input(html: str, field: str) -> str:
    return re.search(rf'<input[^>]*\bid="{field}"[^>]*>', html)[0]


def test_dates_beside_the_inputs_are_in_the_readers_calendar(client, auth, make_commitment):
    cid = make_commitment(milestones=1)  # 1 July 2026 – 30 June 2028
    auth.login('sec@example.org')
    th = client.get(f'/commitments/{cid}/edit', headers=TH).get_data(as_text=True)
    assert _shown(th, 'start_date') == '1 กรกฎาคม 2569'
    assert _shown(th, 'end_date') == '30 มิถุนายน 2571'
    assert 'aria-describedby="start_date-shown"' in _input(th, 'start_date')
    # dates.js rewrites them as the inputs change, with the page's month names and B.E. offset.
    assert '<script src="/static/js/dates.js' in th
    text = re.search(r'<script type="application/json" id="date-text">([^<]*)</script>', th)[1]
    assert '"year_offset": 543' in text
    assert 'กรกฎาคม' in text
    en = client.get(f'/commitments/{cid}/edit', headers=EN).get_data(as_text=True)
    assert _shown(en, 'start_date') == 'July 1, 2026'
    milestone = client.get(f'/commitments/{cid}/milestones/new', headers=TH).get_data(as_text=True)
    assert re.search(r'id="start_date-shown" data-date-of="start_date" hidden>', milestone)
    assert '<script src="/static/js/dates.js' in milestone


def test_date_errors_are_in_the_readers_calendar(client, auth, db, make_commitment):
    cid = make_commitment(milestones=1)
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    data = dict(_form(client, path), start_date='2025-01-01')
    html = client.post(path, data=data, headers=TH).get_data(as_text=True)
    assert 'วันที่ต้องอยู่ภายในระยะเวลาของแผน (1 กรกฎาคม 2569 – 30 มิถุนายน 2571)' in html
    assert '2026-07-01' not in html
    assert _shown(html, 'start_date') == '1 มกราคม 2568'  # what was sent, in B.E.
    html = client.post(path, data=data, headers=EN).get_data(as_text=True)
    assert 'The date must lie inside the plan (July 1, 2026 – June 30, 2028).' in html

    milestone = db.session.get(Commitment, cid).milestones[0]
    path = f'/commitments/{cid}/milestones/{milestone.id}/edit'
    data = dict(_form(client, path), end_date='2029-01-31')
    response = client.post(path, data=data, headers=TH)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'วันที่ต้องอยู่ภายในระยะเวลาของพันธสัญญา (1 กรกฎาคม 2569 – 30 มิถุนายน 2571)' in html
    assert db.session.get(Milestone, milestone.id).end_date.year == 2027


def test_seat_terms_show_their_buddhist_era_dates(client, auth, db, secretariat, create_user_):
    create_user_(email='ploy@example.org')
    auth.login('sec@example.org')
    data = {
        'email': 'ploy@example.org', 'sector': 'academia', 'organisation': '',
        'seat_role': 'member', 'term_start': '2026-01-01', 'term_end': '2027-12-31',
        'csrf_token': csrf_token(client, '/members/seats/new'),
    }  # fmt: skip
    assert client.post('/members/seats/new', data=data).status_code == 302
    seat = db.session.scalar(select(Membership))
    html = client.get(f'/members/seats/{seat.id}/edit', headers=TH).get_data(as_text=True)
    assert _shown(html, 'term_start') == '1 มกราคม 2569'
    assert _shown(html, 'term_end') == '31 ธันวาคม 2570'
    assert '<script src="/static/js/dates.js' in html


def test_a_new_commitment_starts_with_no_policy_area_and_must_choose_one(client, auth, db, nap_id):
    auth.login('sec@example.org')
    path = f'/naps/{nap_id}/commitments/new'
    html = client.get(path, headers=TH).get_data(as_text=True)
    select_ = re.search(r'<select[^>]*id="policy_area"[^>]*>(.*?)</select>', html, re.S)[1]
    first = re.search(r'<option[^>]*>([^<]*)</option>', select_)
    assert first[1] == 'เลือกประเด็นนโยบาย'
    assert 'value=""' in first[0]
    assert 'selected' not in select_  # the browser shows the prompt, not the first area
    data = {'csrf_token': csrf_token(client, path), 'version': '0', 'policy_area': '',
            'title_th': 'เปิดเผยข้อมูลการจัดซื้อจัดจ้าง', 'lead_agency': ''}  # fmt: skip
    for lang, message in ((TH, 'กรุณาเลือกประเด็นนโยบาย'), (EN, 'Choose a policy area.')):
        response = client.post(path, data=data, headers=lang)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    del data['policy_area']  # no value at all: the same message
    response = client.post(path, data=data, headers=EN)
    assert response.status_code == 400
    assert 'Choose a policy area.' in response.get_data(as_text=True)
    assert db.session.scalar(select(Commitment)) is None


def test_supporters_are_checkboxes_by_sector_and_save(client, auth, db, nap_id, orgs):
    auth.login('sec@example.org')
    path = f'/naps/{nap_id}/commitments/new'
    html = client.get(path, headers=TH).get_data(as_text=True)
    assert '<select' not in html.split('id="supporters"')[0][-200:]
    box = re.search(
        r'<fieldset class="field choice-list" id="supporters".*?</fieldset>\s*</div>\s*</fieldset>',
        html,
        re.S,
    )[0]
    assert '<legend>ภาคีสนับสนุน</legend>' in box
    academia = db.session.scalar(select(Sector).filter_by(code='academia'))
    assert f'<legend>{academia.name_th}</legend>' in box  # grouped by sector
    for key in ('cso', 'uni'):
        value = orgs[key]
        assert f'name="supporters" id="supporters-{value}" value="{value}">' in box
    assert f'<label for="supporters-{orgs["uni"]}">มหาวิทยาลัยตัวอย่าง</label>' in box
    assert re.search(r'<div class="choice-filter" hidden>', box)  # until choices.js runs
    assert 'id="supporters-filter"' in box
    assert 'name="supporters-filter"' not in box  # the filter is never sent

    areas = re.findall(r'<option value="(\d+)"', html.split('id="policy_area"')[1])
    data = MultiDict([
        ('csrf_token', csrf_token(client, path)), ('version', '0'), ('policy_area', areas[0]),
        ('title_en', 'Open contracting data'), ('lead_agency', ''),
        ('supporters', str(orgs['cso'])), ('supporters', str(orgs['uni'])),
    ])  # fmt: skip
    response = client.post(path, data=data, headers=EN)
    assert response.status_code == 302
    commitment = db.session.scalar(select(Commitment))
    assert {o.id for o in commitment.supporters} == {orgs['cso'], orgs['uni']}
    edit = client.get(f'/commitments/{commitment.id}/edit', headers=EN).get_data(as_text=True)
    for key in ('cso', 'uni'):
        assert f'id="supporters-{orgs[key]}" value="{orgs[key]}" checked>' in edit
    assert f'id="supporters-{orgs["ministry"]}" value="{orgs["ministry"]}">' in edit


def test_the_plans_first_year_shows_its_buddhist_era_year_on_a_thai_page(client, auth, secretariat):
    auth.login('sec@example.org')
    html = client.get('/naps/new', headers=TH).get_data(as_text=True)
    shown = re.search(
        r'<p class="date-shown" id="start_year-shown" data-year-of="start_year"[^>]*>', html
    )
    assert 'data-year-offset="543"' in shown[0]
    assert 'data-template="พ.ศ. {year}"' in shown[0]
    assert 'hidden' in shown[0]  # no year typed yet
    assert 'aria-describedby="start_year-shown"' in _input(html, 'start_year')
    assert '<script src="/static/js/dates.js' in html
    data = {'number': '7', 'title_th': 'แผน', 'title_en': 'Plan', 'start_year': '2027',
            'length_years': '2', 'end_month': '7',
            'csrf_token': csrf_token(client, '/naps/new')}  # fmt: skip
    html = client.post('/naps/new', data=data, headers=TH).get_data(as_text=True)  # a bad month
    assert re.search(r'id="start_year-shown"[^>]*>พ.ศ. 2570</p>', html)
    english = client.get('/naps/new', headers=EN).get_data(as_text=True)
    assert 'start_year-shown' not in english  # the year is already in the reader's calendar
