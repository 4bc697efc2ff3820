"""Drafting a National Action Plan in real Chromium: plan, commitment, milestones, live drafting.

The secretariat drafts a whole commitment through the pages; two people draft the same
commitment at once and see each other live; an old revision is restored from the history; the
commitment page fits a 320 px screen and shows Thai and English side by side. Data the test is
not about is set up over plain HTTP (:class:`Http`), which is quicker than the pages.
"""

from __future__ import annotations

import re

from axe import assert_accessible, visit
from plans import (
    _NAP_NUMBERS,
    COMMITMENT_END,
    COMMITMENT_START,
    COMMITMENT_TEXTS,
    MILESTONES,
    NAP_END,
    NAP_START_YEAR,
    OGP_VALUES,
    log_in_quickly,
)
from playwright.sync_api import expect

#: Thai interface texts the tests look for (translations/th).
TH_CHECKLIST_PASSES = 'ตรวจสอบได้และครบถ้วน'
TH_REVIEW_REFUSED = 'ยังทำไม่ได้จนกว่ารายการตรวจสอบจะผ่าน'
TH_CONFLICT = 'ยังไม่ได้บันทึก: มีผู้อื่นบันทึกก่อน'
TH_EDITING = 'กำลังแก้ไข'
TH_IN_REVIEW = 'อยู่ระหว่างเวทีความร่วมมือพิจารณา'


# -- helpers --------------------------------------------------------------------------------------


def _log_in(page, account) -> None:
    """Log ``account`` in through the login page (checked with axe on the way)."""
    visit(page, '/auth/login')
    page.locator('#email').fill(account.email)
    page.locator('#password').fill(account.password)
    with page.expect_navigation():
        page.locator('main form [type=submit]').click()
    expect(page.locator('header.site-header .whoami')).to_have_text(account.name)


def _submit(page, form: str = 'main form.stack') -> None:
    """Press the submit button of ``form`` and wait for the next page (redirect or errors)."""
    with page.expect_navigation():
        page.locator(f'{form} [type=submit][name=submit]').click()


def _fill_milestone(page, milestone: dict, organisation: str) -> None:
    """Fill the milestone form: texts in both languages, owner, dates."""
    for name in ('output', 'indicator', 'baseline', 'target'):
        thai, english = milestone[name]
        page.locator(f'#{name}_th').fill(thai)
        page.locator(f'#{name}_en').fill(english)
    page.locator('#responsible_organisation').select_option(label=organisation)
    page.locator('#start_date').fill(milestone['dates'][0])
    page.locator('#end_date').fill(milestone['dates'][1])


def _milestone(page, n: int):
    """Return the ``n``-th milestone (from 1) on a commitment page."""
    return page.locator('ol.milestones > li').nth(n - 1)


def _problems(page) -> list[str]:
    """Return the ``data-field`` of every item the checklist lists."""
    return page.locator('#checklist li').evaluate_all('els => els.map(e => e.dataset.field)')


