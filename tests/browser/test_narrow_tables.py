"""Tables on a 360 px phone in Thai: lines break between words only, and nothing scrolls sideways.

The check reads the line boxes Chromium laid out (tests/browser/linebreaks.py), not the CSS:
before the fix the history table broke "ฉ|บับ|แก้ไข" and the year "256|9".
"""

from __future__ import annotations

import pytest
from axe import visit
from linebreaks import bad_breaks, too_wide
from plans import log_in_quickly

PHONE = 360


#: The commitment the tests of this module share (made by the first one that needs it).
_MADE: dict[str, int] = {}


@pytest.fixture
def commitment_with_history(make_commitment):
    """A commitment with several revisions (each milestone added makes one) and a drafter's seat."""
    if 'id' not in _MADE:
        _MADE['id'] = make_commitment(milestones=2, drafter=True)
    return _MADE['id']


def _words_whole(page, selector: str | None = None) -> None:
    breaks = bad_breaks(page) if selector is None else bad_breaks(page, selector)
    assert not breaks, f'{page.url} breaks inside words at 360 px: {breaks}'
    wide = too_wide(page)
    assert not wide, f'{page.url} is wider than the 360 px viewport: {wide}'


def test_history_and_diff_tables_break_between_words(new_page, accounts, commitment_with_history):
    """The revisions table and the comparison below it: Thai words and B.E. years stay whole."""
    page = new_page(width=PHONE)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment_with_history}/history')
    rows = page.locator('form.compare tbody tr')
    assert rows.count() >= 3, 'the history should list every revision'
    assert page.locator('table.diff tbody tr').count() >= 1
    # The page is in Thai, with a Buddhist-Era year in every row (the "256|9" of the report).
    assert 'ฉบับแก้ไข' in page.locator('form.compare thead').inner_text()
    assert '25' in rows.first.inner_text()
    _words_whole(page)
    # Comparing the first revision with the last: a diff with many rows.
    visit(page, f'/commitments/{commitment_with_history}/history?a=1&b={rows.count()}')
    assert page.locator('table.diff tbody tr').count() >= 5
    _words_whole(page)


def test_commitment_page_milestones_fit(new_page, accounts, commitment_with_history):
    """The milestones' facts (indicator, dates, owner) on the commitment page."""
    page = new_page(width=PHONE)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment_with_history}')
    assert page.locator('.milestones > li').count() == 2
    _words_whole(page, '.milestones dt, .milestones dd, .facts dt, .facts dd')


@pytest.mark.parametrize(
    'path', ['/members', '/members/people', '/members/manage', '/members/organisations',
             '/members/sectors'],
)  # fmt: skip
def test_member_tables_fit(new_page, accounts, commitment_with_history, path):
    """The member tables: one card per row on a phone, each cell naming its column."""
    page = new_page(width=PHONE)
    log_in_quickly(page, accounts['secretariat'])
    visit(page, path)
    assert page.locator('table tbody tr').count() >= 1
    _words_whole(page)
    stacked = page.locator('table.stacked td[data-label]')
    if stacked.count():
        label = stacked.first.evaluate("td => getComputedStyle(td, '::before').content")
        assert label.strip('"') == stacked.first.get_attribute('data-label')
