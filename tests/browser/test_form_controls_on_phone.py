"""The drafting forms on a 360 px phone in Thai, in real Chromium (issue 12).

The date beside a date input is the Buddhist-Era date and follows the input as it changes (so
does the B.E. year beside the plan's first year); the
policy area starts unchosen and must be chosen; supporting organisations are checkboxes that a
finger or the keyboard ticks, with a filter box, and they save; where two people changed the
supporters at once, the conflict page's choice still works with them.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from axe import assert_accessible, visit
from conftest import ACTION_TIMEOUT_MS, AXE_JS
from plans import COMMITMENT_START, log_in_quickly
from playwright.sync_api import expect

from tests.servers import ServerError, flask

PHONE = {'width': 360, 'height': 740}
#: Thai interface texts the tests look for (translations/th).
TH_CHOOSE_AREA = 'เลือกประเด็นนโยบาย'
TH_AREA_REQUIRED = 'กรุณาเลือกประเด็นนโยบาย'
TH_CONFLICT = 'ยังไม่ได้บันทึก: มีผู้อื่นบันทึกก่อน'
TH_KEEP_MINE = 'ใช้ของฉัน'
TH_CHOSEN = 'เลือกแล้ว: {n}'


@pytest.fixture
def phone(browser, live_server):
    """Factory: a touch-screen phone page (360 × 740, Thai) in a fresh context."""
    contexts = []

    def factory():
        context = browser.new_context(
            base_url=live_server, locale='th-TH', viewport=PHONE, has_touch=True, is_mobile=True
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture(scope='module')
def colleague(server_env, live_server):
    """A second member of the secretariat, made on the live server."""
    account = SimpleNamespace(email='forms-colleague@example.org', password='colleague-password')
    try:
        flask(
            ['forum', 'create-user', account.email, '--password', account.password,
             '--name', 'แก้ว ผู้ร่วมร่าง', '--role', 'secretariat', '--sector', 'government'],
            server_env,
        )  # fmt: skip
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)
    return account


def _fits(page) -> None:
    scroll = page.evaluate('document.documentElement.scrollWidth')
    assert scroll <= PHONE['width'], f'{page.url} is {scroll}px wide on a 360 px phone'


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator('main form.commitment-form [type=submit][name=submit]').click()


def _box(page, organisation: str):
    """The supporters checkbox of ``organisation``."""
    return page.locator('#supporters').get_by_label(organisation, exact=True)


def test_the_buddhist_era_date_beside_the_input_follows_it(phone, accounts, make_commitment):
    commitment_id = make_commitment()
    page = phone()
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment_id}/edit')
    assert COMMITMENT_START == '2025-10-01'
    shown = page.locator('#start_date-shown')
    expect(shown).to_have_text('1 ตุลาคม 2568')  # rendered by the server
    expect(page.locator('#start_date')).to_have_attribute('aria-describedby', 'start_date-shown')
    page.locator('#start_date').fill('2026-02-15')
    expect(shown).to_have_text('15 กุมภาพันธ์ 2569')  # rewritten by dates.js
    expect(shown).to_be_visible()
    page.locator('#end_date').fill('2027-01-09')
    expect(page.locator('#end_date-shown')).to_have_text('9 มกราคม 2570')
    page.locator('#start_date').fill('')
    expect(shown).to_be_hidden()
    assert_accessible(page)
    _fits(page)

    # A milestone's empty date input: nothing beside it until a date is chosen.
    visit(page, f'/commitments/{commitment_id}/milestones/new')
    expect(page.locator('#end_date-shown')).to_be_hidden()
    page.locator('#end_date').fill('2026-12-31')
    expect(page.locator('#end_date-shown')).to_have_text('31 ธันวาคม 2569')
    _fits(page)


def test_the_plans_first_year_shows_its_buddhist_era_year(phone, accounts):
    page = phone()
    log_in_quickly(page, accounts['secretariat'])
    visit(page, '/naps/new')
    shown = page.locator('#start_year-shown')
    expect(shown).to_be_hidden()
    page.locator('#start_year').fill('2027')
    expect(shown).to_have_text('พ.ศ. 2570')
    page.locator('#start_year').fill('20')
    expect(shown).to_be_hidden()
    assert_accessible(page)
    _fits(page)


def test_a_new_commitment_by_touch_and_keyboard(phone, accounts, drafting_nap):
    government = accounts['secretariat'].organisation
    civil = accounts['drafter'].organisation
    page = phone()
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/naps/{drafting_nap}/commitments/new')
    _fits(page)

    # No policy area chosen yet: saving asks to choose one.
    area = page.locator('#policy_area')
    expect(area).to_have_value('')
    expect(area.locator('option:checked')).to_have_text(TH_CHOOSE_AREA)
    page.locator('#title_th').fill('ร่างพันธสัญญาจากโทรศัพท์')
    with page.expect_response(lambda r: r.request.method == 'POST') as refused:
        _submit(page)
    assert refused.value.status == 400
    expect(page.locator('#policy_area-error')).to_have_text(TH_AREA_REQUIRED)
    expect(area).to_have_attribute('aria-invalid', 'true')
    assert_accessible(page)

    # The supporters: a filter box narrows the list, a tap ticks a box, so does the space bar.
    area.select_option(index=1)
    count = page.locator('#supporters-count')
    expect(count).to_have_text(TH_CHOSEN.format(n=0))
    page.locator('#supporters-filter').tap()
    page.locator('#supporters-filter').fill('ตื่นรู้')
    expect(_box(page, civil)).to_be_visible()
    expect(_box(page, government)).to_be_hidden()
    page.locator('#supporters-filter').press('Enter')  # filters only: the form is not sent
    expect(page).to_have_url(re.compile(r'/commitments/new$'))
    page.locator('#supporters label', has_text=civil).tap()
    expect(_box(page, civil)).to_be_checked()
    expect(count).to_have_text(TH_CHOSEN.format(n=1))
    page.locator('#supporters-filter').fill('')
    expect(_box(page, government)).to_be_visible()
    _box(page, government).focus()
    page.keyboard.press('Space')
    expect(_box(page, government)).to_be_checked()
    expect(count).to_have_text(TH_CHOSEN.format(n=2))
    # Every box is as tall as a finger (WCAG 2.5.8 asks for 24 px; we give 44).
    height = page.locator('#supporters .choice').first.bounding_box()['height']
    assert height >= 44, height
    assert_accessible(page)
    _fits(page)

    _submit(page)
    expect(page).to_have_url(re.compile(r'/commitments/\d+$'))
    supporters = page.locator('article.commitment')
    expect(supporters).to_contain_text(civil)
    expect(supporters).to_contain_text(government)
    page.goto(page.url + '/edit')
    expect(_box(page, civil)).to_be_checked()
    expect(_box(page, government)).to_be_checked()


def test_without_javascript_the_boxes_still_save(browser, live_server, accounts, drafting_nap):
    context = browser.new_context(
        base_url=live_server, locale='th-TH', viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in_quickly(page, accounts['secretariat'])
        page.goto(f'/naps/{drafting_nap}/commitments/new')
        expect(page.locator('.choice-filter')).to_be_hidden()  # no filter without its script
        civil = accounts['drafter'].organisation
        page.locator('#policy_area').select_option(index=1)
        page.locator('#title_th').fill('ร่างพันธสัญญาโดยไม่มีสคริปต์')
        _box(page, civil).check()
        _submit(page)
        expect(page).to_have_url(re.compile(r'/commitments/\d+$'))
        expect(page.locator('article.commitment')).to_contain_text(civil)
    finally:
        context.close()


def test_both_changed_the_supporters_and_the_choice_still_works(
    phone, new_page, accounts, colleague, make_commitment
):
    commitment_id = make_commitment()  # the drafter's organisation supports it
    edit = f'/commitments/{commitment_id}/edit'
    government = accounts['secretariat'].organisation
    civil = accounts['drafter'].organisation
    other = new_page(locale='en-US')
    log_in_quickly(other, colleague)
    page = phone()
    log_in_quickly(page, accounts['secretariat'])
    visit(other, edit)
    visit(page, edit)

    _box(other, civil).uncheck()  # they take the civil-society group off
    _submit(other)
    expect(other).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
    page.locator('#supporters label', has_text=government).tap()  # I add the secretariat
    with page.expect_response(lambda r: r.request.method == 'POST') as refused:
        _submit(page)
    assert refused.value.status == 409
    expect(page.locator('.conflict[role=alert]')).to_contain_text(TH_CONFLICT)
    clash = page.locator('fieldset#clash-supporters')
    expect(clash.locator('#resolve-supporters-mine-text')).to_contain_text(government)
    expect(clash.locator('#resolve-supporters-mine-text')).to_contain_text(civil)
    assert_accessible(page)
    _fits(page)

    clash.get_by_label(TH_KEEP_MINE).tap()
    _submit(page)
    expect(page).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
    page.goto(edit)
    expect(_box(page, civil)).to_be_checked()
    expect(_box(page, government)).to_be_checked()
