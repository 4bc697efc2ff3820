"""The plan page, the home page and the state buttons on a 360 px phone in Thai.

The home page leads to the current plan and each policy-area card to that plan's commitments
in the area; the plan lists each commitment's comments and latest activity; "send to review"
is disabled with its reason while the checklist fails; a plan's state change asks first and
goes through only once confirmed (without any script of ours: a <details> element).
"""

from __future__ import annotations

import re

from axe import assert_accessible, visit
from plans import log_in_quickly
from playwright.sync_api import expect

PHONE = 360
TH_REFUSED = 'ยังทำไม่ได้จนกว่ารายการตรวจสอบจะผ่าน'
TH_YES = 'ใช่ เปลี่ยนเลย'


def _fits(page) -> None:
    scroll = page.evaluate('document.documentElement.scrollWidth')
    assert scroll <= PHONE, f'{page.url} is {scroll}px wide at a {PHONE}px viewport'


def test_send_to_review_is_disabled_with_its_reason(new_page, accounts, make_commitment):
    """An incomplete commitment without milestones: no live button, and no "1." item."""
    cid = make_commitment(milestones=0, title_en='')
    page = new_page(width=PHONE)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{cid}')
    button = page.locator('.refused-move button')
    expect(button).to_be_disabled()
    expect(button).to_have_accessible_description(re.compile(TH_REFUSED))
    reason = page.locator('.refused-reason')
    expect(reason).to_be_visible()
    expect(reason.get_by_role('link')).to_have_attribute('href', '#checklist')
    assert page.locator('details.confirm[data-confirm="msf_review"]').count() == 0
    # No milestones: a sentence, not a numbered list item.
    expect(page.locator('ol.milestones')).to_have_count(0)
    expect(page.locator('#f-milestones ~ p.empty')).to_be_visible()
    _fits(page)


def test_home_leads_to_the_plan_and_its_areas(new_page, make_commitment, drafting_nap):
    """A visitor: the current plan's link, a card per area that opens its commitments."""
    cid = make_commitment(milestones=1)
    page = new_page(width=PHONE)
    visit(page, '/')
    current = page.locator('.current-plan a')
    expect(current).to_contain_text('แผนปัจจุบัน')
    href = current.get_attribute('href')
    assert re.fullmatch(r'/naps/\d+', href)
    card = page.locator('.card-link').first
    area_link = card.get_by_role('link')
    assert re.fullmatch(href + r'\?area=\w+', area_link.get_attribute('href'))
    _fits(page)
    # The whole card opens it, not only its title.
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box['x'] + box['width'] - 8, box['y'] + box['height'] - 8)
    assert '?area=' in page.url
    expect(page.locator('.area-filter')).to_contain_text('แสดงเฉพาะประเด็นนโยบาย')
    assert_accessible(page)
    # The plan page (every area): the commitment with its comments and latest activity.
    visit(page, f'/naps/{drafting_nap}')
    item = page.locator('.commitment-list li', has=page.locator(f'a[href="/commitments/{cid}"]'))
    expect(item.locator('.activity')).to_contain_text('ยังไม่มีความคิดเห็น')
    expect(item.locator('.activity')).to_contain_text(re.compile(r'ความเคลื่อนไหวล่าสุด .*25\d\d'))
    _fits(page)


def test_plan_state_change_asks_first(new_page, accounts, drafting_nap, secretariat_http):
    """The secretariat opens the question, reads it, and confirms; then the plan moves."""
    page = new_page(width=PHONE)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/naps/{drafting_nap}')
    confirm = page.locator('details.confirm[data-confirm="consultation"]')
    yes = confirm.get_by_role('button', name=TH_YES)
    expect(yes).to_be_hidden()  # nothing is sent by the first press
    confirm.locator('summary').click()
    expect(yes).to_be_visible()
    expect(confirm).to_contain_text('ทุกคนที่อ่านแผนจะเห็นสถานะใหม่นี้')
    assert_accessible(page)
    _fits(page)
    with page.expect_navigation():
        yes.click()
    expect(page.locator('[data-nap-state]')).to_have_attribute('data-nap-state', 'consultation')
    assert_accessible(page)
    # Back to drafting for the other tests of the module.
    secretariat_http.post(f'/naps/{drafting_nap}/state', {'state': 'drafting'})
