"""Moderation in real Chromium: hiding a comment that arrived live, seen by another viewer.

The other viewer sees it replaced without reloading, then restored.
"""

from __future__ import annotations

from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

TH_HIDDEN = 'ซ่อนโดยผู้ดูแลการสนทนา: ข้อมูลส่วนบุคคล'


def test_a_moderator_hides_a_live_comment_and_the_other_viewer_sees_it_replaced(
    new_page, accounts, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    moderator = new_page(locale='th-TH')
    log_in_quickly(moderator, accounts['secretariat'])
    author = new_page(locale='th-TH')
    log_in_quickly(author, member)
    visit(moderator, url)
    visit(author, url)
    expect(moderator.locator('#live')).to_be_visible()
    expect(author.locator('#live')).to_be_visible()
    author.evaluate('window.notReloaded = true')

    # The member posts; the comment reaches the moderator live, with the hide action on it.
    author.locator('#comment-form #body').fill('โทรหาฉันที่ 081-234-5678')
    author.locator('#comment-form [type=submit]').click()
    arrived = moderator.locator('#comments .comment', has_text='081-234-5678')
    expect(arrived).to_be_visible(timeout=5000)
    hide = arrived.locator('[data-moderate]')
    expect(hide).to_be_visible()
    # The author is offered no hide action on their own comment.
    own = author.locator('#comments .comment', has_text='081-234-5678')
    expect(own.locator('[data-moderate]')).to_have_count(0)
    comment = '#' + own.get_attribute('id')

    # The moderator hides it from the form that shows the comment and its author (in a second
    # tab: the first stays as it is, and keeps the text readable to them).
    form = moderator.context.new_page()
    form.goto(hide.get_attribute('href'))
    moderator, watching = form, moderator
    expect(moderator.locator('#moderated-comment')).to_contain_text('081-234-5678')
    expect(moderator.locator('#moderated-comment')).to_contain_text(member.name)
    assert_accessible(moderator)
    moderator.locator('#reason').select_option('personal_data')
    moderator.locator('#note').fill('เบอร์โทรศัพท์ส่วนตัว')
    moderator.locator('#hide-form [type=submit]').click()
    expect(moderator.locator('#comments')).to_be_visible()

    # The author's page, never reloaded, shows the placeholder with the reason in place.
    gone = author.locator(comment)
    expect(gone.locator('.placeholder')).to_have_text(TH_HIDDEN, timeout=5000)
    expect(gone).not_to_contain_text('081-234-5678')
    expect(gone.locator('[data-appeal]')).to_be_visible()
    assert author.evaluate('window.notReloaded') is True

    # The moderator's first tab, never reloaded either, still lets them read it; after a reload
    # too. They restore it: the author sees it come back, live.
    kept = watching.locator(comment)
    expect(kept.locator('.placeholder')).to_have_text(TH_HIDDEN, timeout=5000)
    expect(kept.locator('details.hidden-text')).to_contain_text('081-234-5678')
    watching.reload()
    expect(kept.locator('details.hidden-text')).to_contain_text('081-234-5678')
    kept.locator('[data-moderate]').click()
    watching.locator('#restore-form [type=submit]').click()
    expect(gone.locator('.body')).to_contain_text('081-234-5678', timeout=5000)
    assert author.evaluate('window.notReloaded') is True

    # The public log lists both actions, with the sector and no name.
    visit(author, '/moderation')
    rows = author.locator('#moderation-log tbody tr', has=author.locator(f'a[href$="{comment}"]'))
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text('ฝ่ายเลขานุการ')
    expect(author.locator('#moderation-log')).not_to_contain_text(accounts['secretariat'].name)
