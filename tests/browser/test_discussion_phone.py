"""The discussion on a 360 px phone in Thai (issue 12): nothing that misleads.

The stance resets after a post and the reply banner names the person; moderators get the hide
action on live comments; the edit link goes when the edit window closes; delete asks first, in
place, and stands apart from edit; a comment sent offline shows as pending, then sent.
"""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

PHONE = 360


TH_DELETED = 'ผู้เขียนลบความคิดเห็นนี้แล้ว'


def _phone(new_page, account):
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, account)
    return page


def _post(page, text: str, stance: str = '') -> None:
    if stance:
        page.locator('#comment-form #stance').select_option(stance)
    page.locator('#comment-form #body').fill(text)
    page.locator('#comment-form [type=submit]').click()


def test_stance_resets_after_a_post_and_the_reply_banner_names_the_person(
    new_page, make_commitment, member
):
    page = _phone(new_page, member)
    visit(page, f'/commitments/{make_commitment()}')
    expect(page.locator('#live')).to_be_visible()
    _post(page, 'กังวลเรื่องงบประมาณ', stance='concern')
    comment = page.locator('#comments .comment', has_text='กังวลเรื่องงบประมาณ')
    expect(comment.locator('.stance')).to_be_visible()
    expect(page.locator('#comment-form #body')).to_have_value('')
    expect(page.locator('#comment-form #stance')).to_have_value('')  # a reply is no concern

    comment.locator('[data-reply]').click()
    expect(page.locator('#replying')).to_be_visible()
    expect(page.locator('#replying-to')).to_have_text(f'กำลังตอบกลับ {member.name}')
    assert_accessible(page)
    _post(page, 'ขอบคุณค่ะ')
    reply = page.locator('#comments .comment.reply', has_text='ขอบคุณค่ะ')
    expect(reply).to_be_visible()
    expect(reply.locator('.stance')).to_have_count(0)


def test_moderators_get_the_hide_action_on_live_comments(
    new_page,
    accounts,
    make_commitment,
    member,
):
    url = f'/commitments/{make_commitment()}'
    moderator = _phone(new_page, accounts['secretariat'])
    author = _phone(new_page, member)
    visit(moderator, url)
    visit(author, url)
    expect(moderator.locator('#live')).to_be_visible()
    expect(author.locator('#live')).to_be_visible()
    _post(author, 'ความเห็นที่มาแบบสด')
    live = moderator.locator('#comments .comment', has_text='ความเห็นที่มาแบบสด')
    expect(live).to_be_visible(timeout=5000)
    hide = live.get_by_role('link', name='ซ่อน')
    expect(hide).to_have_attribute('href', re.compile(r'^/comments/\d+/hide$'))
    # The author is no moderator: no hide action there.
    own = author.locator('#comments .comment', has_text='ความเห็นที่มาแบบสด')
    expect(own.get_by_role('link', name='ซ่อน')).to_have_count(0)
    assert_accessible(moderator)
    hide.click()
    expect(moderator.locator('form [name="reason"]')).to_be_visible()


