"""Every change that can break the composition rules is checked, on every day it takes effect.

Found by an outside review on PostgreSQL with two processes: two seat changes at once broke
parity; a seat starting tomorrow, or a sector counted on the other side, went unchecked; "out of
balance since" was dated back to a seat's start; a justification written while balanced was
shown for a later imbalance.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.core.audit import AuditEntry
from forum.core.i18n import local_today
from forum.core.refusals import Refused
from forum.members.composition import Rules, balance_status, save_rules
from forum.members.models import CompositionRules, Membership
from forum.members.services import add_membership, update_membership
from forum.sectors.models import Sector
from forum.sectors.services import sector_by_code
from tests.balance.test_composition import _parity, _seat
from tests.conftest import csrf_token
from tests.races import after_the_first_commits

EN = {'Accept-Language': 'en'}


def test_a_seat_starting_later_is_checked_from_its_first_day(app, db, create_user_):
    cso, gov, later = (
        create_user_(sector=s) for s in ('civil_society', 'government', 'government')
    )
    start = local_today() + timedelta(days=10)
    with app.test_request_context(headers=EN):
        _parity(db)
        _seat(db, cso, 'civil_society')
        _seat(db, gov, 'government')
        db.session.commit()
        with pytest.raises(Refused) as refused:
            _seat(db, later, 'government', term_start=start)
        db.session.rollback()
        assert refused.value.status == 409
        message = str(refused.value.message)
        assert 'would break the composition rules from' in message
        assert 'government holds 2, non-government 1' in message
        assert db.session.scalar(select(Membership).filter_by(user_id=later.id)) is None
        # With a civil-society seat from the same day, it keeps parity.
        _seat(db, create_user_(sector='civil_society'), 'civil_society', term_start=start)
        _seat(db, later, 'government', term_start=start)
        db.session.commit()


def test_a_term_ending_later_is_checked_from_the_day_after(app, db, create_user_):
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    with app.test_request_context(headers=EN):
        _parity(db)
        cso_seat = _seat(db, cso, 'civil_society')
        _seat(db, gov, 'government')
        db.session.commit()
        with pytest.raises(Refused, match='break the composition rules from'):
            update_membership(cso_seat, actor=None, term_end=local_today() + timedelta(days=5))
        db.session.rollback()
        assert db.session.get(Membership, cso_seat.id).term_end is None


def test_a_sector_counted_on_the_other_side_is_checked(client, auth, app, db, secretariat,
                                                       create_user_):  # fmt: skip
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    with app.test_request_context():
        _parity(db)
        _seat(db, cso, 'civil_society')
        _seat(db, gov, 'government')
        db.session.commit()
    sector = sector_by_code('civil_society')
    auth.login('sec@example.org')
    path = f'/members/sectors/{sector.id}/edit'
    response = client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'code': 'civil_society',
              'name_th': sector.name_th, 'name_en': sector.name_en, 'is_government': 'y'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 409
    assert 'This change would break the composition rules' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Sector, sector.id).is_government is False
    assert db.session.scalar(select(AuditEntry).filter_by(action='sector.updated')) is None
    # A sector without seats may change side: nothing breaks.
    media = sector_by_code('other')
    path = f'/members/sectors/{media.id}/edit'
    response = client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'code': 'other', 'name_th': media.name_th,
              'name_en': media.name_en, 'is_government': 'y'},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Sector, media.id).is_government is True


def test_rules_saved_today_are_broken_since_now_not_since_the_seats_began(app, db, create_user_):
    gov = create_user_(sector='government')
    with app.test_request_context():
        _seat(db, gov, 'government')  # since 1 January 2026, when no rules were set
        db.session.commit()
        before = datetime.now(UTC)
        _parity(db)  # now the lone government seat breaks parity
        since = db.session.scalar(select(CompositionRules)).out_of_balance_since
        assert since >= before.replace(microsecond=0)
        assert balance_status().since == since


def test_a_term_that_ran_out_unnoticed_is_dated_from_the_forums_midnight(app, db, create_user_):
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    today = local_today()
    with app.test_request_context():
        cso_seat = _seat(db, cso, 'civil_society', term_end=today + timedelta(days=30))
        _seat(db, gov, 'government')
        db.session.commit()
        _parity(db)  # after the seats: a term that will run out is no longer accepted
        cso_seat.term_end = today - timedelta(days=4)  # time passed, unrecorded
        db.session.commit()
        _seat(db, create_user_(sector='academia'), 'academia', role='observer')
        db.session.commit()
        since = db.session.scalar(select(CompositionRules)).out_of_balance_since
    local = since.astimezone(ZoneInfo('Asia/Bangkok'))
    assert (local.date(), local.hour, local.minute) == (today - timedelta(days=3), 0, 0)


def test_a_justification_is_refused_while_the_forum_is_balanced(
    client, auth, app, db, secretariat, create_user_
):
    with app.test_request_context():
        save_rules(Rules(co_chairs_both_sides=False), actor=None)  # parity; no seats: balanced
        db.session.commit()
    auth.login('sec@example.org')
    response = client.post(
        '/members/composition/justification',
        data={'csrf_token': csrf_token(client, '/members/composition'),
              'justification': 'Written while balanced'},
        headers=EN, follow_redirects=True,
    )  # fmt: skip
    assert 'there is no imbalance to justify' in response.get_data(as_text=True)
    assert db.session.scalar(select(CompositionRules)).justification == ''


def test_a_justification_refuses_control_and_direction_characters(client, auth, secretariat):
    auth.login('sec@example.org')
    response = client.post(
        '/members/composition/justification',
        data={'csrf_token': csrf_token(client, '/members/composition'),
              'justification': 'ชี้แจง \x01 \u202e'},
        headers=EN, follow_redirects=True,
    )  # fmt: skip
    assert 'Remove the control characters from this text (U+0001, U+202E).' in response.get_data(
        as_text=True
    )


@pytest.mark.postgres
def test_two_seat_changes_at_once_take_turns(postgres, db, create_user_):
    app = postgres
    cso1, cso2, gov1, gov2, gov3 = (
        create_user_(sector=s)
        for s in ('civil_society', 'civil_society', 'government', 'government', 'government')
    )
    with app.test_request_context(headers=EN):
        _parity(db)
        for person, sector in (
            (cso1, 'civil_society'),
            (cso2, 'civil_society'),
            (gov1, 'government'),
        ):
            _seat(db, person, sector)
        db.session.commit()
        # 1 : 2 leaves room for one more government seat, not two.
        _seat(db, gov2, 'government')
        other = after_the_first_commits(
            app,
            lambda: add_membership(
                db.session.get(User, gov3.id),
                actor=None,
                sector=sector_by_code('government'),
                seat_role='member',
                term_start=local_today() - timedelta(days=1),
            ),  # fmt: skip
            headers=EN,
        )
    assert other.refused is not None
    assert other.refused.status == 409
    assert 'government holds 3, non-government 2' in other.message
    with app.app_context():
        assert balance_status().balanced


def _post_seat(client, path: str, person, sector: str):
    """The seat form sent for ``person`` in ``sector``, a member from 1 January 2026."""
    return client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'person': str(person.id), 'email': '',
              'sector': sector, 'organisation': '', 'seat_role': 'member',
              'term_start': '2026-01-01', 'term_end': ''},
        headers=EN,
    )  # fmt: skip


def test_a_seat_refused_by_the_rules_is_told_above_the_form_not_under_a_field(
    client, auth, app, db, secretariat, create_user_
):
    # An outside review: the refusal sat under "Term start", marking the wrong field.
    cso, gov = create_user_(sector='civil_society'), create_user_(sector='government')
    with app.test_request_context():
        _parity(db)
        cso_seat = _seat(db, cso, 'civil_society')
        _seat(db, gov, 'government')
        db.session.commit()
        seat_id = cso_seat.id
    auth.login('sec@example.org')
    response = _post_seat(client, f'/members/seats/{seat_id}/edit', cso, 'government')
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    summary = html.split('<div class="error-summary"', 1)[1].split('</div>', 1)[0]
    assert 'This change would break the composition rules' in summary
    assert 'href="#term_start"' not in summary
    assert 'id="term_start-error"' not in html
    db.session.expire_all()
    assert db.session.get(Membership, seat_id).sector.code == 'civil_society'


def test_a_second_seat_of_a_person_on_the_same_day_is_told_under_its_start(
    client, auth, app, db, secretariat, create_user_
):
    person = create_user_(sector='academia')
    with app.test_request_context():
        _seat(db, person, 'academia')
        db.session.commit()
    auth.login('sec@example.org')
    response = _post_seat(client, '/members/seats/new', person, 'academia')
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    errors = html.split('id="term_start-error"', 1)[1].split('</ul>', 1)[0]
    assert 'This person already has a seat starting on this date.' in errors


def test_an_empty_seat_form_names_every_problem_at_once(client, auth, db, secretariat):
    # A phone review: an empty form said only "Term start"; the missing person came on the next
    # try, and a rule on the one after.
    auth.login('sec@example.org')
    path = '/members/seats/new'
    response = client.post(
        path, data={'csrf_token': csrf_token(client, path), 'person': '', 'email': '',
                    'sector': '', 'organisation': '', 'seat_role': 'member', 'term_start': ''},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    summary = html.split('<div class="error-summary"', 1)[1].split('</div>', 1)[0]
    for field in ('email', 'sector', 'term_start'):
        assert f'href="#{field}"' in summary, field
    assert 'Choose the person, or type their email.' in summary
