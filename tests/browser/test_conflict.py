"""Two people change the same field at once, in real Chromium: the second must choose.

Nobody's words are silently lost: the second save is refused and shows both versions side by
side; saving again without a choice is refused again; once a version is chosen (here a merged
text) the save goes through, and the history holds both people's words. The person choosing
reads the page in Thai on a 360 px phone.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

from tests.servers import ServerError, flask

#: Thai interface texts the test looks for (translations/th).
TH_CONFLICT = 'ยังไม่ได้บันทึก: มีผู้อื่นบันทึกก่อน'
TH_BOTH_CHANGED = 'ทั้งสองฝ่ายแก้ไขช่องนี้'
TH_KEEP_MINE = 'ใช้ของฉัน'
TH_TAKE_THEIRS = 'ใช้ของอีกฝ่าย'
TH_MERGED = 'แก้ไขเป็นข้อความที่รวมกัน'
TH_CHOOSE = 'เลือกว่าจะใช้ฉบับใด'

THEIRS = 'Every local government publishes its spending every month.'
MINE = 'Every local government publishes its budget every quarter.'
MERGED = 'Every local government publishes its budget and its spending every month.'


@pytest.fixture(scope='module')
def colleague(server_env, live_server):
    """A second member of the secretariat (may edit every commitment), made on the live server."""
    account = SimpleNamespace(
        email='colleague@example.org', password='colleague-password', name='ก้อย ผู้ร่วมร่าง'
    )
    try:
        flask(
            ['forum', 'create-user', account.email, '--password', account.password,
             '--name', account.name, '--role', 'secretariat', '--sector', 'government'],
            server_env,
        )  # fmt: skip
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)
    return account


def _submit(page) -> None:
    """Press the form's save button and wait for the next page."""
    with page.expect_navigation():
        page.locator('main form.commitment-form [type=submit][name=submit]').click()


def _fits(page, width: int) -> None:
    scroll = page.evaluate('document.documentElement.scrollWidth')
    assert scroll <= width, f'{page.url} is {scroll}px wide at a {width}px viewport'


def test_the_second_to_save_must_choose_and_both_words_are_kept(
    new_page, accounts, colleague, make_commitment
):
    commitment_id = make_commitment()
    edit = f'/commitments/{commitment_id}/edit'
    drafter = new_page(locale='en-US')
    log_in_quickly(drafter, colleague)
    phone = new_page(locale='th-TH', width=360, height=740)
    log_in_quickly(phone, accounts['secretariat'])

    # Both open the form at the same version and change the same field.
    visit(drafter, edit)
    visit(phone, edit)
    opened_at = int(phone.locator('#version').input_value())
    drafter.locator('#description_en').fill(THEIRS)
    _submit(drafter)
    expect(drafter).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
    phone.locator('#description_en').fill(MINE)
    phone.locator('#budget').fill('5 ล้านบาท')  # only I change this one

    # The second save is refused: both versions side by side, a choice to make.
    with phone.expect_response(lambda r: r.request.method == 'POST') as refused:
        _submit(phone)
    assert refused.value.status == 409
    alert = phone.locator('.conflict[role=alert]')
    expect(alert).to_contain_text(TH_CONFLICT)
    clash = phone.locator('fieldset#clash-description_en')
    expect(clash.locator('legend')).to_contain_text(TH_BOTH_CHANGED)
    expect(clash.locator('#resolve-description_en-mine-text')).to_have_text(MINE)
    expect(clash.locator('#resolve-description_en-theirs-text')).to_have_text(THEIRS)
    expect(clash.get_by_label(TH_KEEP_MINE)).not_to_be_checked()
    expect(clash.get_by_label(re.compile(TH_TAKE_THEIRS))).not_to_be_checked()
    expect(clash.get_by_label(TH_MERGED)).not_to_be_checked()
    expect(phone.locator('#budget')).to_have_value('5 ล้านบาท')
    assert_accessible(phone)
    _fits(phone, 360)
    # On a phone the two versions are stacked, each as wide as the screen allows.
    mine_box = clash.locator('.version-mine').bounding_box()
    theirs_box = clash.locator('.version-theirs').bounding_box()
    assert theirs_box['y'] >= mine_box['y'] + mine_box['height'] - 1

    # Saving again without a choice is refused again, with the same page.
    with phone.expect_response(lambda r: r.request.method == 'POST') as again:
        _submit(phone)
    assert again.value.status == 409
    clash = phone.locator('fieldset#clash-description_en')
    expect(clash.locator('.errors')).to_have_text(TH_CHOOSE)
    expect(clash.locator('#resolve-description_en-theirs-text')).to_have_text(THEIRS)
    assert_accessible(phone)

    # Writing a merged text chooses it; the save goes through.
    clash.locator('#description_en').fill(MERGED)
    expect(clash.get_by_label(TH_MERGED)).to_be_checked()
    _submit(phone)
    expect(phone).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
    visit(phone, f'/commitments/{commitment_id}?view=both')
    expect(phone.locator('main')).to_contain_text(MERGED)
    expect(phone.locator('main')).to_contain_text('5 ล้านบาท')

    # The history holds both people's words, each in its own revision.
    theirs_at, mine_at = opened_at + 1, opened_at + 2
    history = f'/commitments/{commitment_id}/history'
    visit(drafter, f'{history}?a={opened_at}&b={theirs_at}')
    expect(drafter.locator('main')).to_contain_text('its spending every month')
    expect(drafter.locator('main')).to_contain_text(colleague.name)
    visit(drafter, f'{history}?a={theirs_at}&b={mine_at}')
    expect(drafter.locator('main')).to_contain_text('budget and its')
    expect(drafter.locator('main')).to_contain_text(accounts['secretariat'].name)


def test_without_javascript_the_choice_is_made_with_radio_buttons(
    browser, live_server, accounts, colleague, make_commitment
):
    commitment_id = make_commitment()
    edit = f'/commitments/{commitment_id}/edit'
    pages = []
    for account in (colleague, accounts['secretariat']):
        context = browser.new_context(
            base_url=live_server, locale='en-US', java_script_enabled=False
        )
        page = context.new_page()
        log_in_quickly(page, account)
        page.goto(edit)
        pages.append(page)
    theirs, mine = pages
    try:
        theirs.locator('#title_en').fill('Their title')
        _submit(theirs)
        mine.locator('#title_en').fill('My title')
        with mine.expect_response(lambda r: r.request.method == 'POST') as refused:
            _submit(mine)
        assert refused.value.status == 409
        clash = mine.locator('fieldset#clash-title_en')
        expect(clash.locator('legend')).to_have_text('Title (English): you both changed this')
        clash.get_by_label('Take theirs').check()
        _submit(mine)
        expect(mine).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
        mine.goto(f'/commitments/{commitment_id}?view=en')
        expect(mine.locator('main')).to_contain_text('Their title')
    finally:
        for page in pages:
            page.context.close()
