"""The discussion's cursor in real Chromium (docs/realtime.md, "The cursor and the window").

The page starts its watermark at the seq it was rendered at; a late, older copy of a comment
never overwrites its newer state; a change whose broadcast the page never got is fetched by a
rejoin with the watermark, without a reconnect or a reload.
"""

from __future__ import annotations

from axe import visit
from plans import log_in_quickly
from playwright.sync_api import expect


def _post(page, text: str) -> None:
    page.locator('#comment-form #body').fill(text)
    page.locator('#comment-form [type=submit]').click()
    expect(page.locator('#comments .comment', has_text=text)).to_be_visible()


def test_the_page_keeps_the_newest_state_and_fetches_a_change_it_never_heard_of(
    new_page, accounts, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    a = new_page(locale='en-GB')
    log_in_quickly(a, accounts['secretariat'])
    b = new_page(locale='en-GB')
    log_in_quickly(b, member)
    visit(a, url)
    _post(a, 'Before the viewer came')
    visit(b, url)
    expect(b.locator('#live')).to_be_visible()
    start = int(b.locator('[data-comment-seq]').first.get_attribute('data-comment-seq'))
    assert start == 1
    b.wait_for_function('window.forumLive.connected')
    b.evaluate("window.forumLive.socket.on('comment_added', d => { window.firstState = d; })")
    b.evaluate('window.notReloaded = true')

    # A posts, then edits: B shows the edit, its watermark follows.
    _post(a, 'First words')
    expect(b.locator('#comments .comment', has_text='First words')).to_be_visible()
    comment_id = int(
        b.locator('#comments .comment', has_text='First words').get_attribute('data-comment-id')
    )
    ack = a.evaluate(
        """id => new Promise(done => window.forumLive.socket.emit(
             'edit_comment', {comment_id: id, body: 'Second thoughts'}, done))""",
        comment_id,
    )
    assert ack['ok'] is True
    assert ack['comment']['seq'] == start + 2
    edited = b.locator(f'#comment-{comment_id}')
    expect(edited).to_contain_text('Second thoughts')
    b.wait_for_function(f'window.forumLive.watermark() === {start + 2}')

    # The older copy arrives late (another process, a retry): the page keeps the newer state.
    b.evaluate(
        """() => window.forumLive.socket.listeners('comment_added')
             .forEach(f => f(window.firstState))"""
    )
    expect(edited).to_contain_text('Second thoughts')
    expect(b.locator('#comments .comment', has_text='First words')).to_have_count(0)

    # B never hears of one comment (as if its process died before broadcasting it), then hears
    # of the next: the gap makes it rejoin with its watermark and fetch the one it missed.
    b.evaluate(
        """() => { const s = window.forumLive.socket;
             window.kept = s.listeners('comment_added'); s.off('comment_added'); }"""
    )
    _post(a, 'Never broadcast to B')
    b.wait_for_timeout(500)
    b.evaluate(
        """() => { const s = window.forumLive.socket;
             window.kept.forEach(f => s.on('comment_added', f)); }"""
    )
    expect(b.locator('#comments .comment', has_text='Never broadcast to B')).to_have_count(0)
    _post(a, 'Heard by B')
    expect(b.locator('#comments .comment', has_text='Heard by B')).to_be_visible()
    expect(b.locator('#comments .comment', has_text='Never broadcast to B')).to_be_visible(
        timeout=10000
    )
    b.wait_for_function(f'window.forumLive.watermark() === {start + 4}')
    assert b.evaluate('window.notReloaded') is True
    # In id order, once each.
    texts = b.locator('#comments .comment .body').all_inner_texts()
    assert texts == ['Before the viewer came', 'Second thoughts', 'Never broadcast to B',
                     'Heard by B']  # fmt: skip