def test_edit_goes_when_the_window_closes_and_delete_asks_first(
    new_page, accounts, make_commitment
):
    page = _phone(new_page, accounts['secretariat'])
    page.clock.install()
    url = f'/commitments/{make_commitment()}'
    visit(page, url)
    expect(page.locator('#live')).to_be_visible()
    _post(page, 'ความเห็นที่จะแก้ไข')
    comment = page.locator('#comments .comment', has_text='ความเห็นที่จะแก้ไข')
    edit = comment.locator('[data-edit]')
    expect(edit).to_be_visible()

    # Delete stands apart from edit (not the next target for a thumb).
    edit_box = edit.bounding_box()
    delete_box = comment.locator('.delete-form [type=submit]').bounding_box()
    assert delete_box['x'] - (edit_box['x'] + edit_box['width']) >= 48, (edit_box, delete_box)
    # Every action is a thumb's target (they were the text's 26 px).
    for action in comment.locator('.comment-actions > a, .comment-actions button').all():
        box = action.bounding_box()
        assert box['height'] >= 44, (action.inner_text(), box)
        assert box['width'] >= 44, (action.inner_text(), box)

    # The live comment's edit link goes when its 15 minutes are over.
    page.clock.fast_forward('14:00')
    expect(edit).to_be_visible()
    page.clock.fast_forward('01:30')
    expect(edit).to_have_count(0)

    # The server-rendered one too: the server (whose clock did not move) still sends the link,
    # with data-editable-until; the page, 15½ minutes on, takes it away.
    html = page.request.get(url).text()
    assert 'data-edit=' in html
    assert 'data-editable-until=' in html
    page.reload()
    comment = page.locator('#comments .comment', has_text='ความเห็นที่จะแก้ไข')
    expect(comment.locator('.body')).to_be_visible()
    expect(comment.locator('[data-edit]')).to_have_count(0)

    # Delete asks in place; "No" keeps the comment.
    comment.get_by_role('button', name='ลบ', exact=True).click()
    ask = comment.locator('.confirm-delete')
    expect(ask).to_contain_text('ลบความคิดเห็นนี้หรือไม่?')
    for button in ask.get_by_role('button').all():
        assert button.bounding_box()['height'] >= 44, button.inner_text()
    assert_accessible(page)
    ask.get_by_role('button', name='ไม่ เก็บไว้').click()
    expect(ask).to_have_count(0)
    expect(comment.locator('.body')).to_have_text('ความเห็นที่จะแก้ไข')
    # By keyboard: Enter on delete, then on "yes".
    comment.get_by_role('button', name='ลบ', exact=True).focus()
    page.keyboard.press('Enter')
    comment.get_by_role('button', name='ใช่ ลบเลย').focus()
    page.keyboard.press('Enter')
    expect(page.locator('#comments .comment', has_text=TH_DELETED)).to_have_count(1)


def test_a_comment_sent_offline_shows_as_pending_and_then_as_sent(
    new_page, make_commitment, member
):
    page = _phone(new_page, member)
    visit(page, f'/commitments/{make_commitment()}')
    expect(page.locator('#live')).to_be_visible()
    status = page.locator('#form-connection')
    expect(status).to_have_text('เชื่อมต่ออยู่')
    expect(status).to_have_attribute('aria-live', 'polite')

    page.context.set_offline(True)
    page.evaluate('window.forumLive.socket.io.engine.close()')
    # The state shows by the submit button, on screen where one writes.
    expect(status).to_contain_text('ออฟไลน์')
    page.locator('#comment-form #body').scroll_into_view_if_needed()
    submit = page.locator('#comment-form [type=submit]')
    status_box, submit_box = status.bounding_box(), submit.bounding_box()
    assert abs(status_box['y'] - submit_box['y']) < 100, (status_box, submit_box)
    assert status_box['y'] + status_box['height'] <= 740 + page.evaluate('scrollY')

    _post(page, 'ส่งระหว่างออฟไลน์')
    pending = page.locator('#comments .pending-comment', has_text='ส่งระหว่างออฟไลน์')
    expect(pending).to_be_visible()
    expect(pending.locator('.pending-state')).to_contain_text('ยังไม่ได้ส่ง')
    expect(pending.get_by_role('button', name='ส่งอีกครั้ง')).to_be_visible()
    expect(page.locator('#comment-form #body')).to_have_value('')
    assert_accessible(page)

    # Back online: sent once (the same client id), the pending one gives way to it.
    page.context.set_offline(False)
    sent = page.locator('#comments .comment', has_text='ส่งระหว่างออฟไลน์')
    expect(sent).to_have_count(1, timeout=15000)
    expect(pending).to_have_count(0)
    expect(status).to_have_text(re.compile('เชื่อมต่ออยู่|ส่งแล้ว'))
    page.reload()
    expect(page.locator('#comments .comment', has_text='ส่งระหว่างออฟไลน์')).to_have_count(1)


