"""Account pages in real Chromium: keep me logged in, change one's password (axe, CSP)."""

from __future__ import annotations

import uuid

from axe import assert_accessible, visit
from playwright.sync_api import expect

PASSWORD = 'correct horse battery'
NEW_PASSWORD = 'another long secret'


def _register(page, email: str, name: str) -> None:
    visit(page, '/auth/register')
    page.locator('#email').fill(email)
    page.locator('#display_name').fill(name)
    page.locator('#organisation').fill('อิสระ')
    page.locator('#sector').select_option('civil_society')
    page.locator('#password').fill(PASSWORD)
    page.locator('#confirm').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('main form [type=submit]').click()


def test_change_password_then_log_in_and_stay_logged_in(new_page):
    page = new_page(locale='en-US')
    email, name = f'browser-{uuid.uuid4().hex[:12]}@example.org', 'Pim Password'
    _register(page, email, name)
    header = page.locator('header.site-header')
    header.get_by_role('link', name='Change password').click()
    expect(page.get_by_role('heading', level=1)).to_have_text('Change password')
    assert_accessible(page)

    page.locator('#current_password').fill('not my password')
    page.locator('#password').fill(NEW_PASSWORD)
    page.locator('#confirm').fill(NEW_PASSWORD)
    page.locator('main form [type=submit]').click()
    expect(page.get_by_role('alert')).to_contain_text('This is not your current password.')
    assert_accessible(page)

    page.locator('#current_password').fill(PASSWORD)
    page.locator('#password').fill(NEW_PASSWORD)
    page.locator('#confirm').fill(NEW_PASSWORD)
    page.locator('main form [type=submit]').click()
    expect(page.get_by_role('status')).to_contain_text('You were logged out on every other device.')
    expect(header.locator('.whoami')).to_have_text(name)

    header.get_by_role('button', name='Log out').click()
    expect(header.locator('.whoami')).to_have_count(0)
    visit(page, '/auth/login')
    page.locator('#email').fill(email)
    page.locator('#password').fill(NEW_PASSWORD)
    page.get_by_label('Keep me logged in').check()
    page.locator('main form [type=submit]').click()
    expect(header.locator('.whoami')).to_have_text(name)
    cookies = {c['name'] for c in page.context.cookies()}
    assert 'remember_token' in cookies
