"""Live discussion in real Chromium.

Two people: one posts, the other sees it without reloading; a page that drops off the network
keeps its unsent text and receives what it missed; the form also works without JavaScript.
"""

from __future__ import annotations

import re
import uuid

from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

TH_DISCONNECTED = 'การเชื่อมต่อขาดหาย'


def _post(page, text: str) -> None:
    page.locator('#comment-form #body').fill(text)
    page.locator('#comment-form [type=submit]').click()


def test_one_posts_the_other_sees_it_live_and_nothing_is_lost_offline(
    new_page, accounts, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    a = new_page(locale='th-TH')
    log_in_quickly(a, accounts['secretariat'])
    b = new_page(locale='th-TH')
    log_in_quickly(b, member)
    visit(a, url)
    visit(b, url)
    expect(a.locator('#live')).to_be_visible()
    expect(b.locator('#live')).to_be_visible()
    b.evaluate('window.notReloaded = true')

    # A posts: B sees it, with A's sector badge and a Buddhist-Era time, without reloading.
    _post(a, 'ขอเสนอให้เพิ่ม **ตัวชี้วัด** ระดับจังหวัด')
    seen = b.locator('#comments .comment', has_text='ตัวชี้วัด')
    expect(seen).to_be_visible(timeout=5000)
    expect(seen.locator('strong', has_text='ตัวชี้วัด')).to_have_count(1)
    expect(seen.locator('.badge')).to_have_text('ภาครัฐ')
    expect(seen.locator('time')).to_contain_text('25')
    assert b.evaluate('window.notReloaded') is True
    expect(a.locator('#comment-form #body')).to_have_value('')  # sent, so cleared
    assert_accessible(b)

    # B drops off the network while typing; the page says so; the text is kept.
    b.context.set_offline(True)
    b.evaluate('window.forumLive.socket.io.engine.close()')
    expect(b.locator('#connection')).to_contain_text(TH_DISCONNECTED)
    draft = 'เห็นด้วย แต่ควรกำหนดเป้าหมายรายปี'
    b.locator('#comment-form #body').fill(draft)
    assert_accessible(b)

    # Meanwhile A posts again: B misses it while offline.
    _post(a, 'ข้อความระหว่างที่อีกฝ่ายออฟไลน์')
    expect(a.locator('#comments .comment', has_text='ออฟไลน์')).to_be_visible()
    expect(b.locator('#comments .comment', has_text='ออฟไลน์')).to_have_count(0)

    # B comes back: the missed comment arrives, the typed text is still there.
    b.context.set_offline(False)
    expect(b.locator('#comments .comment', has_text='ออฟไลน์')).to_be_visible(timeout=15000)
    expect(b.locator('#comment-form #body')).to_have_value(draft)
    assert b.evaluate('window.notReloaded') is True

    # The text also survives a reload of the page.
    b.reload()
    expect(b.locator('#comment-form #body')).to_have_value(draft)

    # B posts it: A sees it live, exactly once.
    _post(b, draft)
    expect(a.locator('#comments .comment', has_text=draft)).to_have_count(1, timeout=5000)
    expect(b.locator('#comments .comment', has_text=draft)).to_have_count(1)
    assert_accessible(a)


def test_posting_works_without_javascript(browser, live_server, accounts, make_commitment):
    url = f'/commitments/{make_commitment()}'
    context = browser.new_context(base_url=live_server, java_script_enabled=False, locale='en-US')
    page = context.new_page()
    try:
        log_in_quickly(page, accounts['secretariat'])
        page.goto(url)
        page.locator('#comment-form #body').fill('Posted *without* JavaScript')
        page.locator('#comment-form #stance').select_option('question')
        with page.expect_navigation():
            page.locator('#comment-form [type=submit]').click()
        comment = page.locator('#comments .comment', has_text='Posted without JavaScript')
        expect(comment).to_have_count(1)
        expect(comment.locator('em')).to_have_text('without')
        expect(comment.locator('.stance')).to_have_text('Question')
    finally:
        context.close()


def test_live_comments_name_a_milestone_added_or_removed_after_the_page_loaded(
    new_page, secretariat_http, make_commitment, member
):
    """A comment's own label (``anchor_label``) names its part, never ``milestone:<id>``."""
    http = secretariat_http
    cid = make_commitment(milestones=1)
    url = f'/commitments/{cid}'
    reader = new_page(locale='en-US')
    log_in_quickly(reader, member)
    visit(reader, url)
    expect(reader.locator('#live')).to_be_visible()

    # After the page loaded: a second milestone, and a comment about it.
    owner = http.options(f'{url}/milestones/new')['responsible_organisation'][-1][0]
    http.post(f'{url}/milestones/new', {
        'version': '2', 'output_th': 'หมุดหมายใหม่', 'output_en': 'A new milestone',
        'status': 'not_started', 'responsible_organisation': owner,
    })  # fmt: skip
    added = re.findall(r'id="milestone-(\d+)"', http.get(url).text)[-1]
    http.post(f'{url}/comments', {'body': 'About the new milestone', 'client_id': str(uuid.uuid4()),
                                  'anchor': f'milestone:{added}', 'stance': ''})  # fmt: skip
    comment = reader.locator('#comments .comment', has_text='About the new milestone')
    expect(comment.locator('a.anchor-link')).to_have_text('Milestone 2', timeout=5000)
    expect(comment.locator('a.anchor-link')).to_have_attribute('href', f'#milestone-{added}')

    # The milestone is deleted, then the comment edited: it arrives about a milestone since
    # removed, as text (there is nothing to link to).
    http.post(f'{url}/milestones/{added}/delete', {'version': '3'})
    comment_id = comment.get_attribute('data-comment-id')
    http.get(f'/comments/{comment_id}/edit')
    http.post(f'/comments/{comment_id}/edit', {'body': 'About the removed milestone'})
    comment = reader.locator('#comments .comment', has_text='About the removed milestone')
    expect(comment.locator('.anchor-link.removed')).to_have_text(
        'A milestone since removed', timeout=5000
    )
    expect(comment.locator('a.anchor-link')).to_have_count(0)
    assert f'milestone:{added}' not in reader.locator('#comments').inner_text()
