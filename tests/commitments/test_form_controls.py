"""The drafting forms (issue 12), over HTTP on SQLite and PostgreSQL.

Dates in the reader's calendar.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from forum.commitments.models import Commitment, Milestone
from forum.members.models import Membership
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
