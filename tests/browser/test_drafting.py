"""Drafting a National Action Plan in real Chromium: plan, commitment, milestones, live drafting.

The secretariat drafts a whole commitment through the pages; two people draft the same
commitment at once and see each other live; an old revision is restored from the history; the
commitment page fits a 320 px screen and shows Thai and English side by side. Data the test is
not about is set up over plain HTTP (:class:`Http`), which is quicker than the pages.
"""

from __future__ import annotations

import html
import itertools
import re

import pytest
import requests
from axe import assert_accessible, visit
from playwright.sync_api import expect

#: Plan numbers are unique and the server lives for the whole session: each plan takes the next.
_NAP_NUMBERS = itertools.count(1)

#: The plan the drafting test creates: two years ending on 30 June 2027.
NAP_START_YEAR = 2025
NAP_START, NAP_END = '2025-07-01', '2027-06-30'
COMMITMENT_START, COMMITMENT_END = '2025-10-01', '2027-03-31'

#: Every bilingual text of a commitment: (field name, Thai, English).
COMMITMENT_TEXTS = (
    ('title', 'เปิดเผยข้อมูลงบประมาณท้องถิ่นแบบเปิด', 'Open local budget data'),
    ('short_title', 'งบท้องถิ่นเปิด', 'Open local budgets'),
    (
        'description',
        'องค์กรปกครองส่วนท้องถิ่นเผยแพร่ข้อมูลงบประมาณรายจ่ายในรูปแบบข้อมูลเปิดทุกไตรมาส',
        'Local governments publish their spending as open data every quarter.',
    ),
    (
        'problem',
        'ประชาชนเข้าถึงข้อมูลงบประมาณท้องถิ่นได้น้อยกว่าร้อยละ 10 ของหน่วยงาน',
        'Citizens can see the budgets of fewer than 10% of local governments.',
    ),
    (
        'causes',
        'ไม่มีมาตรฐานข้อมูลกลาง และหน่วยงานขาดเครื่องมือเผยแพร่',
        'There is no common data standard and agencies lack publishing tools.',
    ),
    (
        'solution',
        'จัดทำมาตรฐานข้อมูลงบประมาณและแพลตฟอร์มเผยแพร่กลาง',
        'Create a budget data standard and a shared publishing platform.',
    ),
    (
        'contribution',
        'ประชาชนติดตามการใช้จ่ายและร่วมตรวจสอบได้',
        'Citizens can follow spending and hold agencies to account.',
    ),
    (
        'value_access_why',
        'เปิดเผยข้อมูลงบประมาณที่เดิมไม่เปิดเผย',
        'It publishes budget data that was closed.',
    ),
    (
        'value_participation_why',
        'ประชาชนร่วมกำหนดชุดข้อมูลที่ต้องเปิด',
        'Citizens help choose the data sets.',
    ),
    (
        'value_accountability_why',
        'ประชาชนตรวจสอบการใช้จ่ายได้',
        'Citizens can check spending.',
    ),
    (
        'value_technology_why',
        'ใช้แพลตฟอร์มข้อมูลเปิดกลาง',
        'It uses a shared open-data platform.',
    ),
)
OGP_VALUES = ('value_access', 'value_participation', 'value_accountability', 'value_technology')

#: Two milestones: texts (name, Thai, English), dates inside the commitment.
MILESTONES = (
    {
        'output': ('มาตรฐานข้อมูลงบประมาณท้องถิ่น', 'A local budget data standard'),
        'indicator': ('มาตรฐานได้รับการประกาศใช้', 'The standard is adopted'),
        'baseline': ('ไม่มีมาตรฐาน', 'No standard'),
        'target': ('ประกาศใช้ 1 มาตรฐาน', 'One standard adopted'),
        'dates': ('2025-10-01', '2026-03-31'),
    },
    {
        'output': ('หน่วยงานเผยแพร่ข้อมูลบนแพลตฟอร์ม', 'Agencies publish on the platform'),
        'indicator': ('จำนวนหน่วยงานที่เผยแพร่', 'Number of agencies publishing'),
        'baseline': ('0 แห่ง', '0 agencies'),
        'target': ('500 แห่ง', '500 agencies'),
        'dates': ('2026-04-01', '2027-03-31'),
    },
)