def test_secretariat_drafts_a_commitment_into_msf_review(new_page, accounts):
    secretariat = accounts['secretariat']
    number = next(_NAP_NUMBERS)
    government = ('กรมส่งเสริมการปกครองท้องถิ่น (ทดสอบ)', 'Department of Local Administration (test)')
    civil = ('มูลนิธิข้อมูลเปิดเพื่อประชาชน', 'Open Data for People Foundation')

    # In English: the organisations and the plan.
    en = new_page(locale='en-US')
    _log_in(en, secretariat)
    expect(en.locator('html')).to_have_attribute('lang', 'en')
    for (name_th, name_en), sector in ((government, 'government'), (civil, 'civil_society')):
        visit(en, '/members/organisations/new')
        en.locator('#name_th').fill(name_th)
        en.locator('#name_en').fill(name_en)
        en.locator('#sector').select_option(sector)
        _submit(en)
        expect(en).to_have_url(re.compile(r'/members/organisations$'))
        expect(en.locator('main')).to_contain_text(name_en)
        assert_accessible(en)

    visit(en, '/naps/new')
    en.locator('#number').fill(str(number))
    en.locator('#title_th').fill(f'แผนปฏิบัติการระดับชาติ ฉบับที่ {number}')
    en.locator('#title_en').fill(f'National Action Plan {number}')
    en.locator('#start_year').fill(str(NAP_START_YEAR))
    en.locator('#length_years').select_option('2')
    en.locator('#end_month').select_option('6')
    _submit(en)
    expect(en.get_by_role('heading', level=1)).to_have_text(f'National Action Plan {number}')
    expect(en.locator('main')).to_contain_text('July 1, 2025 – June 30, 2027')
    expect(en.locator('[data-nap-state]')).to_have_attribute('data-nap-state', 'planning')
    assert_accessible(en)
    nap_url = en.url
    en.locator('details[data-confirm=drafting] summary').click()  # asks first
    with en.expect_navigation():
        en.locator('details[data-confirm=drafting]').get_by_role(
            'button', name='Yes, move it'
        ).click()
    expect(en.locator('[data-nap-state]')).to_have_attribute('data-nap-state', 'drafting')
    expect(en.get_by_role('status')).to_contain_text('Drafting')
    assert_accessible(en)

    # In Thai: the commitment, every field in both languages.
    th = new_page(locale='th-TH')
    _log_in(th, secretariat)
    visit(th, nap_url)
    expect(th.locator('html')).to_have_attribute('lang', 'th')
    th.locator('main a[href$="/commitments/new"]').click()
    th.wait_for_url(re.compile(r'/commitments/new$'))
    assert_accessible(th)
    expect(th.locator('label[for=title_th]')).to_have_text('ชื่อพันธสัญญา (ภาษาไทย)')
    expect(th.locator('#title_th')).to_have_attribute('lang', 'th')
    expect(th.locator('#title_en')).to_have_attribute('lang', 'en')
    for name, thai, english in COMMITMENT_TEXTS:
        th.locator(f'#{name}_th').fill(thai)
        th.locator(f'#{name}_en').fill(english)
    for flag in OGP_VALUES:
        th.locator(f'#{flag}').check()
    th.locator('#policy_area').select_option(label='การเปิดเผยข้อมูลทางการคลัง')
    th.locator('#lead_agency').select_option(label=government[0])
    for supporter in (civil[0], secretariat.organisation):
        th.locator('#supporters').get_by_label(supporter, exact=True).check()
    th.locator('#contact_name').fill('วิภา ใจดี')
    th.locator('#contact_email').fill('wipa@example.org')
    th.locator('#start_date').fill(COMMITMENT_START)
    th.locator('#end_date').fill(COMMITMENT_END)
    th.locator('#budget').fill('5,000,000 บาท')
    th.locator('#sdg_targets').fill('16.6, 16.10')
    _submit(th, 'main form.commitment-form')
    expect(th.locator('article.commitment h1')).to_contain_text(COMMITMENT_TEXTS[0][1])
    assert_accessible(th)
    commitment_url = th.url
    # Everything is there but the milestones.
    expect(th.locator('#checklist')).to_have_class(re.compile(r'\bfails\b'))
    assert _problems(th) == ['milestones']
    expect(th.locator('#checklist li[data-field=milestones]')).to_have_text(
        'เพิ่มหมุดหมายอย่างน้อยหนึ่งรายการ'
    )
    expect(th.locator('main')).to_contain_text(government[0])
    expect(th.locator('main')).to_contain_text(civil[0])
    # It cannot go to MSF review yet: the button says so instead of being refused after a press
    # (the server still refuses the move: tests/commitments/test_routes.py).
    expect(th.locator('.refused-move button')).to_be_disabled()
    expect(th.locator('.refused-reason')).to_contain_text(TH_REVIEW_REFUSED)
    expect(th.locator('form[action$="/state"]')).to_have_count(0)
    expect(th.locator('[data-state]')).to_have_attribute('data-state', 'draft')
    assert_accessible(th)

    # Two milestones; the second one's dates first fall outside the commitment.
    for n, milestone in enumerate(MILESTONES, start=1):
        th.locator('main a[href$="/milestones/new"]').click()
        th.wait_for_url(re.compile(r'/milestones/new$'))
        assert_accessible(th)
        _fill_milestone(th, milestone, government[0] if n == 1 else civil[0])
        if n == 2:
            th.locator('#end_date').fill(NAP_END)  # inside the plan, after the commitment
            _submit(th, 'main form.commitment-form')
            # In the reader's calendar: COMMITMENT_END (2027-03-31) in B.E. with the Thai month.
            expect(th.get_by_role('alert')).to_contain_text('31 มีนาคม 2570')
            expect(th.locator('#end_date')).to_have_attribute('aria-invalid', 'true')
            assert_accessible(th)
            th.locator('#end_date').fill(milestone['dates'][1])
        _submit(th, 'main form.commitment-form')
        expect(th).to_have_url(commitment_url)
        expect(_milestone(th, n)).to_contain_text(milestone['target'][0])
        assert_accessible(th)
    expect(th.locator('#checklist')).to_have_class(re.compile(r'\bpasses\b'))
    expect(th.locator('#checklist')).to_contain_text(TH_CHECKLIST_PASSES)
    expect(th.locator('#checklist li')).to_have_count(0)

    # Back in English: send it to MSF review.
    visit(en, commitment_url)
    expect(en.locator('#checklist')).to_have_class(re.compile(r'\bpasses\b'))
    expect(en.locator('[data-state]')).to_have_attribute('data-state', 'draft')
    en.get_by_text('Move to "In MSF review"').click()  # asks first
    with en.expect_navigation():
        en.get_by_role('button', name='Yes, move it').click()
    expect(en.locator('[data-state]')).to_have_attribute('data-state', 'msf_review')
    expect(en.locator('[data-state]')).to_have_text('In MSF review')
    expect(en.get_by_role('status')).to_contain_text('In MSF review')
    assert_accessible(en)

    # The Thai page shows the new state; the plan lists the commitment as complete.
    visit(th, commitment_url)
    expect(th.locator('[data-state]')).to_have_text(TH_IN_REVIEW)
    visit(th, nap_url)
    listed = th.locator('.commitment-list li', has_text=COMMITMENT_TEXTS[0][1])
    expect(listed.locator('.check-ok')).to_have_count(1)
    expect(listed.locator('.badge')).to_have_text(TH_IN_REVIEW)


