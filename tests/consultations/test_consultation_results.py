"""The published results: names only when agreed, no contact details, statistics, filters, API."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from forum.commitments.models import CommitmentRevision
from forum.consultations.results import filter_inputs, round_results
from forum.consultations.services.inputs import (
    hide_input,
    record_offline_input,
    submit_input,
    withdraw_input,
)
from forum.consultations.services.responses import respond
from forum.consultations.services.rounds import close_round, publish_round
from forum.consultations.services.themes import create_theme, set_theme
from forum.db import utcnow
from forum.sectors.services import sector_by_code
from tests.consultations.conftest import EN, get_round

PHONE = '081-555-0199'


@pytest.fixture
def published(db, make_round, secretariat, citizen, join, create_user_, commitments):
    """A published round: named and anonymous inputs, offline ones, a withdrawn and a hidden one."""
    round_ = get_round(db, make_round('open'))
    actor = db.session.merge(secretariat)
    person = db.session.merge(citizen)
    shy = create_user_(email='shy@example.org', display_name='คนขี้อาย')
    join(shy, sector='academia', province='TH-40', organisation='มหาวิทยาลัยเงียบ')
    shy = db.session.merge(shy)
    named = submit_input(round_, actor=person, about=f'c{commitments[0]}:problem',
                         body='ขอข้อมูลรายไตรมาส', publish_name=True)  # fmt: skip
    anonymous = submit_input(round_, actor=shy, about='', body='เห็นด้วยกับแผน')
    withdrawn = submit_input(round_, actor=shy, about='', body='ถอนแล้ว')
    withdraw_input(withdrawn, actor=shy)
    offline = record_offline_input(
        round_, actor=actor, about=f'c{commitments[1]}', channel='written',
        received_on=(utcnow() + timedelta(hours=7)).date(), sector=sector_by_code('private_sector'),
        body='จดหมายจากหอการค้า', name='สมาคมการค้า', organisation='หอการค้าจังหวัด',
        province='TH-20', publish_name=False, contact=PHONE,
    )  # fmt: skip
    hidden = record_offline_input(
        round_, actor=actor, about='', channel='meeting',
        received_on=(utcnow() + timedelta(hours=7)).date(), sector=sector_by_code('other'),
        body=f'โทรหาฉันที่ {PHONE}', name='ผู้ร่วมเวที', publish_name=True,
    )  # fmt: skip
    hide_input(hidden, actor=actor, reason='มีหมายเลขโทรศัพท์')
    theme = create_theme(round_, actor=actor, title_th='ความโปร่งใส', title_en='Transparency')
    set_theme(named, theme, actor=actor)
    set_theme(anonymous, theme, actor=actor)
    revision = db.session.scalar(
        select(CommitmentRevision).filter_by(commitment_id=commitments[0]).limit(1)
    )
    respond(theme, actor=actor, disposition='partly_adopted', reason='รับบางส่วน')
    respond(named, actor=actor, disposition='adopted', revision_ids=[revision.id])
    respond(offline, actor=actor, disposition='out_of_scope', reason='นอกขอบเขต')
    close_round(round_, actor=actor)
    publish_round(round_, actor=actor)
    db.session.commit()
    return round_.id


def test_results_data_is_plain_and_public(db, published):
    data = round_results(get_round(db, published))
    assert data['round']['code'] == 'C1'
    assert data['round']['state'] == 'published'
    items = {i['tracking_number']: i for i in data['inputs']}
    assert list(items) == ['C1-000001', 'C1-000002', 'C1-000003', 'C1-000004', 'C1-000005']
    named, anonymous, withdrawn, offline, hidden = items.values()
    assert (named['submitter'], named['part']['code']) == ('พลเมือง ดี', 'problem')
    assert named['response']['disposition'] == 'adopted'
    assert named['response']['revisions'][0]['commitment'] == 'TH0001'
    assert (anonymous['submitter'], anonymous['organisation']) == (None, None)
    assert (anonymous['response']['via'], anonymous['response']['disposition']) == (
        'theme', 'partly_adopted')  # fmt: skip
    assert (withdrawn['status'], withdrawn['text'], withdrawn['response']) == (
        'withdrawn',
        None,
        None,
    )
    assert (offline['submitter'], offline['province']['code']) == (None, 'TH-20')
    assert (hidden['status'], hidden['text'], hidden['hidden_reason']) == (
        'hidden', None, 'มีหมายเลขโทรศัพท์')  # fmt: skip
    text = json.dumps(data, default=str, ensure_ascii=False)
    for secret in (PHONE, 'citizen@example.org', 'shy@example.org', 'คนขี้อาย', 'สมาคมการค้า',
                   'มหาวิทยาลัยเงียบ', 'หอการค้าจังหวัด'):  # fmt: skip
        assert secret not in text, secret
    p = data['participation']
    # Respondents: the two accounts and the two offline people; the withdrawn input not counted.
    assert (p['respondents'], p['inputs'], p['withdrawn'], p['hidden']) == (4, 4, 1, 1)
    sectors = {row['code']: (row['respondents'], row['inputs']) for row in p['by_sector']}
    assert sectors['civil_society'] == (1, 1)
    assert sectors['academia'] == (1, 1)
    assert sectors['private_sector'] == (1, 1)
    assert sectors['secretariat'] == (0, 0)
    channels = {row['code']: row['inputs'] for row in p['by_channel']}
    assert channels == {'online': 2, 'meeting': 1, 'written': 1, 'other': 0}
    provinces = {row['code']: row['inputs'] for row in p['by_province']}
    assert provinces == {'TH-20': 1, 'TH-40': 1, 'TH-50': 1, None: 1}
    by_commitment = {row['code']: row['inputs'] for row in p['by_commitment']}
    assert by_commitment == {None: 2, 'TH0001': 1, 'TH0002': 1}
    assert data['themes'][0]['inputs'] == 2
    assert [i['tracking_number'] for i in filter_inputs(data['inputs'], sector='academia')] == [
        'C1-000002', 'C1-000003']  # fmt: skip
    on_the_plan = filter_inputs(data['inputs'], commitment='plan', disposition='partly_adopted')
    assert [i['tracking_number'] for i in on_the_plan] == ['C1-000002']


def test_the_results_page_filters_and_counts(client, published):
    page = client.get(f'/consultations/{published}/results', headers=EN).get_data(as_text=True)
    assert 'data-respondents="4"' in page
    assert 'data-inputs="4"' in page
    assert '<span class="submitter">พลเมือง ดี</span>' in page
    assert page.count('<span class="submitter anonymous">Anonymous</span>') == 4
    assert 'Withdrawn by its submitter.' in page
    assert 'Hidden by the secretariat: มีหมายเลขโทรศัพท์' in page
    assert PHONE not in page
    assert 'ถอนแล้ว' not in page
    filtered = client.get(f'/consultations/{published}/results?disposition=out_of_scope',
                          headers=EN).get_data(as_text=True)  # fmt: skip
    assert 'data-matching="1"' in filtered
    assert re.findall(r'<strong class="tracking">(C1-\d+)</strong>', filtered) == ['C1-000004']
    filtered = client.get(
        f'/consultations/{published}/results?commitment=TH0001&sector=civil_society'
    )
    shown = re.findall(
        r'<strong class="tracking">(C1-\d+)</strong>', filtered.get_data(as_text=True)
    )
    assert shown == ['C1-000001']
    assert client.get(f'/consultations/{published}/results?sector=farmers').status_code == 400
    assert client.get(f'/consultations/{published}/results?page=9').status_code == 404


def test_the_results_filter_by_theme(client, published):
    items = client.get(f'/api/v1/consultations/{published}/inputs').get_json()['items']
    themes = {i['theme']['id'] for i in items if i['theme']}
    assert themes  # the fixture groups some inputs under a theme
    for theme in themes:
        page = client.get(f'/consultations/{published}/results?theme={theme}', headers=EN)
        shown = re.findall(
            r'<strong class="tracking">(C1-\d+)</strong>', page.get_data(as_text=True)
        )
        expected = [i['tracking_number'] for i in items if (i['theme'] or {}).get('id') == theme]
        assert shown == expected
    unknown = max(themes) + 1
    assert client.get(f'/consultations/{published}/results?theme={unknown}').status_code == 400


@pytest.mark.parametrize('page', ['abc', '0', '-1', '99999999999999999999', '๑'])
def test_a_page_that_is_no_page_number_is_refused(client, published, page):
    answer = client.get(f'/consultations/{published}/results?page={page}', headers=EN)
    assert answer.status_code == 400
    assert 'must be a page number from 1 to 1' in unescape(answer.get_data(as_text=True))


def test_the_api_lists_rounds_and_published_inputs_only(client, db, published, make_round):
    draft = make_round('draft')
    open_round_id = make_round('open')
    rounds = client.get('/api/v1/consultations').get_json()
    assert [r['code'] for r in rounds['items']] == ['C1', 'C3']  # the draft is not public
    assert rounds['count'] == 2
    first = rounds['items'][0]
    assert first['title'] == {'th': 'รับฟังความคิดเห็นต่อร่างแผน', 'en': 'Consultation on the draft plan'}
    assert first['state'] == 'published'
    assert first['commitments'] == ['TH0001', 'TH0002']
    assert first['results_url'].endswith(f'/consultations/{published}/results')
    answer = client.get(f'/api/v1/consultations/{published}/inputs')
    assert answer.headers['Content-Type'] == 'application/json'
    data = answer.get_json()
    assert data['published'] is True
    assert data['count'] == 5
    named = data['items'][0]
    assert named == {
        'tracking_number': 'C1-000001', 'status': 'active', 'received_on': named['received_on'],
        'commitment': 'TH0001', 'part': 'problem',
        'theme': {'id': named['theme']['id'], 'title': {'th': 'ความโปร่งใส', 'en': 'Transparency'}},
        'sector': 'civil_society', 'channel': 'online', 'province': 'TH-50',
        'submitter': 'พลเมือง ดี', 'organisation': None, 'text': 'ขอข้อมูลรายไตรมาส',
        'hidden_reason': None, 'duplicate_of': None,
        'response': {'disposition': 'adopted', 'reason': '',
                     'revision': [{'commitment': 'TH0001', 'number': 1,
                                   'html_url': named['response']['revision'][0]['html_url']}],
                     'decided_at': named['response']['decided_at']},
    }  # fmt: skip
    assert {i['response']['disposition'] for i in data['items'] if i['response']} == {
        'adopted', 'partly_adopted', 'out_of_scope'}  # fmt: skip
    assert PHONE not in answer.get_data(as_text=True)
    assert '@example.org' not in answer.get_data(as_text=True)
    # An open round: public, its inputs not yet.
    still_open = client.get(f'/api/v1/consultations/{open_round_id}/inputs').get_json()
    assert (still_open['published'], still_open['items']) == (False, [])
    assert client.get(f'/api/v1/consultations/{draft}/inputs').status_code == 404
    assert client.get('/api/v1/consultations/999999/inputs').status_code == 404


def test_results_in_thai_show_buddhist_era_dates(client, db, published):
    page = client.get(f'/consultations/{published}/results', headers={'Accept-Language': 'th'})
    html = page.get_data(as_text=True)
    year = (utcnow() + timedelta(hours=7)).year
    assert f'{year + 543}' in html
    assert 'ไม่ระบุชื่อ' in html
