"""The commitment's balance panel, live for a moderator: a comment arrives, the chart follows."""

from __future__ import annotations

from axe import visit
from plans import log_in_quickly
from playwright.sync_api import expect


def test_the_moderators_panel_follows_a_comment_without_reloading(
    new_page, accounts, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    moderator = new_page(locale='en-GB')
    log_in_quickly(moderator, accounts['secretariat'])
    author = new_page(locale='th-TH')
    log_in_quickly(author, member)
    visit(moderator, url)
    visit(author, url)
    expect(author.locator('#balance-live')).to_have_count(0)  # members do not get the panel
    panel = moderator.locator('#balance-live')
    civil_society = panel.locator('[data-chart="comments"] g[data-sector="civil_society"] .value')
    expect(civil_society).to_have_text('0 (0%)')
    expect(moderator.locator('#live')).to_be_visible()
    moderator.evaluate('window.notReloaded = true')

    author.locator('#comment-form #body').fill('ภาคประชาสังคมขอเสนอตัวชี้วัดเพิ่ม')
    author.locator('#comment-form [type=submit]').click()

    expect(civil_society).to_have_text('1 (100%)', timeout=5000)
    expect(panel.locator('[data-chart="comments"] svg title')).to_have_text('Comments')
    assert moderator.evaluate('window.notReloaded') is True
    visit(moderator, '/balance')  # the public panel passes axe too
    expect(moderator.locator('[data-chart="comments"] svg[role="img"]')).to_have_count(1)