# -- two people draft at once ---------------------------------------------------------------------


def test_live_drafting_presence_revisions_and_conflicts(new_page, accounts, make_commitment):
    commitment_id = make_commitment(drafter=True, title_en='')
    url = f'/commitments/{commitment_id}'
    title_en = 'Open local budget data, quarterly'

    a = new_page(locale='th-TH')
    log_in_quickly(a, accounts['secretariat'])
    b = new_page(locale='th-TH')
    log_in_quickly(b, accounts['drafter'])

    visit(a, url)
    expect(a.locator('#live')).to_be_visible()  # joined the room
    assert _problems(a) == ['title_en']
    a.evaluate('window.notReloaded = true')

    # B opens the edit form: A sees B editing.
    visit(b, f'{url}/edit')
    expect(a.locator('#live-editors')).to_contain_text(f'{TH_EDITING}: {accounts["drafter"].name}')
    # Named with the organisation they speak for, so two people of one name can be told apart.
    drafter = accounts['drafter']
    expect(a.locator('#live-editors')).to_contain_text(f'{drafter.name} ({drafter.organisation}')
    assert_accessible(a)

    # B saves: A hears of the revision and A's checklist turns green.
    b.locator('#title_en').fill(title_en)
    _submit(b, 'main form.commitment-form')
    expect(b.locator('#checklist')).to_have_class(re.compile(r'\bpasses\b'))
    revision = a.locator('#live-revision')
    expect(revision).to_be_visible()
    expect(revision).to_contain_text(accounts['drafter'].name)
    expect(a.locator('#live-revision-link')).to_have_attribute(
        'href', re.compile(rf'/commitments/{commitment_id}/history\?a=\d+&b=\d+$')
    )
    expect(a.locator('#checklist')).to_have_class(re.compile(r'\bpasses\b'))
    expect(a.locator('#checklist')).to_contain_text(TH_CHECKLIST_PASSES)
    expect(a.locator('#live-editors')).not_to_contain_text(TH_EDITING)  # B left the form
    assert a.evaluate('window.notReloaded') is True
    assert_accessible(a)

    # The link shows B's change.
    with a.expect_navigation():
        a.locator('#live-revision-link').click()
    expect(a.locator('table.diff ins')).to_have_text(title_en)
    assert_accessible(a)

    # A and B both open the form; B saves first; A's save is refused, A's text kept.
    visit(a, f'{url}/edit')
    expect(a.locator('#live')).to_be_visible()  # joined the room: it will hear of B's save
    visit(b, f'{url}/edit')
    b.locator('#description_en').fill('Every local government publishes its spending monthly.')
    _submit(b, 'main form.commitment-form')
    expect(a.locator('#live-revision')).to_be_visible()  # A is warned while editing
    mine = 'องค์กรปกครองส่วนท้องถิ่นทุกแห่งเผยแพร่ข้อมูลรายจ่ายทุกเดือน'
    a.locator('#description_th').fill(mine)
    with a.expect_response(lambda r: r.request.method == 'POST') as refused:
        _submit(a, 'main form.commitment-form')
    assert refused.value.status == 409
    conflict = a.locator('.conflict[role=alert]')
    expect(conflict).to_contain_text(TH_CONFLICT)
    expect(conflict.locator('table.diff ins', has_text='monthly')).to_have_count(1)
    expect(a.locator('#description_th')).to_have_value(mine)
    assert_accessible(a)

    # Having seen B's change, A saves again.
    _submit(a, 'main form.commitment-form')
    expect(a).to_have_url(re.compile(rf'{url}$'))
    expect(a.locator('main')).to_contain_text(mine)
    assert_accessible(a)


