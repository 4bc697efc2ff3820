"""The secretariat's and the public's pages on a 360 px phone in Thai (an outside review).

A seat was deleted with one tap beside "Edit"; the decision's table widened the page; number
boxes and lists were 13 px (phones zoom into them) and 19 px tall; the balance charts' text was
drawn at 7 px; a refused response showed its reason a screen below where the page opened.
"""

from __future__ import annotations

import re

from axe import visit
from linebreaks import too_wide
from plans import log_in_quickly
from playwright.sync_api import expect

PHONE = 360


def _phone(new_page, account):
    page = new_page(locale='th-TH', width=PHONE, height=740)
    log_in_quickly(page, account)
    return page


def test_removing_a_seat_asks_first(new_page, accounts, member):
    page = _phone(new_page, accounts['secretariat'])
    visit(page, '/members/manage')
    rows = page.locator('table tbody tr')
    before = rows.count()
    ask = page.locator('details.confirm[data-confirm^="remove-seat-"]').first
    ask.locator('summary').click()  # the tap that used to delete at once
    confirm = ask.locator('button[type=submit]')
    expect(confirm).to_be_visible()
    expect(confirm).to_have_text('ใช่ ลบที่นั่ง')
    assert rows.count() == before
    box = ask.locator('summary').bounding_box()
    assert box['height'] >= 40, f'the Remove button is {box["height"]} px tall'


def _a_decision(secretariat_http, make_commitment) -> str:
    """A vote opened on a new commitment in review; its id."""
    commitment = make_commitment(milestones=1)
    secretariat_http.post(f'/commitments/{commitment}/state', {'state': 'msf_review'})
    opened = secretariat_http.post(
        f'/decisions/new/commitment/{commitment}', {'mode': 'vote', 'quorum': '1/3', 'note': ''}
    )
    return re.search(r'/decisions/(\d+)$', opened.url)[1]


def test_the_decision_page_does_not_scroll_sideways(new_page, accounts, secretariat_http,
                                                    make_commitment, member):  # fmt: skip
    decision = _a_decision(secretariat_http, make_commitment)
    page = _phone(new_page, accounts['secretariat'])
    visit(page, f'/decisions/{decision}')
    assert page.locator('table.counts tbody tr').count() >= 1
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE
    assert not too_wide(page)


def _small_boxes(page, selector: str) -> list[str]:
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .filter(el => parseFloat(getComputedStyle(el).fontSize) < 16
                          || el.getBoundingClientRect().height < 40)
            .map(el => `${el.id || el.name}: ${getComputedStyle(el).fontSize}, `
                       + `${Math.round(el.getBoundingClientRect().height)} px tall`)""",
        selector,
    )


def test_number_boxes_and_lists_are_tappable_and_not_zoomed(new_page, accounts, member):
    page = _phone(new_page, accounts['secretariat'])
    visit(page, '/members/composition')
    assert page.locator('input[type=number]').count() >= 2
    assert not _small_boxes(page, 'input[type=number]')
    visit(page, '/members/people')
    assert not _small_boxes(page, 'select, input[type=text], input[type=search]')


def test_the_balance_charts_text_is_readable(new_page, accounts, member):
    page = new_page(locale='th-TH', width=PHONE, height=740)
    visit(page, '/balance')
    labels = page.locator('svg.chart text.label')
    assert labels.count() >= 1
    heights = [labels.nth(i).bounding_box()['height'] for i in range(labels.count())]
    assert min(heights) >= 12, f'chart labels drawn {min(heights):.1f} px tall'
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE


_LABELS_FIT = """() => [...document.querySelectorAll('table.stacked td[data-label]')]
  .filter(td => td.offsetParent !== null)
  .map(td => {
    // The label as the cell draws it: a third of the cell's width, in its font.
    const style = getComputedStyle(td, '::before');
    const probe = document.createElement('div');
    probe.textContent = td.dataset.label;
    Object.assign(probe.style, {position: 'absolute', visibility: 'hidden', font: style.font,
                                width: style.width, lineHeight: style.lineHeight});
    document.body.append(probe);
    const label = probe.getBoundingClientRect().height;
    probe.remove();
    return {label: td.dataset.label, labelHeight: label, cell: td.getBoundingClientRect().height};
  })
  .filter(c => c.cell + 1 < c.labelHeight)"""


def test_a_long_column_label_makes_its_card_row_taller(new_page, accounts, secretariat_http,
                                                       make_commitment, member):  # fmt: skip
    # A second phone review: a label of two or three lines was drawn over the next row of the
    # card, and the decision's results could not be read.
    decision = _a_decision(secretariat_http, make_commitment)
    page = new_page(locale='th-TH', width=320, height=740)
    visit(page, f'/decisions/{decision}')
    assert page.locator('table.stacked td[data-label]').count() >= 3
    assert page.evaluate(_LABELS_FIT) == []


def test_a_long_word_someone_typed_does_not_widen_the_staffs_cards(new_page, accounts, server_env):
    from tests.servers import flask

    flask(['forum', 'create-user', 'longorg@example.org', '--password', 'long-org-password',
           '--name', 'ผู้มีองค์กรยาว', '--organisation',
           'https://www.facebook.com/groups/thailand.opengov.network.of.civil.society'],
          server_env)  # fmt: skip
    page = _phone(new_page, accounts['secretariat'])
    visit(page, '/members/people')
    assert page.get_by_text('ผู้มีองค์กรยาว').count() >= 1
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE
    assert not too_wide(page)


def test_removing_a_milestone_asks_first_and_the_pages_actions_are_thumb_sized(
    new_page, accounts, make_commitment
):
    commitment = make_commitment(milestones=2)
    page = _phone(new_page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment}')
    ask = page.locator('details.confirm[data-confirm^="remove-milestone-"]').first
    ask.locator('summary').click()
    expect(ask.locator('button[type=submit]')).to_have_text('ใช่ ลบหมุดหมาย')
    assert page.locator('ol.milestones > li').count() == 2
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              '.comment-here, .part-count, .view-switch a, .actions > a, .to-discussion a')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim(), el.getBoundingClientRect().height])
            .filter(([, height]) => height < 44)"""
    )
    assert small == []
