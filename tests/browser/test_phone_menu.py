"""The site's menu on a 360 px phone: the header fits one line and opens on a tap.

The secretariat's header took 293 px of a 740 px screen (eighteen links and the account tools,
wrapped); a reader's, 157 px. On a phone they now fold behind "เมนู" (static/js/menu.js).
"""

from __future__ import annotations

import re

from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

PHONE = 360


def test_the_header_folds_into_a_menu_on_a_phone(new_page, accounts):
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, '/')
    header = page.locator('.site-header')
    button = header.get_by_role('button', name='เมนู')
    expect(button).to_have_attribute('aria-expanded', 'false')
    assert header.bounding_box()['height'] <= 90, header.bounding_box()
    box = button.bounding_box()
    assert box['height'] >= 44, box
    # The other language stays one tap away; the links and account tools are folded.
    expect(header.get_by_role('button', name='English')).to_be_visible()
    balance = header.get_by_role('link', name='ความสมดุล')
    expect(balance).to_be_hidden()
    expect(header.get_by_role('button', name='ออกจากระบบ')).to_be_hidden()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE

    button.click()
    expect(button).to_have_attribute('aria-expanded', 'true')
    expect(balance).to_be_visible()
    expect(header.get_by_role('link', name='บันทึกการตรวจสอบ')).to_be_visible()
    expect(header.get_by_role('button', name='ออกจากระบบ')).to_be_visible()
    assert balance.bounding_box()['height'] >= 44
    assert_accessible(page)
    # Escape folds it again and gives the button the focus.
    balance.focus()
    page.keyboard.press('Escape')
    expect(button).to_have_attribute('aria-expanded', 'false')
    expect(button).to_be_focused()
    expect(balance).to_be_hidden()

    button.click()
    balance.click()
    expect(page).to_have_url(re.compile(r'/balance$'))


def test_a_wide_screen_and_a_phone_without_javascript_show_every_link(
    new_page, browser, live_server, accounts
):
    wide = new_page(locale='th-TH', width=1280)
    visit(wide, '/')
    expect(wide.locator('.menu-toggle')).to_be_hidden()
    expect(wide.locator('.site-header').get_by_role('link', name='ความสมดุล')).to_be_visible()
    expect(wide.locator('.site-header').get_by_role('link', name='เข้าสู่ระบบ')).to_be_visible()

    context = browser.new_context(
        base_url=live_server, locale='th-TH', viewport={'width': PHONE, 'height': 740},
        java_script_enabled=False,
    )  # fmt: skip
    try:
        page = context.new_page()
        page.goto('/')
        expect(page.locator('.menu-toggle')).to_be_hidden()
        header = page.locator('.site-header')
        expect(header.get_by_role('link', name='ความสมดุล')).to_be_visible()
        expect(header.get_by_role('link', name='เข้าสู่ระบบ')).to_be_visible()
        expect(header.locator('.lang-current')).to_be_visible()
    finally:
        context.close()


def test_the_menu_folds_on_a_phone_turned_sideways_and_focus_goes_as_the_eye_does(
    new_page, accounts
):
    # A second phone review: at 740 x 360 the header took 166 px of 360; opened, the focus went
    # through the links, back up to the language button, then down to the account.
    page = new_page(locale='th-TH', width=740, height=360)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, '/')
    header = page.locator('.site-header')
    button = header.get_by_role('button', name='เมนู')
    expect(button).to_be_visible()
    assert header.bounding_box()['height'] <= 70, header.bounding_box()
    button.click()
    order = page.evaluate(
        """() => [...document.querySelectorAll('.site-header a, .site-header button')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim(), Math.round(el.getBoundingClientRect().top)])"""
    )
    # The page's order is the order on screen: nothing is above what comes before it (beyond the
    # few pixels that items of one line differ by).
    tops = [top for _text, top in order]
    assert all(later >= earlier - 20 for earlier, later in zip(tops, tops[1:], strict=False)), order
    # A tap on the page below folds it.
    page.mouse.click(370, 350)
    expect(button).to_have_attribute('aria-expanded', 'false')


def test_at_320_px_the_header_is_one_line(new_page, accounts):
    page = new_page(locale='th-TH', width=320, height=640)
    visit(page, '/')
    assert page.locator('.site-header').bounding_box()['height'] <= 70