def test_history_restores_an_old_revision(new_page, accounts, make_commitment):
    commitment_id = make_commitment(milestones=0, short_title_en='')
    page = new_page(locale='en-US')
    log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment_id}/edit')
    page.locator('#short_title_en').fill('Open budgets')
    _submit(page, 'main form.commitment-form')
    expect(page.locator('#checklist li[data-field=short_title_en]')).to_have_count(0)

    visit(page, f'/commitments/{commitment_id}/history')
    page.locator('details[data-confirm=restore-1] summary').click()  # asks first
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role('button', name='Yes, restore revision 1').click()
    expect(page).to_have_url(re.compile(rf'/commitments/{commitment_id}$'))
    expect(page.get_by_role('status')).to_contain_text('Revision 1 is restored as revision 3')
    expect(page.locator('#checklist li[data-field=short_title_en]')).to_have_count(1)
    assert_accessible(page)


# -- small screens, both languages ----------------------------------------------------------------


def test_commitment_page_at_320px(new_page, accounts, make_commitment):
    # Long unbroken strings are the usual cause of sideways scrolling.
    commitment_id = make_commitment(
        milestones=2,
        drafter=True,
        contact_email='public.participation.office@digitalgovernment-agency.go.th',
        problem_en='Baseline: https://data.go.th/dataset/local-government-expenditure-2568-q1',
    )
    page = new_page(locale='th-TH', width=320, height=640)
    log_in_quickly(page, accounts['secretariat'])
    for path in (f'/commitments/{commitment_id}', f'/commitments/{commitment_id}?view=both'):
        visit(page, path)
        expect(_milestone(page, 2)).to_be_visible()
        width = page.evaluate('document.documentElement.scrollWidth')
        assert width <= 320, f'{path} is {width}px wide at a 320px viewport'


def test_both_languages_side_by_side(new_page, make_commitment):
    commitment_id = make_commitment()
    page = new_page(locale='en-US')
    visit(page, f'/commitments/{commitment_id}?view=both')
    expect(page.locator('nav.view-switch [aria-current=page]')).to_have_attribute(
        'href', re.compile(r'view=both$')
    )
    pair = page.locator('.bilingual').first
    thai, english = pair.locator('[lang=th]'), pair.locator('[lang=en]')
    expect(thai).to_have_text(COMMITMENT_TEXTS[0][1])
    expect(english).to_have_text(COMMITMENT_TEXTS[0][2])
    left, right = thai.bounding_box(), english.bounding_box()
    assert left['x'] + left['width'] <= right['x'], 'Thai should be left of English'
    assert abs(left['y'] - right['y']) < 2, 'Thai and English should start on the same line'
    milestone = _milestone(page, 1)
    expect(milestone.locator('[lang=th]', has_text=MILESTONES[0]['target'][0])).to_be_visible()
    expect(milestone.locator('[lang=en]', has_text=MILESTONES[0]['target'][1])).to_be_visible()
