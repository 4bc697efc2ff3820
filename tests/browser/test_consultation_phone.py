"""A participant on a 360 px phone, in Thai, takes part in a consultation round (issue 15).

The secretariat opens a round over HTTP; the participant, a registered person without a seat,
reads on the plan page who may take part and until when, registers for the consultation
(sector, province, consent to the notice), submits an input and receives its tracking number,
then withdraws it while the round is open.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe import assert_accessible, visit
from conftest import Account
from plans import log_in_quickly
from playwright.sync_api import expect

from tests.servers import flask

PHONE = 360
BANGKOK = ZoneInfo('Asia/Bangkok')


def _fits(page) -> None:
    scroll = page.evaluate('document.documentElement.scrollWidth')
    assert scroll <= PHONE, f'{page.url} is {scroll}px wide at a {PHONE}px viewport'


@pytest.fixture(scope='module')
def citizen(server_env, live_server) -> Account:
    """A registered participant without a seat."""
    account = Account(
        email='citizen@example.org', password='citizen-password', name='ประชาชน ผู้สนใจ',
        role='participant', sector='other', organisation='',
    )  # fmt: skip
    flask(['forum', 'create-user', account.email, '--password', account.password, '--name',
           account.name, '--sector', account.sector], server_env)  # fmt: skip
    return account


def _open_round(http, nap_id: int) -> tuple[int, datetime]:
    """Prepare, announce and open a round on the plan for 30 days; its id and close (local)."""
    now = datetime.now(BANGKOK).replace(tzinfo=None, second=0, microsecond=0)
    closes = now + timedelta(days=30)
    response = http.post(
        f'/consultations/new?nap={nap_id}',
        {
            'title_th': 'รับฟังความคิดเห็นต่อร่างแผนปฏิบัติการ', 'title_en': 'Consultation',
            'description_th': '', 'description_en': '', 'announce_on': now.date().isoformat(),
            'opens_at': (now + timedelta(hours=1)).strftime('%Y-%m-%dT%H:%M'),
            'closes_at': closes.strftime('%Y-%m-%dT%H:%M'), 'channels': ['online', 'meeting'],
            'scope': 'all',
        },
    )  # fmt: skip
    round_id = int(re.search(r'/consultations/(\d+)/manage$', response.url)[1])
    http.post(f'/consultations/{round_id}/announce', {})
    http.post(f'/consultations/{round_id}/open', {})
    return round_id, closes


@pytest.fixture(scope='module')
def open_round(secretariat_http, drafting_nap) -> tuple[int, datetime]:
    """A round on the drafting plan, opened now for 30 days; its id and close time (local)."""
    return _open_round(secretariat_http, drafting_nap)


def test_a_participant_submits_an_input_and_receives_its_tracking_number(
    new_page, citizen, make_commitment, drafting_nap, open_round
):
    commitment_id = make_commitment(milestones=1)
    round_id, closes = open_round
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, citizen)

    # The plan page says who may take part, until when (Buddhist-Era year).
    visit(page, f'/naps/{drafting_nap}')
    notice = page.locator('#consultation [data-open="true"]')
    expect(notice).to_contain_text(str(closes.year + 543))
    expect(notice).to_contain_text(f'{closes:%H:%M}')
    _fits(page)

    # From the commitment page, "submit an input" on it.
    visit(page, f'/commitments/{commitment_id}')
    page.locator('#consultation a[href*="/inputs/new"]').click()
    # First, registration for the consultation: the notice, a sector, a province, consent.
    expect(page).to_have_url(re.compile(r'/consultations/join\?next='))
    assert_accessible(page)
    _fits(page)
    page.locator('#sector').select_option('other')
    page.locator('#province').select_option('TH-50')
    page.locator('#join-form [type=submit]').click()  # without consent: refused
    expect(page.locator('#consent-error')).to_be_visible()
    page.locator('#consent').check()
    page.locator('#join-form [type=submit]').click()

    # The form, on the commitment chosen.
    expect(page.locator('#input-form')).to_be_visible()
    assert_accessible(page)
    _fits(page)
    expect(page.locator('#about')).to_have_value(f'c{commitment_id}')
    page.locator('#about').select_option(f'c{commitment_id}:problem')
    page.locator('#body').fill('ขอให้เปิดเผยข้อมูลงบประมาณท้องถิ่นทุกไตรมาสในรูปแบบข้อมูลเปิด')
    page.locator('#publish_name').check()
    page.locator('#input-form [type=submit]').click()

    # The confirmation: the tracking number.
    tracking = page.locator('#tracking-number')
    expect(tracking).to_have_text(re.compile(r'^C\d+-000001$'))
    number = tracking.inner_text()
    expect(page.locator('.flashes')).to_contain_text(number)
    expect(page.locator('.input-body')).to_have_text(
        'ขอให้เปิดเผยข้อมูลงบประมาณท้องถิ่นทุกไตรมาสในรูปแบบข้อมูลเปิด'
    )
    assert_accessible(page)
    _fits(page)
    # Reloading shows the same input; no second one is made.
    page.reload()
    expect(page.locator('#tracking-number')).to_have_text(number)

    # Withdrawn while the round is open, after a question.
    withdraw = page.locator('details.confirm[data-confirm="withdraw"]')
    withdraw.locator('summary').click()
    with page.expect_navigation():
        withdraw.locator('button[type=submit]').click()
    expect(page.locator('[data-status]')).to_have_attribute('data-status', 'withdrawn')
    expect(page.locator('details.confirm[data-confirm="withdraw"]')).to_have_count(0)
    assert_accessible(page)

    # The round page lists it among one's own inputs.
    visit(page, f'/consultations/{round_id}')
    expect(page.locator('#mine + ul')).to_contain_text(number)
    _fits(page)


def test_the_secretariat_records_responds_closes_and_publishes_on_a_phone(
    new_page, accounts, secretariat_http, drafting_nap, make_commitment
):
    make_commitment(milestones=0)
    round_id, _closes = _open_round(secretariat_http, drafting_nap)
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/consultations/{round_id}/manage')
    _fits(page)
    expect(page.locator('.progress-line')).to_have_attribute('data-unanswered', '0')

    # An input from a meeting, recorded by hand.
    page.locator(f'a[href="/consultations/{round_id}/inputs/offline"]').click()
    assert_accessible(page)
    _fits(page)
    page.locator('#channel').select_option('meeting')
    page.locator('#received_on').fill(datetime.now(BANGKOK).date().isoformat())
    page.locator('#sector').select_option('academia')
    page.locator('#name').fill('ผู้เข้าร่วมเวที')
    page.locator('#contact').fill('081-000-0000')
    page.locator('#body').fill('ข้อเสนอจากเวทีรับฟังความคิดเห็นจังหวัดเชียงใหม่')
    page.locator('form [type=submit].primary').click()
    expect(page.locator('h1')).to_contain_text(re.compile(r'C\d+-000001'))
    assert_accessible(page)
    _fits(page)

    # Its reasoned response.
    respond = page.locator('#respond')
    respond.locator('input[value="deferred"]').check()
    respond.locator('[type=submit]').click()  # no reason: refused, said so
    expect(page.locator('#reason-error')).to_be_visible()
    assert_accessible(page)
    page.locator('#respond input[value="deferred"]').check()
    page.locator('#respond #reason').fill('จะพิจารณาในแผนปฏิบัติการฉบับถัดไป')
    page.locator('#respond [type=submit]').click()
    expect(page.locator('.response[data-disposition="deferred"]')).to_be_visible()

    # Closed, then published once every input has its response.
    visit(page, f'/consultations/{round_id}/manage')
    close = page.locator('details.confirm[data-confirm="close"]')
    close.locator('summary').click()
    with page.expect_navigation():
        close.locator('button[type=submit]').click()
    publish = page.locator('details.confirm[data-confirm="publish"]')
    publish.locator('summary').click()
    assert_accessible(page)
    with page.expect_navigation():
        publish.locator('button[type=submit]').click()
    expect(page.locator('[data-round-state]')).to_have_attribute('data-round-state', 'published')

    # The results: the statistics, the input with its response, no contact details.
    visit(page, f'/consultations/{round_id}/results')
    _fits(page)
    expect(page.locator('[data-inputs]').first).to_have_attribute('data-inputs', '1')
    item = page.locator('.input-item').first
    expect(item.locator('.submitter')).to_have_text('ไม่ระบุชื่อ')
    expect(item.locator('.response')).to_contain_text('จะพิจารณาในแผนปฏิบัติการฉบับถัดไป')
    assert '081-000-0000' not in page.content()


def test_a_rounds_opening_and_closing_times_show_their_buddhist_era_date(
    new_page, accounts, drafting_nap
):
    # An outside review: the opening and closing times, legally significant, were read only in
    # the browser's own Gregorian date picker; the announcement date beside them had its B.E. date.
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/consultations/new?nap={drafting_nap}')
    opens, closes = page.locator('#opens_at-shown'), page.locator('#closes_at-shown')
    expect(opens).to_have_text(re.compile(r'^\d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\.$'))  # a default
    page.locator('#opens_at').fill('2026-12-16T09:00')
    expect(opens).to_have_text('16 ธันวาคม 2569 เวลา 09:00 น.')
    expect(page.locator('#opens_at')).to_have_attribute(
        'aria-describedby', re.compile(r'\bopens_at-shown\b')
    )
    page.locator('#closes_at').fill('2027-01-05T16:30')
    expect(closes).to_have_text('5 มกราคม 2570 เวลา 16:30 น.')
    # Sent without a title: the page comes back with the server's own text beside each.
    with page.expect_navigation():
        page.locator('main form [type=submit]').first.click()
    expect(page.locator('#opens_at-shown')).to_have_text('16 ธันวาคม 2569 เวลา 09:00 น.')
    expect(page.locator('#closes_at-shown')).to_have_text('5 มกราคม 2570 เวลา 16:30 น.')
    assert_accessible(page)
    _fits(page)