#: Thai interface texts the tests look for (translations/th).
TH_CHECKLIST_PASSES = 'ตรวจสอบได้และครบถ้วน'
TH_CHECKLIST_FAILS = 'ยังไม่ผ่านรายการตรวจสอบ'
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


def _log_in_quickly(page, account) -> None:
    """Log ``account`` in over HTTP in the page's browser context (shares its cookies)."""
    login = page.request.get('/auth/login')
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', login.text())[1]
    response = page.request.post(
        '/auth/login',
        form={'email': account.email, 'password': account.password, 'csrf_token': token},
    )
    assert response.ok, f'logging {account.email} in answered {response.status}'
    assert '/auth/login' not in response.url, f'{account.email} was not logged in'


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


class Http:
    """A logged-in ``requests`` session that sets up data quickly; Chromium then looks at it."""

    def __init__(self, base_url: str, account):
        self.base_url = base_url
        self.session = requests.Session()
        self.token = ''
        self.get('/auth/login')
        self.post('/auth/login', {'email': account.email, 'password': account.password})

    def _keep_token(self, response: requests.Response) -> requests.Response:
        """Remember the page's CSRF token (it is tied to the session cookie)."""
        found = re.search(r'<meta name="csrf-token" content="([^"]+)"', response.text)
        if found:
            self.token = found.group(1)
        return response

    def get(self, path: str) -> requests.Response:
        """GET ``path``; it must answer 200."""
        response = self.session.get(self.base_url + path, timeout=10)
        assert response.status_code == 200, f'GET {path} answered {response.status_code}'
        return self._keep_token(response)

    def post(self, path: str, data: dict) -> requests.Response:
        """POST a form to ``path`` with the CSRF token; it must redirect to a page (saved)."""
        response = self.session.post(
            self.base_url + path, data={**data, 'csrf_token': self.token}, timeout=10
        )
        page = response.text[:3000]
        assert response.ok, f'POST {path} answered {response.status_code}:\n{page}'
        assert response.history, f'POST {path} was not saved (no redirect):\n{page}'
        return self._keep_token(response)

    def options(self, path: str) -> dict[str, list[tuple[str, str]]]:
        """Return every ``<select>`` on ``path`` by id: the (value, label) of its options."""
        page = self.get(path).text
        selects = re.findall(r'<select[^>]*\bid="([^"]+)"[^>]*>(.*?)</select>', page, re.S)
        return {
            select: [
                (value, html.unescape(label))
                for value, label in re.findall(r'<option[^>]*value="([^"]+)"[^>]*>([^<]*)<', body)
            ]
            for select, body in selects
        }


def _value(options: list[tuple[str, str]], label: str) -> str:
    """Return the value of the first option whose label starts with ``label``."""
    for value, text in options:
        if text.startswith(label):
            return value
    raise AssertionError(f'no option {label!r} in {options}')


def _complete_fields(**overrides) -> dict:
    """Every commitment text in both languages, all OGP values, contact and dates."""
    fields = {}
    for name, thai, english in COMMITMENT_TEXTS:
        fields[f'{name}_th'], fields[f'{name}_en'] = thai, english
    fields.update({flag: 'y' for flag in OGP_VALUES})
    fields.update(
        contact_name='วิภา ใจดี',
        contact_email='wipa@example.org',
        start_date=COMMITMENT_START,
        end_date=COMMITMENT_END,
        budget='5,000,000 บาท',
        sdg_targets='16.6, 16.10',
    )
    fields.update(overrides)
    return fields


@pytest.fixture(scope='module')
def secretariat_http(live_server, accounts) -> Http:
    """The secretariat, logged in over plain HTTP (for setting up data)."""
    return Http(live_server, accounts['secretariat'])


