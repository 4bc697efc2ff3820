"""The public JSON API: what anonymous visitors and the secretariat read, filters, errors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import event, select

from forum.auth.models import User
from forum.commitments.services import create_commitment, save_milestone
from forum.naps.models import Nap, PolicyArea
from forum.naps.services import create_nap, move_nap
from forum.sectors.models import Organisation
from forum.sectors.services import save_organisation, sector_by_code

TITLE_TH = 'เปิดเผยข้อมูลการจัดซื้อจัดจ้างภาครัฐ'
OUTPUT_TH = 'ระบบเปิดเผยข้อมูลสัญญาภาครัฐ'
CONTACT_EMAIL = 'open-contracting@opdc.go.th'
MEMBER_EMAIL = 'drafter@example.org'


def _complete_fields(db, lead) -> dict:
    """Every field of the OGP template, in Thai and English."""
    area = db.session.scalar(select(PolicyArea).filter_by(code='anti_corruption'))
    return {
        'policy_area_id': area.id,
        'title_th': TITLE_TH,
        'title_en': 'Open public procurement data',
        'short_title_th': 'ข้อมูลจัดซื้อ',
        'short_title_en': 'Procurement data',
        'description_th': 'คำอธิบายโดยย่อ',
        'description_en': 'A brief description',
        'problem_th': 'ปัญหาสาธารณะ',
        'problem_en': 'The public problem',
        'causes_th': 'สาเหตุ',
        'causes_en': 'Causes',
        'solution_th': 'สิ่งที่พันธกรณีจะทำ',
        'solution_en': 'What it does',
        'contribution_th': 'การมีส่วนช่วยแก้ปัญหา',
        'contribution_en': 'How it helps',
        'value_access': True,
        'value_access_why_th': 'ประชาชนเข้าถึงข้อมูลสัญญา',
        'value_access_why_en': 'People can read the contracts',
        'lead_agency_id': lead.id,
        'contact_name': 'สมหญิง ใจดี',
        'contact_email': CONTACT_EMAIL,
        'start_date': date(2026, 7, 1),
        'end_date': date(2028, 6, 30),
        'budget': '2 ล้านบาท',
        'sdg_targets': '16.5, 16.6',
    }


@pytest.fixture
def world(db, secretariat, create_member):
    """A public plan (one complete, one incomplete commitment) and a plan still in planning."""
    drafter = create_member(email=MEMBER_EMAIL, display_name='ผู้ร่าง')
    sec = db.session.get(User, secretariat.id)
    member = db.session.get(User, drafter.id)
    lead = save_organisation(
        None, actor=sec, name_th='สำนักงาน ก.พ.ร.', name_en='OPDC',
        sector_id=sector_by_code('government').id,
    )  # fmt: skip
    ngo = save_organisation(
        None, actor=sec, name_th='องค์กรต่อต้านคอร์รัปชัน', name_en='ACT',
        sector_id=sector_by_code('civil_society').id,
    )  # fmt: skip
    firm = save_organisation(
        None, actor=sec, name_th='บริษัทข้อมูลเปิด', name_en='Open Data Co',
        sector_id=sector_by_code('private_sector').id,
    )  # fmt: skip

    public = create_nap(
        actor=sec, number=1, title_th='แผนปฏิบัติการระดับชาติ ฉบับที่ 1',
        title_en='First National Action Plan', start_year=2026, length_years=2, end_month=6,
    )  # fmt: skip
    move_nap(public, 'drafting', actor=sec)
    complete = create_commitment(
        public, actor=member, fields=_complete_fields(db, lead), supporters=[ngo, firm]
    )
    save_milestone(
        complete, None, actor=member, base_version=complete.version,
        fields={
            'output_th': OUTPUT_TH, 'output_en': 'A public contracts portal',
            'indicator_th': 'จำนวนสัญญาที่เปิดเผย', 'indicator_en': 'Contracts published',
            'baseline_th': 'ร้อยละ 0', 'baseline_en': '0%',
            'target_th': 'ร้อยละ 80', 'target_en': '80%',
            'responsible_organisation_id': lead.id,
            'start_date': date(2026, 7, 1), 'end_date': date(2027, 6, 30),
            'status': 'in_progress', 'evidence_url': 'https://example.org/evidence',
        },
    )  # fmt: skip
    civic = db.session.scalar(select(PolicyArea).filter_by(code='civic_space'))
    incomplete = create_commitment(
        public, actor=member, fields={'policy_area_id': civic.id, 'title_th': 'ร่างยังไม่ครบ'}
    )

    planning = create_nap(
        actor=sec, number=2, title_th='แผนฉบับที่ 2', title_en='Second plan',
        start_year=2028, length_years=4, end_month=12,
    )  # fmt: skip
    hidden = create_commitment(
        planning, actor=member, fields={'policy_area_id': civic.id, 'title_th': 'ลับ'}
    )
    db.session.commit()
    return {
        'public': public.id,
        'planning': planning.id,
        'complete': complete.id,
        'incomplete': incomplete.id,
        'hidden': hidden.id,
        'lead': lead.id,
        'ngo': ngo.id,
        'firm': firm.id,
    }


def test_anonymous_lists_only_public_plans(client, world):
    data = client.get('/api/v1/naps').get_json()
    assert data['count'] == 1
    assert [n['id'] for n in data['items']] == [world['public']]
    plan = data['items'][0]
    assert set(plan) == {
        'id', 'number', 'title', 'length_years', 'start_date', 'end_date', 'state', 'url',
        'html_url',
    }  # fmt: skip
    assert plan['title'] == {
        'th': 'แผนปฏิบัติการระดับชาติ ฉบับที่ 1',
        'en': 'First National Action Plan',
    }
    assert (plan['start_date'], plan['end_date']) == ('2026-07-01', '2028-06-30')
    assert (plan['number'], plan['length_years'], plan['state']) == (1, 2, 'drafting')


def test_plan_detail_summarises_its_commitments(client, world):
    response = client.get(f'/api/v1/naps/{world["public"]}')
    assert response.status_code == 200
    assert response.mimetype == 'application/json'
    data = response.get_json()
    summaries = {c['code']: c for c in data['commitments']}
    assert set(summaries) == {'TH0001', 'TH0002'}
    first = summaries['TH0001']
    assert first['id'] == world['complete']
    assert first['title'] == {'th': TITLE_TH, 'en': 'Open public procurement data'}
    assert first['state'] == 'draft'
    assert first['policy_area'] == 'anti_corruption'
    assert first['checklist'] == {'passes': True, 'problem_count': 0}
    assert first['url'].endswith(f'/api/v1/commitments/{world["complete"]}')
    assert summaries['TH0002']['checklist']['passes'] is False
    assert summaries['TH0002']['checklist']['problem_count'] > 0


def test_planning_plan_is_hidden_from_anonymous(client, world):
    response = client.get(f'/api/v1/naps/{world["planning"]}')
    assert response.status_code == 404
    assert response.get_json() == {'error': response.get_json()['error'], 'status': 404}
    assert client.get(f'/api/v1/commitments/{world["hidden"]}').status_code == 404
    listed = client.get('/api/v1/commitments').get_json()
    assert world['hidden'] not in [c['id'] for c in listed['items']]
    assert client.get(f'/api/v1/commitments?nap={world["planning"]}').get_json()['count'] == 0


def test_secretariat_reads_a_plan_in_planning(client, auth, world):
    auth.login('sec@example.org')
    listed = client.get('/api/v1/naps').get_json()
    assert [n['id'] for n in listed['items']] == [world['public'], world['planning']]
    plan = client.get(f'/api/v1/naps/{world["planning"]}')
    assert plan.status_code == 200
    assert [c['id'] for c in plan.get_json()['commitments']] == [world['hidden']]
    assert client.get(f'/api/v1/commitments/{world["hidden"]}').status_code == 200


def test_drafting_team_reads_its_commitment_but_not_the_plan(client, auth, world):
    auth.login(MEMBER_EMAIL)
    assert client.get(f'/api/v1/naps/{world["planning"]}').status_code == 404
    assert client.get(f'/api/v1/commitments/{world["hidden"]}').status_code == 200
    listed = client.get(f'/api/v1/commitments?nap={world["planning"]}').get_json()
    assert [c['id'] for c in listed['items']] == [world['hidden']]


@pytest.mark.parametrize(
    'path',
    [
        '/api/v1/naps/999999',
        '/api/v1/commitments/999999',
        '/api/v1/naps/99999999999999999999',
        '/api/v1/commitments/99999999999999999999',
        '/api/v1/commitments/TH0001',
    ],
)
def test_unknown_ids_are_json_404s(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()['status'] == 404


def test_commitments_filter_by_plan_policy_area_and_state(client, world):
    everything = client.get('/api/v1/commitments').get_json()
    assert [c['code'] for c in everything['items']] == ['TH0001', 'TH0002']
    assert everything['filters'] == {'nap': None, 'policy_area': None, 'state': None}

    by_nap = client.get(f'/api/v1/commitments?nap={world["public"]}').get_json()
    assert by_nap['count'] == 2
    assert by_nap['filters']['nap'] == world['public']

    by_area = client.get('/api/v1/commitments?policy_area=civic_space').get_json()
    assert [c['id'] for c in by_area['items']] == [world['incomplete']]
    assert by_area['filters']['policy_area'] == 'civic_space'

    assert client.get('/api/v1/commitments?state=final').get_json()['count'] == 0
    # An id no plan has (or one the visitor may not read) is an empty list, not an error.
    nothing = client.get('/api/v1/commitments?nap=999999').get_json()
    assert (nothing['count'], nothing['filters']['nap']) == (0, 999999)
    combined = client.get(
        f'/api/v1/commitments?nap={world["public"]}&policy_area=anti_corruption&state=draft'
    ).get_json()
    assert [c['id'] for c in combined['items']] == [world['complete']]
    assert combined['filters'] == {
        'nap': world['public'],
        'policy_area': 'anti_corruption',
        'state': 'draft',
    }


@pytest.mark.parametrize(
    ('query', 'word'),
    [
        ('nap=abc', 'nap'),
        ('nap=1.5', 'nap'),
        ('nap=', 'nap'),
        ('nap=%E0%B9%91', 'nap'),  # a Thai digit one, which int() reads as 1
        ('nap=%201', 'nap'),
        ('nap=1_0', 'nap'),
        ('nap=' + '1' * 5000, 'nap'),
        # Integers no row can have: not ids (core.converters.parse_id).
        ('nap=0', 'nap'),
        ('nap=-1', 'nap'),
        ('nap=2147483648', 'nap'),
        ('nap=99999999999999999999', 'nap'),
        ('policy_area=space_travel', 'policy area'),
        ('state=approved', 'state'),
    ],
)
def test_bad_filters_are_400_with_a_reason(client, world, query, word):
    response = client.get(f'/api/v1/commitments?{query}', headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    data = response.get_json()
    assert data['status'] == 400
    assert word in data['error']


def test_filter_errors_are_in_the_requests_language(client, world):
    response = client.get('/api/v1/commitments?state=approved', headers={'Accept-Language': 'th'})
    assert response.get_json()['error'].startswith("ไม่รู้จักสถานะ 'approved'")


def test_unknown_policy_area_names_the_known_ones(client, world):
    error = client.get('/api/v1/commitments?policy_area=x').get_json()['error']
    assert 'anti_corruption' in error
    assert 'civic_space' in error


def test_commitment_has_the_ogp_template_fields(client, world):
    data = client.get(f'/api/v1/commitments/{world["complete"]}').get_json()
    assert set(data) == {
        'id', 'code', 'nap_id', 'number', 'state', 'withdrawn_reason', 'title', 'short_title',
        'description',
        'problem', 'causes', 'solution', 'contribution', 'policy_area', 'ogp_values',
        'lead_agency', 'supporting_actors', 'contact', 'start_date', 'end_date', 'budget',
        'sdg_targets', 'checklist', 'version', 'milestones', 'revisions', 'url', 'html_url',
    }  # fmt: skip
    assert (data['code'], data['nap_id'], data['number']) == ('TH0001', world['public'], 1)
    assert data['problem'] == {'th': 'ปัญหาสาธารณะ', 'en': 'The public problem'}
    assert data['policy_area'] == {
        'code': 'anti_corruption',
        'name': {'th': 'การต่อต้านการทุจริต', 'en': 'Anti-Corruption'},
    }
    assert set(data['ogp_values']) == {
        'access_to_information', 'civic_participation', 'public_accountability',
        'technology_and_innovation',
    }  # fmt: skip
    assert data['ogp_values']['access_to_information'] == {
        'relevant': True,
        'justification': {
            'th': 'ประชาชนเข้าถึงข้อมูลสัญญา',
            'en': 'People can read the contracts',
        },
    }
    assert data['ogp_values']['civic_participation']['relevant'] is False
    assert data['lead_agency'] == {
        'id': world['lead'],
        'name': {'th': 'สำนักงาน ก.พ.ร.', 'en': 'OPDC'},
        'sector': 'government',
    }
    assert data['supporting_actors'] == {
        'civil_society': [{'id': world['ngo'], 'name': {'th': 'องค์กรต่อต้านคอร์รัปชัน', 'en': 'ACT'}}],
        'private_sector': [
            {'id': world['firm'], 'name': {'th': 'บริษัทข้อมูลเปิด', 'en': 'Open Data Co'}}
        ],
    }
    assert data['contact'] == {'name': 'สมหญิง ใจดี', 'email': CONTACT_EMAIL}
    assert (data['start_date'], data['end_date']) == ('2026-07-01', '2028-06-30')
    assert (data['budget'], data['sdg_targets']) == ('2 ล้านบาท', '16.5, 16.6')
    assert data['version'] == 2  # created, then a milestone added


def test_milestones_have_output_metric_owner_and_dates(client, world):
    data = client.get(f'/api/v1/commitments/{world["complete"]}').get_json()
    [milestone] = data['milestones']
    assert set(milestone) == {
        'id', 'position', 'output', 'indicator', 'baseline', 'target',
        'responsible_organisation', 'start_date', 'end_date', 'status', 'evidence_url',
    }  # fmt: skip
    assert milestone['position'] == 1
    assert milestone['output'] == {'th': OUTPUT_TH, 'en': 'A public contracts portal'}
    assert milestone['baseline'] == {'th': 'ร้อยละ 0', 'en': '0%'}
    assert milestone['target'] == {'th': 'ร้อยละ 80', 'en': '80%'}
    assert milestone['responsible_organisation'] == {
        'id': world['lead'],
        'name': {'th': 'สำนักงาน ก.พ.ร.', 'en': 'OPDC'},
    }
    assert (milestone['start_date'], milestone['end_date']) == ('2026-07-01', '2027-06-30')
    assert milestone['status'] == 'in_progress'
    assert milestone['evidence_url'] == 'https://example.org/evidence'


def test_thai_round_trips_as_utf8(client, world):
    response = client.get(f'/api/v1/commitments/{world["complete"]}')
    assert response.content_type == 'application/json'
    assert TITLE_TH.encode('utf-8') in response.data
    assert json.loads(response.data.decode('utf-8'))['milestones'][0]['output']['th'] == OUTPUT_TH


def test_checklist_passes_for_a_complete_commitment(client, world):
    data = client.get(f'/api/v1/commitments/{world["complete"]}').get_json()
    assert data['checklist'] == {'passes': True, 'problems': []}


def test_checklist_lists_what_an_incomplete_commitment_lacks(client, world):
    response = client.get(
        f'/api/v1/commitments/{world["incomplete"]}', headers={'Accept-Language': 'en'}
    )
    data = response.get_json()
    assert data['checklist']['passes'] is False
    problems = {(p['code'], p['field']) for p in data['checklist']['problems']}
    assert ('untranslated', 'title_en') in problems
    assert ('missing', 'description') in problems
    assert ('missing', 'lead_agency') in problems
    assert ('missing', 'milestones') in problems
    assert all(p['message'] for p in data['checklist']['problems'])
    assert data['milestones'] == []
    assert data['lead_agency'] is None
    assert (data['start_date'], data['end_date']) == (None, None)
    assert data['supporting_actors'] == {}


def _every_response(client, world) -> list[str]:
    paths = [
        '/api/v1/naps',
        f'/api/v1/naps/{world["public"]}',
        f'/api/v1/naps/{world["planning"]}',
        '/api/v1/commitments',
        f'/api/v1/commitments?nap={world["planning"]}',
    ]
    paths += [f'/api/v1/commitments/{world[k]}' for k in ('complete', 'incomplete', 'hidden')]
    return [client.get(path).get_data(as_text=True) for path in paths]


def test_no_user_email_appears_in_any_response(client, auth, db, world):
    emails = list(db.session.scalars(select(User.email)))
    assert 'sec@example.org' in emails
    assert MEMBER_EMAIL in emails
    bodies = _every_response(client, world)
    auth.login('sec@example.org')
    bodies += _every_response(client, world)
    assert any(CONTACT_EMAIL in body for body in bodies)  # public per the OGP template
    for body in bodies:
        for email in emails:
            assert email not in body
        assert 'ผู้ร่าง' not in body  # the drafting team's names neither


def _count_queries(db, client, path: str) -> int:
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, 'before_cursor_execute', count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, 'before_cursor_execute', count)
    return len(statements)


def test_lists_do_not_query_once_per_commitment(client, db, world, secretariat):
    paths = ['/api/v1/commitments', f'/api/v1/naps/{world["public"]}']
    before = [_count_queries(db, client, path) for path in paths]
    sec = db.session.get(User, secretariat.id)
    public = db.session.get(Nap, world['public'])
    lead = db.session.get(Organisation, world['lead'])
    area = db.session.scalar(select(PolicyArea).filter_by(code='justice'))
    for n in range(3):
        more = create_commitment(
            public, actor=sec, fields=_complete_fields(db, lead) | {'policy_area_id': area.id}
        )
        save_milestone(
            more, None, actor=sec, base_version=more.version,
            fields={'output_th': f'ผลผลิต {n}', 'responsible_organisation_id': world['ngo']},
        )  # fmt: skip
    db.session.commit()
    after = [_count_queries(db, client, path) for path in paths]
    assert after == before
    assert all(n > 0 for n in before)


def test_errors_carry_thai_as_thai(client):
    response = client.get('/api/v1/naps/424242', headers={'Accept-Language': 'th'})
    assert response.status_code == 404
    body = response.get_data()
    assert b'\\u0e' not in body
    assert response.get_json()['error'].encode() in body  # the Thai reason, as UTF-8
    assert any(0x0E00 <= ord(c) <= 0x0E7F for c in response.get_json()['error'])


def _every_url(data) -> list[str]:
    """Every ``url`` and ``html_url`` anywhere in an API answer."""
    if isinstance(data, list):
        return [u for item in data for u in _every_url(item)]
    if not isinstance(data, dict):
        return []
    found = [v for k, v in data.items() if k in ('url', 'html_url')]
    return found + [u for v in data.values() for u in _every_url(v)]


def _api_answers(client, world, **kwargs) -> list[dict]:
    return [
        client.get(path, **kwargs).get_json()
        for path in (
            '/api/v1/naps',
            f'/api/v1/naps/{world["public"]}',
            '/api/v1/commitments',
            f'/api/v1/commitments/{world["complete"]}',
        )
    ]


def test_absolute_urls_come_from_the_base_url_not_the_host_header(app, client, world):
    app.config['BASE_URL'] = 'https://forum.example.go.th'
    answers = _api_answers(client, world, headers={'Host': 'evil.example'})
    urls = _every_url(answers)
    assert len(urls) == 2 + 2 + 2 * 2 + 2 * 2 + 2
    assert all(u.startswith('https://forum.example.go.th/') for u in urls), urls
    assert 'evil.example' not in json.dumps(answers)
    plan = answers[0]['items'][0]
    assert plan['url'] == f'https://forum.example.go.th/api/v1/naps/{world["public"]}'
    assert plan['html_url'] == f'https://forum.example.go.th/naps/{world["public"]}'


def test_a_base_url_with_a_path_is_where_the_forum_is_mounted(app, client, world):
    app.config['BASE_URL'] = 'https://gov.example/forum'
    item = client.get(f'/api/v1/commitments/{world["complete"]}', headers={'Host': 'x'}).json
    assert item['url'] == f'https://gov.example/forum/api/v1/commitments/{world["complete"]}'
    assert item['html_url'] == f'https://gov.example/forum/commitments/{world["complete"]}'


def test_without_a_base_url_the_embedded_server_answers_with_its_own_address(client, world):
    plan = client.get('/api/v1/naps', base_url='http://127.0.0.1:5000').json['items'][0]
    assert plan['url'] == f'http://127.0.0.1:5000/api/v1/naps/{world["public"]}'


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('', None),
        ('https://forum.example.go.th', 'https://forum.example.go.th'),
        ('https://forum.example.go.th/', 'https://forum.example.go.th'),
        (' http://127.0.0.1:8000/forum/ ', 'http://127.0.0.1:8000/forum'),
    ],
)
def test_forum_base_url_is_read_from_the_environment(monkeypatch, value, expected):
    from forum.config import Config

    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv('FORUM_BASE_URL', value)
    assert Config.load()['BASE_URL'] == expected


@pytest.mark.parametrize(
    'value',
    ['forum.example.go.th', 'ftp://forum.example.go.th', 'https://', 'https://a@b.example',
     'https://b.example/?x=1', 'https://b.example/#top', 'https://b.example/a\tb'],
)  # fmt: skip
def test_a_malformed_forum_base_url_stops_start_up(monkeypatch, value):
    from forum.config import Config

    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv('FORUM_BASE_URL', value)
    with pytest.raises(ValueError, match='FORUM_BASE_URL'):
        Config.load()
