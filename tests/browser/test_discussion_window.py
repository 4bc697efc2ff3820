"""A long discussion in real Chromium: "show earlier" loads the earlier threads in place.

The page shows the latest threads; static/js/earlier.js loads the ones before in place, on a
desktop and on a 360 px phone; a part's comment count opens that part's comments.
"""

from __future__ import annotations

import pytest
from axe import assert_accessible, visit
from playwright.sync_api import expect

from forum import create_app
from forum.auth.models import User
from forum.comments.window import THREADS
from forum.commitments.services import create_commitment
from forum.extensions import db
from forum.naps.models import Nap, PolicyArea
from forum.naps.services import create_nap, move_nap
from tests.comments.bulk import add_comments

TH_SHOW_EARLIER = 'แสดงความคิดเห็นก่อนหน้า'


@pytest.fixture
def long_discussion(server_env, live_server, accounts):
    """A commitment with 2 × 50 + 1 threads, each with a reply, and a late reply to the first.

    Made straight in the live server's database (no rate limit applies there); the first three
    threads are on the problem.
    """
    app = create_app({'SQLALCHEMY_DATABASE_URI': server_env['FORUM_DATABASE_URL']})
    with app.app_context():
        author = db.session.scalar(db.select(User).filter_by(email=accounts['secretariat'].email))
        fields = {
            'policy_area_id': db.session.scalar(db.select(PolicyArea.id)),
            'title_th': 'พันธสัญญาที่มีการอภิปรายยาว',
            'title_en': 'A commitment with a long discussion',
        }
        # A plan of its own, made here too: the discussion does not depend on the plan forms.
        number = (db.session.scalar(db.select(db.func.max(Nap.number))) or 0) + 100
        nap = create_nap(
            actor=author, number=number, title_th='แผนทดสอบการอภิปราย', title_en='Discussion plan',
            start_year=2025, length_years=2, end_month=6,
        )  # fmt: skip
        move_nap(nap, 'drafting', actor=author)
        cid = create_commitment(nap, actor=author, fields=fields).id
        db.session.commit()
        heads = []
        for k in range(2 * THREADS + 1):
            (head,) = add_comments(
                cid, author, body=f'thread {k}', anchor='problem' if k < 3 else ''
            )
            add_comments(cid, author, parent_id=head, body=f'reply {k}')
            heads.append(head)
        (late,) = add_comments(cid, author, parent_id=heads[0], body='late reply')
        db.engine.dispose()
    return cid, heads, late


def _fits(page, width: int) -> None:
    scroll = page.evaluate('document.documentElement.scrollWidth')
    assert scroll <= width, f'{page.url} is {scroll}px wide at a {width}px viewport'


@pytest.mark.parametrize('width', [1280, 360])
def test_show_earlier_loads_the_earlier_threads_in_place(new_page, long_discussion, width):
    cid, heads, late = long_discussion
    page = new_page(locale='th-TH', width=width, height=740)
    visit(page, f'/commitments/{cid}')
    expect(page.locator('#live')).to_be_visible()  # joined: the live discussion has its say
    threads = page.locator('#comments > .thread')
    # The late reply's thread is not shown; the live client may show the reply on its own.
    shown = page.locator(f'#comments > .thread:not([data-thread="{late}"])')
    expect(shown).to_have_count(THREADS)
    expect(threads.first).to_have_attribute('data-thread', str(heads[THREADS + 1]))
    expect(page.locator(f'#comment-{heads[0]}')).to_have_count(0)
    if width == 360:
        _fits(page, width)
    page.evaluate('window.notReloaded = true')

    # First click: the THREADS threads before, above the oldest shown, with the next link.
    link = page.get_by_role('link', name=TH_SHOW_EARLIER)
    link.click()
    expect(shown).to_have_count(2 * THREADS)
    expect(threads.first).to_have_attribute('data-thread', str(heads[1]))
    expect(page.get_by_role('link', name=TH_SHOW_EARLIER)).to_be_focused()
    assert page.evaluate('window.notReloaded') is True
    assert page.url.endswith(f'/commitments/{cid}')  # no navigation happened

    # Second click: the first thread, its late reply inside it (once); no link is left.
    page.get_by_role('link', name=TH_SHOW_EARLIER).click()
    expect(threads).to_have_count(2 * THREADS + 1)
    expect(page.locator(f'#comment-{late}')).to_have_count(1)
    first = threads.first
    expect(first).to_have_attribute('data-thread', str(heads[0]))
    expect(first.locator('.replies .comment')).to_have_count(2)
    expect(first.locator(f'.replies #comment-{late}')).to_contain_text('late reply')
    expect(page.locator('.show-earlier')).to_have_count(0)
    expect(page.locator(f'#comment-{heads[0]}')).to_be_focused()
    assert page.evaluate('window.notReloaded') is True
    # Every comment is there once.
    assert page.locator('[data-comment-id]').count() == 2 * (2 * THREADS + 1) + 1
    assert_accessible(page)
    if width == 360:
        _fits(page, width)


def test_a_parts_count_opens_its_comments(new_page, long_discussion):
    cid, heads, late = long_discussion
    page = new_page(locale='en-US')
    visit(page, f'/commitments/{cid}')
    count = page.locator('#f-problem .part-count')
    expect(count).to_have_text('7 comments: The public problem, with its baseline')
    count.click()
    expect(page.locator('#window-note')).to_contain_text('The public problem, with its baseline')
    threads = page.locator('#comments > .thread')
    expect(threads).to_have_count(3)
    expect(threads.first.locator('.replies .comment')).to_have_count(2)  # with the late reply
    assert_accessible(page)