def test_retry_sends_the_same_comment_once(new_page, make_commitment, member):
    # (the drafter posts here: the secretariat posts more than the 10 a minute allowed when
    # the discussion tests run together)
    page = _phone(new_page, member)
    visit(page, f'/commitments/{make_commitment()}')
    expect(page.locator('#live')).to_be_visible()
    # The server's answer is lost: the comment is stored, the page says "not sent".
    page.evaluate(
        """() => {
          const socket = window.forumLive.socket;
          const emit = socket.timeout;
          socket.timeout = function () {
            const timed = emit.apply(this, arguments);
            const send = timed.emit;
            timed.emit = function (name, data, ack) {
              if (name !== 'post_comment' || window.answered) {
                return send.apply(this, arguments);
              }
              window.answered = true;
              return send.call(this, name, data, () => ack(new Error('lost')));
            };
            return timed;
          };
        }"""
    )
    _post(page, 'ลองส่งอีกครั้ง')
    pending = page.locator('#comments .pending-comment', has_text='ลองส่งอีกครั้ง')
    expect(pending.locator('.pending-state')).to_contain_text('ยังไม่ได้ส่ง')
    pending.get_by_role('button', name='ส่งอีกครั้ง').click()
    expect(pending).to_have_count(0)
    expect(page.locator('#comments .comment', has_text='ลองส่งอีกครั้ง')).to_have_count(1)
    page.reload()
    expect(page.locator('#comments .comment', has_text='ลองส่งอีกครั้ง')).to_have_count(1)


