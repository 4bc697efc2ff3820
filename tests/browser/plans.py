"""Plans and commitments made over plain HTTP for browser tests, and quick log-in.

Setting data up through ``requests`` is quicker than through the pages; Chromium then looks at
it. The fixtures are registered in ``conftest.py`` for every browser test module.
"""

from __future__ import annotations

import html
import itertools
import re

import pytest
import requests

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


def log_in_quickly(page, account) -> None:
    """Log ``account`` in over HTTP in the page's browser context (shares its cookies)."""
    login = page.request.get('/auth/login')
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', login.text())[1]
    response = page.request.post(
        '/auth/login',
        form={'email': account.email, 'password': account.password, 'csrf_token': token},
    )
    assert response.ok, f'logging {account.email} in answered {response.status}'
    assert '/auth/login' not in response.url, f'{account.email} was not logged in'


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


#: When the drafter's MSF seat starts: long past, open-ended, so it is held on any test day.
SEAT_START = '2025-01-01'


def seat_drafter(http: Http, accounts) -> None:
    """Give the drafter an open-ended civil-society seat from :data:`SEAT_START`.

    A second seat starting on the same day is refused (400); the drafter then holds one already,
    from an earlier test module of this session.
    """
    drafter = accounts['drafter']
    http.get('/members/seats/new')
    response = http.session.post(
        http.base_url + '/members/seats/new',
        data={'csrf_token': http.token, 'email': drafter.email, 'sector': drafter.sector,
              'organisation': '', 'seat_role': 'member', 'term_start': SEAT_START},
        timeout=10,
    )  # fmt: skip
    seated_now = response.ok and bool(response.history)
    assert seated_now or response.status_code == 400, (
        f'seating the drafter answered {response.status_code}:\n{response.text[:2000]}'
    )


@pytest.fixture(scope='module')
def member(secretariat_http, accounts):
    """The drafter, holding an MSF seat (civil society), so may comment."""
    seat_drafter(secretariat_http, accounts)
    return accounts['drafter']


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
        # Supporters are checkboxes (no <select>): the lead agency lists the same organisations.
        supporter = _value(options['lead_agency'], accounts['drafter'].organisation)
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
            # Joining a drafting team needs a seat held today.
            seat_drafter(http, accounts)
            team = f'/commitments/{commitment_id}/team'
            person = _value(http.options(team)['editors'], accounts['drafter'].name)
            http.post(team, {'editors': [person]})
        return commitment_id

    return factory


# -- the secretariat drafts a plan and a commitment -----------------------------------------------