@pytest.fixture(scope='module')
def drafting_nap(secretariat_http) -> int:
    """The id of a plan in drafting, made over HTTP."""
    response = secretariat_http.post(
        '/naps/new',
        {
            'number': next(_NAP_NUMBERS),
            'title_th': 'แผนปฏิบัติการทดสอบ',
            'title_en': 'Test action plan',
            'start_year': NAP_START_YEAR,
            'length_years': '2',
            'end_month': '6',
        },
    )
    nap_id = int(re.search(r'/naps/(\d+)$', response.url)[1])
    secretariat_http.post(f'/naps/{nap_id}/state', {'state': 'drafting'})
    return nap_id


@pytest.fixture
def make_commitment(secretariat_http, drafting_nap, accounts):
    """Factory: a commitment in the drafting plan, made over HTTP; returns its id.

    ``make_commitment(milestones=2, drafter=True, title_en='')``: every field filled in unless
    overridden, ``milestones`` complete milestones, and the drafter on the drafting team.
    """
    http = secretariat_http

    def factory(*, milestones: int = 1, drafter: bool = False, **overrides) -> int:
        new = f'/naps/{drafting_nap}/commitments/new'
        options = http.options(new)
        supporter = _value(options['supporters'], accounts['drafter'].organisation)
        fields = _complete_fields(
            version='0',
            policy_area=options['policy_area'][0][0],
            lead_agency=_value(options['lead_agency'], accounts['secretariat'].organisation),
            supporters=[supporter],
            **overrides,
        )
        response = http.post(new, fields)
        commitment_id = int(re.search(r'/commitments/(\d+)$', response.url)[1])
        for n, milestone in enumerate(MILESTONES[:milestones], start=1):
            data = {'version': str(n), 'responsible_organisation': supporter}
            for name in ('output', 'indicator', 'baseline', 'target'):
                data[f'{name}_th'], data[f'{name}_en'] = milestone[name]
            data['start_date'], data['end_date'] = milestone['dates']
            data['status'] = 'not_started'
            http.post(f'/commitments/{commitment_id}/milestones/new', data)
        if drafter:
            team = f'/commitments/{commitment_id}/team'
            person = _value(http.options(team)['editors'], accounts['drafter'].name)
            http.post(team, {'editors': [person]})
        return commitment_id

    return factory


# -- the secretariat drafts a plan and a commitment -----------------------------------------------


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
    with en.expect_navigation():
        en.locator('form[action$="/state"] button[value=drafting]').click()
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
    th.locator('#supporters').select_option(label=[civil[0], secretariat.organisation])
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
    # It cannot go to MSF review yet.
    with th.expect_response(lambda r: r.request.method == 'POST') as refused:
        with th.expect_navigation():
            th.locator('form[action$="/state"] button').click()
    assert refused.value.status == 409
    expect(th.locator('main')).to_contain_text(TH_CHECKLIST_FAILS)
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
            expect(th.get_by_role('alert')).to_contain_text(COMMITMENT_END)
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
    with en.expect_navigation():
        en.get_by_role('button', name='Move to "In MSF review"').click()
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
    _log_in_quickly(a, accounts['secretariat'])
    b = new_page(locale='th-TH')
    _log_in_quickly(b, accounts['drafter'])

    visit(a, url)
    expect(a.locator('#live')).to_be_visible()  # joined the room
    assert _problems(a) == ['title_en']
    a.evaluate('window.notReloaded = true')

    # B opens the edit form: A sees B editing.
    visit(b, f'{url}/edit')
    expect(a.locator('#live-editors')).to_contain_text(f'{TH_EDITING}: {accounts["drafter"].name}')
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
    _log_in_quickly(page, accounts['secretariat'])
    visit(page, f'/commitments/{commitment_id}/edit')
    page.locator('#short_title_en').fill('Open budgets')
    _submit(page, 'main form.commitment-form')
    expect(page.locator('#checklist li[data-field=short_title_en]')).to_have_count(0)

    visit(page, f'/commitments/{commitment_id}/history')
    with page.expect_navigation():
        page.get_by_role('button', name='Restore revision 1').click()
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
    _log_in_quickly(page, accounts['secretariat'])
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