def test_a_filtered_window_takes_no_live_thread_about_another_part(
    new_page, accounts, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    author = _phone(new_page, accounts['secretariat'])
    visit(author, url)
    expect(author.locator('#live')).to_be_visible()
    _post(author, 'ความเห็นแรก')
    expect(author.locator('#comments .comment', has_text='ความเห็นแรก')).to_be_visible()
    first_id = author.locator('#comments .comment', has_text='ความเห็นแรก').get_attribute(
        'data-comment-id'
    )
    on_problem = _phone(new_page, member)
    visit(on_problem, f'{url}?about=problem')
    earlier = _phone(new_page, member)
    visit(earlier, f'{url}?before={first_id}')
    for page in (on_problem, earlier):
        expect(page.locator('#live')).to_be_visible()

    author.locator('#comment-form #anchor').select_option('problem')
    _post(author, 'ว่าด้วยปัญหา')
    author.locator('#comment-form #anchor').select_option('')
    _post(author, 'ว่าด้วยพันธสัญญาทั้งหมด')
    expect(author.locator('#comments .comment', has_text='ว่าด้วยพันธสัญญาทั้งหมด')).to_be_visible()
    expect(on_problem.locator('#comments .comment', has_text='ว่าด้วยปัญหา')).to_be_visible()
    on_problem.wait_for_timeout(500)
    expect(on_problem.locator('#comments .comment', has_text='ทั้งหมด')).to_have_count(0)
    # The earlier comments (before the first thread) take none of the new ones.
    expect(earlier.locator('#comments .comment')).to_have_count(0)


def test_every_comment_here_link_tags_its_part_and_the_filter_shows_it(
    new_page, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    page = _phone(new_page, member)
    visit(page, url)
    links = page.locator('a.comment-here')
    anchors = [links.nth(k).get_attribute('data-anchor') for k in range(links.count())]
    assert 'ogp_values' in anchors
    assert any(a.startswith('milestone:') for a in anchors), anchors
    options = page.locator('#comment-form #anchor option').evaluate_all(
        'options => options.map(o => o.value)'
    )
    for k, anchor in enumerate(anchors):
        assert anchor in options, anchor
        links.nth(k).click()
        expect(page.locator('#comment-form #anchor')).to_have_value(anchor)
        # Without JavaScript the link's ?anchor= does the same.
        assert links.nth(k).get_attribute('href') == f'?anchor={anchor}#comment-form'
        # The thread filter shows that part.
        answer = page.request.get(f'{url}?about={anchor}')
        assert answer.status == 200, anchor
        assert 'id="window-note"' in answer.text()


def test_a_discussion_link_at_the_top_and_the_language_switch_keeps_the_place(
    new_page, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    page = _phone(new_page, member)
    visit(page, url)
    expect(page.locator('#live')).to_be_visible()
    top = page.locator('#to-discussion')
    assert top.bounding_box()['y'] < 740  # on the first screen
    top.click()
    expect(page.locator('#comment-form')).to_be_in_viewport()
    page.keyboard.press('Tab')  # the next Tab is in the form, not 50 presses away
    assert page.evaluate("!!document.activeElement.closest('#comment-form')")

    # Reading a milestone, switching to English: the page opens at that milestone.
    page.goto(url)
    milestone = page.locator('.milestones li').first
    milestone.evaluate('node => node.scrollIntoView()')  # reading it
    milestone_id = milestone.get_attribute('id')
    page.wait_for_timeout(700)  # stopped scrolling there
    with page.expect_navigation():
        page.locator('.lang-switch button[lang="en"]').click()
    assert page.url.endswith(f'#{milestone_id}'), page.url
    expect(page.locator('html')).to_have_attribute('lang', 'en')
    expect(page.locator(f'#{milestone_id}')).to_be_in_viewport()
    with page.expect_navigation():
        page.locator('.lang-switch button[lang="th"]').click()


def test_a_refused_comment_switches_language_back_to_the_form(
    browser, live_server, make_commitment, member
):
    url = f'/commitments/{make_commitment()}'
    context = browser.new_context(
        base_url=live_server, java_script_enabled=False, locale='th-TH',
        viewport={'width': PHONE, 'height': 740},
    )  # fmt: skip
    page = context.new_page()
    try:
        log_in_quickly(page, member)
        page.goto(url)
        with page.expect_navigation():
            page.locator('#comment-form [type=submit]').click()  # empty: refused
        expect(page.locator('#comment-form .errors').first).to_be_visible()
        next_ = page.locator('.lang-switch [name="next"]').get_attribute('value')
        assert next_ == f'{url}#discussion'
    finally:
        context.close()


@pytest.fixture
def bilingual_secretariat_office(server_env, live_server, accounts):
    """The secretariat's organisation gets an English name (put back afterwards)."""
    from forum import create_app
    from forum.extensions import db
    from forum.sectors.models import Organisation

    app = create_app({'SQLALCHEMY_DATABASE_URI': server_env['FORUM_DATABASE_URL']})
    thai = accounts['secretariat'].organisation
    with app.app_context():
        org = db.session.scalar(db.select(Organisation).filter_by(name_th=thai))
        org.name_en = 'Forum Secretariat Office'
        db.session.commit()
    yield thai, 'Forum Secretariat Office'
    with app.app_context():
        org = db.session.scalar(db.select(Organisation).filter_by(name_th=thai))
        org.name_en = thai
        db.session.commit()
        db.engine.dispose()


def test_a_live_comment_shows_the_organisation_in_the_readers_language(
    new_page, accounts, make_commitment, member, bilingual_secretariat_office
):
    thai, english = bilingual_secretariat_office
    url = f'/commitments/{make_commitment()}'
    writer = new_page(locale='en-GB', width=PHONE, height=740)
    log_in_quickly(writer, accounts['secretariat'])
    reader = _phone(new_page, member)
    visit(writer, url)
    visit(reader, url)
    expect(writer.locator('html')).to_have_attribute('lang', 'en')
    expect(reader.locator('#live')).to_be_visible()
    expect(writer.locator('#live')).to_be_visible()
    _post(writer, 'Written in English')
    mine = writer.locator('#comments .comment', has_text='Written in English')
    expect(mine.locator('.org')).to_have_text(english)
    seen = reader.locator('#comments .comment', has_text='Written in English')
    expect(seen.locator('.org')).to_have_text(thai, timeout=5000)
    reader.reload()
    expect(seen.locator('.org')).to_have_text(thai)
