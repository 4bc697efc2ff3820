"""Composition rules: what they say, which sets are refused, seat changes checked against them."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from forum.core.audit import AuditEntry
from forum.core.i18n import format_date, local_today
from forum.core.refusals import Refused
from forum.members.composition import (
    Quota,
    Rules,
    SeatFact,
    balance_status,
    breaches,
    save_rules,
    validate_rules,
)
from forum.members.models import CompositionRules, Membership
from forum.members.services import add_membership, remove_membership, update_membership
from forum.sectors.models import Sector
from forum.sectors.services import sector_by_code
from tests.conftest import csrf_token

GOV, CSO, ACA = 1, 2, 3


class S:
    """A stand-in sector for the pure rules."""

    def __init__(self, id, is_government, name):
        self.id, self.is_government, self.name, self.code = id, is_government, name, name


SECTORS = {GOV: S(GOV, True, 'gov'), CSO: S(CSO, False, 'cso'), ACA: S(ACA, False, 'aca')}


def seats(*spec):
    """``('gov', 'member')`` … as seat facts."""
    ids = {'gov': GOV, 'cso': CSO, 'aca': ACA}
    return [SeatFact(ids[s], ids[s] == GOV, role) for s, role in spec]


@pytest.mark.parametrize(
    ('rules', 'held', 'keys'),
    [
        # Parity: government may equal, not outnumber, the others.
        (Rules(co_chairs_both_sides=False), seats(('gov', 'member'), ('cso', 'member')), []),
        (
            Rules(co_chairs_both_sides=False),
            seats(('gov', 'member'), ('gov', 'chair')),
            [('parity',)],
        ),
        # Alternates and observers do not count.
        (
            Rules(co_chairs_both_sides=False),
            seats(('gov', 'member'), ('cso', 'alternate'), ('cso', 'observer')),
            [('parity',)],
        ),
        (Rules(co_chairs_both_sides=False), [], []),
        # Co-chairs: exactly one a side.
        (Rules(parity=False), seats(('gov', 'co_chair'), ('aca', 'co_chair')), []),
        (
            Rules(parity=False),
            seats(('gov', 'co_chair'), ('gov', 'co_chair')),
            [('co_chair', True), ('co_chair', False)],
        ),
        # Quotas and the total.
        (
            Rules(parity=False, co_chairs_both_sides=False, quotas=(Quota(SECTORS[CSO], 2, 3),)),
            seats(('cso', 'member')),
            [('min', CSO)],
        ),
        (
            Rules(parity=False, co_chairs_both_sides=False, quotas=(Quota(SECTORS[CSO], 0, 1),)),
            seats(('cso', 'member'), ('cso', 'chair')),
            [('max', CSO)],
        ),
        (
            Rules(parity=False, co_chairs_both_sides=False, max_seats_total=1),
            seats(('cso', 'member'), ('aca', 'member')),
            [('total',)],
        ),
    ],
)
def test_breaches(app, rules, held, keys):
    with app.test_request_context():
        assert [b.key for b in breaches(rules, held)] == keys


def test_a_breach_names_the_rule_and_the_counts(app):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        (breach,) = breaches(
            Rules(co_chairs_both_sides=False),
            seats(('gov', 'member'), ('gov', 'member'), ('cso', 'member')),
        )
        assert str(breach) == (
            'Parity: government seats may not outnumber non-government seats; '
            'government holds 2, non-government 1.'
        )
        assert breach.severity == 1


@pytest.mark.parametrize(
    ('rules', 'message'),
    [
        (Rules(quotas=(Quota(SECTORS[CSO], 3, 2),)), 'the minimum (3) is above the maximum (2)'),
        (
            Rules(
                parity=False,
                max_seats_total=4,
                quotas=(Quota(SECTORS[CSO], 3), Quota(SECTORS[ACA], 2)),
            ),
            'The minimums add up to 5 seats, more than the 4 seats',
        ),
        (
            Rules(
                quotas=(
                    Quota(SECTORS[GOV], 4),
                    Quota(SECTORS[CSO], 0, 2),
                    Quota(SECTORS[ACA], 0, 1),
                )
            ),
            'Parity cannot be met: government needs at least 4 seats but non-government may '
            'hold at most 3',
        ),
        (
            Rules(parity=False, quotas=(Quota(SECTORS[GOV], 0, 0), Quota(SECTORS[CSO]))),
            'no government sector may hold a seat',
        ),
    ],
)
def test_rule_sets_that_cannot_be_met_are_refused(app, rules, message):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        with pytest.raises(Refused, match=re.escape(message)) as refused:
            validate_rules(rules)
        assert refused.value.status == 400


def test_a_sound_rule_set_passes(app):
    with app.test_request_context():
        validate_rules(
            Rules(
                max_seats_total=10,
                quotas=(Quota(SECTORS[GOV], 2, 5), Quota(SECTORS[CSO], 2, 5), Quota(SECTORS[ACA])),
            )
        )


def _seat(db, user, sector, role='member', **kw):
    return add_membership(
        db.session.merge(user),
        actor=None,
        sector=sector_by_code(sector),
        seat_role=role,
        term_start=kw.pop('term_start', date(2026, 1, 1)),
        **kw,
    )


def _parity(db, co_chairs=False):
    with db.session.no_autoflush:
        sectors = db.session.scalars(select(Sector)).all()
    save_rules(
        Rules(parity=True, co_chairs_both_sides=co_chairs, quotas=tuple(Quota(s) for s in sectors)),
        actor=None,
    )
    db.session.commit()


def test_without_saved_rules_nothing_is_enforced(app, db, create_user_):
    gov = create_user_(sector='government')
    with app.test_request_context():
        _seat(db, gov, 'government')
        db.session.commit()
        assert balance_status().rules is None


def test_a_seat_that_breaks_parity_is_refused_with_the_counts(app, db, create_user_):
    cso, gov1, gov2 = (
        create_user_(sector=s) for s in ('civil_society', 'government', 'government')
    )
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        _parity(db)
        _seat(db, cso, 'civil_society')
        _seat(db, gov1, 'government')  # 1 : 1 is parity
        db.session.commit()
        with pytest.raises(Refused) as refused:
            _seat(db, gov2, 'government')
        db.session.rollback()
        assert refused.value.status == 409
        assert 'government holds 2, non-government 1' in str(refused.value.message)
        assert db.session.scalar(select(Membership).filter_by(user_id=gov2.id)) is None
        # Observers and alternates do not count: the same person may sit as an observer.
        _seat(db, gov2, 'government', role='observer')
        db.session.commit()


def test_ending_moving_or_removing_a_seat_that_breaks_a_rule_is_refused(app, db, create_user_):
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        _parity(db)
        cso_seat = _seat(db, cso, 'civil_society')
        _seat(db, gov, 'government')
        db.session.commit()
        attempts = [
            lambda: update_membership(
                cso_seat, actor=None, term_end=local_today() - timedelta(days=1)
            ),
            lambda: update_membership(cso_seat, actor=None, sector=sector_by_code('government')),
            lambda: update_membership(cso_seat, actor=None, seat_role='observer'),
            lambda: remove_membership(cso_seat, actor=None),
        ]
        for attempt in attempts:
            with pytest.raises(Refused, match='break the composition rules'):
                attempt()
            db.session.rollback()
        # Moving to another non-government sector keeps parity.
        update_membership(cso_seat, actor=None, sector=sector_by_code('academia'))
        db.session.commit()


def test_a_change_may_leave_a_broken_rule_no_worse(app, db, create_user_):
    """Below a minimum, seats are added one at a time: each brings the forum closer."""
    people = [create_user_(sector='civil_society') for _ in range(2)]
    with app.test_request_context():
        cso = sector_by_code('civil_society')
        save_rules(
            Rules(parity=False, co_chairs_both_sides=False, quotas=(Quota(cso, 3),)), actor=None
        )
        db.session.commit()
        for person in people:
            _seat(db, person, 'civil_society')
            db.session.commit()
        assert [b.key for b in balance_status().breaches] == [('min', cso.id)]


def test_a_second_co_chair_on_one_side_is_refused(app, db, create_user_):
    a, b = create_user_(sector='government'), create_user_(sector='government')
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        save_rules(Rules(parity=False), actor=None)
        _seat(db, a, 'government', role='chair')
        db.session.commit()
        with pytest.raises(Refused, match='one government chair or co-chair; there are 2'):
            _seat(db, b, 'government', role='co_chair')


def test_the_rules_page_is_the_secretariats(client, auth, create_member):
    create_member(email='m@example.org')
    auth.login('m@example.org')
    assert client.get('/members/composition').status_code == 403
    token = csrf_token(client, '/members')
    for path in ('/members/composition', '/members/composition/justification'):
        response = client.post(path, data={'csrf_token': token, 'justification': 'x'})
        assert response.status_code == 403


def _form(client, **fields):
    data = {'csrf_token': csrf_token(client, '/members/composition'), 'parity': 'y'}
    data.update(fields)
    return client.post('/members/composition', data=data, headers={'Accept-Language': 'en'})


def test_an_invalid_rule_set_is_refused_by_the_form(client, auth, db, secretariat):
    auth.login('sec@example.org')
    cso = sector_by_code('civil_society')
    response = _form(client, **{f'min_{cso.id}': '5', f'max_{cso.id}': '2'})
    assert response.status_code == 400
    assert 'the minimum (5) is above the maximum (2)' in response.get_data(as_text=True)
    assert db.session.scalar(select(CompositionRules)) is None
    response = _form(client, **{f'min_{cso.id}': '-1'})
    assert response.status_code == 400
    assert db.session.scalar(select(CompositionRules)) is None


def test_the_secretariat_saves_rules_and_the_change_is_audited(client, auth, db, secretariat):
    auth.login('sec@example.org')
    page = client.get('/members/composition').get_data(as_text=True)
    assert 'checked' in page  # parity and co-chairs proposed by default
    cso = sector_by_code('civil_society')
    response = _form(
        client, co_chairs_both_sides='y', **{f'min_{cso.id}': '2', f'max_{cso.id}': '6'}
    )
    assert response.status_code == 302
    rules = db.session.scalar(select(CompositionRules))
    assert rules.parity
    assert rules.co_chairs_both_sides
    assert [(q.sector.code, q.min_seats, q.max_seats) for q in rules.quotas] == [
        ('civil_society', 2, 6)
    ]
    entry = db.session.scalar(select(AuditEntry).filter_by(action='composition.rules_saved'))
    assert entry.actor_id == secretariat.id
    assert entry.data['after']['quotas'] == {'civil_society': [2, 6]}
    # Out of balance at once (no seats yet): recorded, and shown publicly.
    assert rules.out_of_balance_since is not None
    assert db.session.scalar(select(AuditEntry).filter_by(action='composition.out_of_balance'))
    members = client.get('/members', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    assert 'Out of balance since' in members
    assert 'Civil society needs at least 2 seats; it holds 0.' in members
    assert '<li>Civil society: 2 to 6 seats</li>' in members  # the rules, in public


def test_a_seat_that_ran_out_shows_since_when_and_the_justification(
    client, auth, app, db, secretariat, create_user_
):
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    today = local_today()
    with app.test_request_context():
        cso_seat = _seat(db, cso, 'civil_society', term_end=today + timedelta(days=30))
        _seat(db, gov, 'government')
        db.session.commit()
        _parity(db)
        assert balance_status().balanced
        # Time passes: the civil-society term ran out ten days ago, with no change recorded.
        db.session.execute(
            update(Membership)
            .where(Membership.id == cso_seat.id)
            .values(term_end=today - timedelta(days=10))
        )
        db.session.commit()
        status = balance_status()
        assert not status.balanced
        assert status.since == today - timedelta(days=9)
        # The next seat change notices it, and records that it began then, not now.
        _seat(db, create_user_(sector='government'), 'government', role='observer')
        db.session.commit()
        stored = db.session.scalar(select(CompositionRules)).out_of_balance_since
        assert format_date(stored, 'yyyy-MM-dd', locale='en') == str(today - timedelta(days=9))
    page = client.get('/members', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    assert 'data-balance="unbalanced"' in page
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        assert (
            f'Out of balance since {format_date(today - timedelta(days=9), locale="en")}.' in page
        )
    auth.login('sec@example.org')
    response = client.post(
        '/members/composition/justification',
        data={
            'csrf_token': csrf_token(client, '/members/composition'),
            'justification': 'A new civil-society member is being nominated.',
        },
    )
    assert response.status_code == 302
    page = client.get('/members', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert 'A new civil-society member is being nominated.' in page
    assert db.session.scalar(select(AuditEntry).filter_by(action='composition.justified'))


def test_the_seat_form_picks_people_under_one_heading_per_sector(
    client, auth, db, secretariat, create_user_
):
    create_user_(sector='academia', email='aca@example.org', display_name='Aca')
    person = create_user_(sector='government', email='gov@example.org', display_name='Gov')
    create_user_(sector='civil_society', email='cso@example.org', display_name='Cso')
    auth.login('sec@example.org')
    page = client.get('/members/seats/new', headers={'Accept-Language': 'en'}).get_data(
        as_text=True
    )
    groups = re.findall(r'<optgroup label="([^"]+)">', page)
    assert groups == ['Government', 'Civil society', 'Academia', 'Secretariat']
    secretariat_group = page.split('<optgroup label="Secretariat">', 1)[1].split('</optgroup>')[0]
    assert 'sec@example.org' in secretariat_group
    response = client.post(
        '/members/seats/new',
        data={
            'csrf_token': csrf_token(client, '/members/seats/new'),
            'person': str(person.id),
            'email': '',
            'sector': 'government',
            'seat_role': 'member',
            'term_start': '2026-01-01',
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Membership.user_id)) == person.id
    response = client.post(
        '/members/seats/new',
        data={
            'csrf_token': csrf_token(client, '/members/seats/new'),
            'person': '',
            'email': '',
            'sector': 'government',
            'seat_role': 'member',
            'term_start': '2026-02-01',
        },
        headers={'Accept-Language': 'en'},
    )
    assert response.status_code == 400
    assert 'Choose the person, or type their email.' in response.get_data(as_text=True)


def test_the_members_page_shows_the_seats_the_rules_count(client, create_member):
    create_member(sector='government', seat_role='alternate')
    create_member(sector='government', seat_role='chair')
    create_member(sector='civil_society', seat_role='observer')
    html = client.get('/members', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    row = re.search(r'<tr data-sector="government">.*?</tr>', html).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ['2', '1']
    row = re.search(r'<tr data-sector="civil_society">.*?</tr>', html).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ['1', '0']


def test_the_seat_form_refuses_a_seat_that_breaks_parity(
    client, auth, app, db, secretariat, create_user_
):
    create_user_(sector='government', email='gov@example.org')
    with app.test_request_context():
        _parity(db)
    auth.login('sec@example.org')
    response = client.post(
        '/members/seats/new',
        data={
            'csrf_token': csrf_token(client, '/members/seats/new'),
            'email': 'gov@example.org',
            'sector': 'government',
            'seat_role': 'member',
            'term_start': '2026-01-01',
        },
        headers={'Accept-Language': 'en'},
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'This change would break the composition rules' in html
    assert 'government holds 1, non-government 0' in html
    assert db.session.scalar(select(Membership)) is None


def test_a_sector_cannot_take_the_secretariats_code(client, auth, db, secretariat):
    auth.login('sec@example.org')
    response = client.post(
        '/members/sectors/new',
        data={
            'csrf_token': csrf_token(client, '/members/sectors/new'),
            'code': 'secretariat',
            'name_th': 'เลขา',
            'name_en': 'Secretariat',
        },
        headers={'Accept-Language': 'en'},
    )
    assert response.status_code == 400
    assert 'This code is reserved' in response.get_data(as_text=True)
    assert sector_by_code('secretariat') is None
