"""The foundation in real Chromium: languages, Buddhist-Era dates, accounts, small screens."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axe import assert_accessible, visit
from playwright.sync_api import expect

TITLE_TH = 'เวทีความร่วมมือหลายภาคส่วนด้านภาครัฐระบบเปิด'
TITLE_EN = 'Open Government Multistakeholder Forum'
PASSWORD = 'correct horse battery'


def _header(page):
    """Return the site header (where the name, language and log-out buttons are)."""
    return page.locator('header.site-header')


def _unique_email() -> str:
    """Return an email no other test uses (the server lives for the whole session)."""
    return f'browser-{uuid.uuid4().hex[:12]}@example.org'


def _register(page, *, email: str, name: str, password: str = PASSWORD, confirm=None) -> None:
    """Fill in and send the registration form, checking the form page on the way."""
    visit(page, '/auth/register')
    page.locator('#email').fill(email)
    page.locator('#display_name').fill(name)
    page.locator('#organisation').fill('มูลนิธิเพื่อการทดสอบ')
    page.locator('#sector').select_option('civil_society')
    page.locator('#password').fill(password)
    page.locator('#confirm').fill(password if confirm is None else confirm)
    with page.expect_navigation():
        page.locator('main form [type=submit]').click()


def test_thai_home_switches_to_english_and_stays(page):
    visit(page, '/')
    expect(page.locator('html')).to_have_attribute('lang', 'th')
    expect(page.get_by_role('heading', level=1)).to_have_text(TITLE_TH)
    be_year = datetime.now(ZoneInfo('Asia/Bangkok')).year + 543
    expect(page.locator('main')).to_contain_text(str(be_year))

    _header(page).locator('form.lang-switch').get_by_role('button', name='English').click()
    expect(page.locator('html')).to_have_attribute('lang', 'en')
    expect(page.get_by_role('heading', level=1)).to_have_text(TITLE_EN)
    assert_accessible(page)

    visit(page, '/members')
    expect(page.locator('html')).to_have_attribute('lang', 'en')
    expect(page.get_by_role('heading', level=1)).to_have_text('Members of the forum')


def test_english_browser_gets_english(new_page):
    page = new_page(locale='en-US')
    visit(page, '/')
    expect(page.locator('html')).to_have_attribute('lang', 'en')
    expect(page.get_by_role('heading', level=1)).to_have_text(TITLE_EN)
    expect(page.locator('main')).to_contain_text(str(datetime.now(ZoneInfo('Asia/Bangkok')).year))


def test_register_log_out_log_in(page):
    email, name = _unique_email(), 'สมหญิง ทดสอบ'
    _register(page, email=email, name=name)
    expect(page.get_by_role('heading', level=1)).to_have_text(TITLE_TH)
    expect(_header(page).locator('.whoami')).to_have_text(name)
    expect(page.get_by_role('status')).to_contain_text('ยินดีต้อนรับ')
    assert_accessible(page)

    _header(page).get_by_role('button', name='ออกจากระบบ').click()
    expect(_header(page).get_by_role('link', name='เข้าสู่ระบบ')).to_be_visible()
    expect(_header(page).locator('.whoami')).to_have_count(0)
    assert_accessible(page)

    visit(page, '/auth/login')
    page.locator('#email').fill(email)
    page.locator('#password').fill(PASSWORD)
    page.locator('main form [type=submit]').click()
    expect(_header(page).locator('.whoami')).to_have_text(name)
    assert_accessible(page)

    _header(page).get_by_role('button', name='ออกจากระบบ').click()
    expect(_header(page).locator('.whoami')).to_have_count(0)
    assert_accessible(page)


def test_registration_errors_are_shown_accessibly(new_page):
    page = new_page(locale='en-US')
    _register(page, email='not-an-email', name='Short Password', password='short')
    expect(page.get_by_role('heading', level=1)).to_have_text('Register')
    summary = page.get_by_role('alert')
    expect(summary).to_contain_text('Enter a valid email address, such as name@example.org.')
    expect(summary).to_contain_text('The password must have at least 10 characters.')
    expect(page.locator('#email')).to_have_attribute('aria-invalid', 'true')
    expect(page.locator('#email-error')).to_contain_text('Enter a valid email address')
    expect(page.locator('#password-error')).to_contain_text('at least 10 characters')
    expect(_header(page).locator('.whoami')).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize('locale', ['th-TH', 'en-US'])
@pytest.mark.parametrize('path', ['/', '/auth/register'])
def test_no_horizontal_scrolling_at_320px(new_page, locale, path):
    page = new_page(locale=locale, width=320, height=640)
    visit(page, path)
    width = page.evaluate('document.documentElement.scrollWidth')
    assert width <= 320, f'{path} ({locale}) is {width}px wide at a 320px viewport'
