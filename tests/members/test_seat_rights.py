"""Member rights follow a seat held today: the matrix of seats × actions, HTTP and socket."""

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.auth.models import User
from forum.comments.models import Comment
from forum.core.i18n import local_today
from forum.extensions import db as _db
from forum.members.models import Membership
from forum.members.services import add_membership, remove_membership, update_membership
from forum.sectors.services import sector_by_code
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}

#: seat kind -> whether it gives member rights today
SEATS = {'none': False, 'future': True, 'active': True, 'ended': True, 'deleted': True}
ALLOWED = {'none': False, 'future': False, 'active': True, 'ended': False, 'deleted': False}


def _seat(app, user_id: int, kind: str) -> None:
    """Give the person a seat of ``kind``, with terms relative to today."""
    with app.app_context():
        today = local_today()
        user = _db.session.get(User, user_id)
        terms = {
            'future': (today + timedelta(days=5 * 365), None),
            'active': (today - timedelta(days=30), today + timedelta(days=30)),
            'ended': (today - timedelta(days=400), today - timedelta(days=1)),
            'deleted': (today - timedelta(days=30), None),
        }
        if kind == 'none':
            return
        start, end = terms[kind]
        seat = add_membership(
            user, actor=None, sector=sector_by_code('civil_society'), seat_role='member',
            term_start=start, term_end=end,
        )  # fmt: skip
        if kind == 'deleted':
            remove_membership(seat, actor=None)
        _db.session.commit()


@pytest.fixture
def person(app, create_user_):
    """A registered participant: what a seat of each kind makes of them is the question."""
    return create_user_(email='p@example.org', display_name='ปรีดา สมาชิก')


def _http_comment(client, cid):
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    match = re.search(r'name="client_id" type="hidden" value="([^"]+)"', page)
    data = {'csrf_token': csrf_token(client, f'/commitments/{cid}'),
            'client_id': match.group(1) if match else str(uuid.uuid4()),
            'anchor': '', 'stance': '', 'parent_id': '', 'body': 'ความเห็นของฉัน'}  # fmt: skip
    return client.post(f'/commitments/{cid}/comments', data=data, headers=EN)


@pytest.mark.parametrize('kind', list(ALLOWED))
def test_commenting_over_http_needs_a_seat_held_today(
    kind, app, client, auth, db, person, make_commitment
):
    cid = make_commitment()
    _seat(app, person.id, kind)
    auth.login('p@example.org')
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert ('id="comment-form"' in page) is ALLOWED[kind]
    response = _http_comment(client, cid)
    assert response.status_code == (302 if ALLOWED[kind] else 403)
    assert db.session.scalar(select(func.count(Comment.id))) == (1 if ALLOWED[kind] else 0)


@pytest.mark.parametrize('kind', list(ALLOWED))
def test_commenting_over_the_socket_needs_a_seat_held_today(
    kind, app, client, auth, db, person, make_commitment, socket_client
):
    cid = make_commitment()
    _seat(app, person.id, kind)
    auth.login('p@example.org')
    sock = socket_client(client, logged_in=True)
    joined = sock.emit('join', {'commitment_id': cid}, callback=True)
    assert joined['ok'] is True
    assert joined['can_comment'] is ALLOWED[kind]
    ack = sock.emit(
        'post_comment',
        {'commitment_id': cid, 'body': 'ความเห็น', 'client_id': str(uuid.uuid4())},
        callback=True,
    )
    assert ack['ok'] is ALLOWED[kind]
    if not ALLOWED[kind]:
        assert ack['error'] == 'you may not comment on this commitment'
    assert db.session.scalar(select(func.count(Comment.id))) == (1 if ALLOWED[kind] else 0)


@pytest.mark.parametrize('kind', list(ALLOWED))
def test_creating_a_commitment_needs_a_seat_held_today(kind, app, client, auth, person, nap_id):
    _seat(app, person.id, kind)
    auth.login('p@example.org')
    assert client.get(f'/naps/{nap_id}/commitments/new').status_code == (
        200 if ALLOWED[kind] else 403
    )


@pytest.mark.parametrize('kind', list(ALLOWED))
def test_the_drafting_team_picker_offers_only_seats_held_today(
    kind, app, client, auth, person, secretariat, make_commitment
):
    cid = make_commitment()
    _seat(app, person.id, kind)
    auth.login('sec@example.org')
    page = client.get(f'/commitments/{cid}/team', headers=EN).get_data(as_text=True)
    assert (f'value="{person.id}"' in page) is ALLOWED[kind]
    # Choosing someone the picker does not offer is refused, and the team stays as it was.
    response = client.post(
        f'/commitments/{cid}/team',
        data={'csrf_token': csrf_token(client, f'/commitments/{cid}/team'),
              'editors': [str(person.id)]},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == (302 if ALLOWED[kind] else 400)


def test_the_picker_groups_by_seat_sector_and_tells_namesakes_apart(
    app, client, auth, db, secretariat, create_member, make_commitment
):
    cid = make_commitment()
    create_member(sector='government', email='somchai.a@example.org', display_name='สมชาย')
    create_member(sector='civil_society', email='somchai.b@example.org', display_name='สมชาย')
    auth.login('sec@example.org')
    page = client.get(f'/commitments/{cid}/team', headers=EN).get_data(as_text=True)
    groups = re.findall(r'<optgroup label="([^"]+)">', page)
    assert groups == sorted(set(groups), key=groups.index)  # each sector once
    assert 'สมชาย — somchai.a@example.org' in page
    assert 'สมชาย — somchai.b@example.org' in page


def test_ending_a_seat_takes_effect_at_once_for_a_connected_socket(
    app, client, auth, db, person, make_commitment, socket_client
):
    cid = make_commitment()
    _seat(app, person.id, 'active')
    auth.login('p@example.org')
    sock = socket_client(client, logged_in=True)
    assert sock.emit('join', {'commitment_id': cid}, callback=True)['can_comment'] is True
    first = sock.emit(
        'post_comment',
        {'commitment_id': cid, 'body': 'ก่อน', 'client_id': str(uuid.uuid4())},
        callback=True,
    )
    assert first['ok'] is True
    with app.app_context():
        seat = _db.session.scalar(select(Membership).filter_by(user_id=person.id))
        update_membership(seat, actor=None, term_end=local_today() - timedelta(days=1))
        _db.session.commit()
    after = sock.emit(
        'post_comment',
        {'commitment_id': cid, 'body': 'หลัง', 'client_id': str(uuid.uuid4())},
        callback=True,
    )
    assert after['ok'] is False
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_moving_a_seat_to_someone_else_moves_the_rights(
    app, client, auth, db, person, create_user_, make_commitment
):
    other = create_user_(email='o@example.org')
    cid = make_commitment()
    _seat(app, person.id, 'active')
    with app.app_context():
        seat = _db.session.scalar(select(Membership).filter_by(user_id=person.id))
        update_membership(seat, actor=None, user=_db.session.get(User, other.id))
        _db.session.commit()
    auth.login('p@example.org')
    assert _http_comment(client, cid).status_code == 403
    auth.logout()
    auth.login('o@example.org')
    assert _http_comment(client, cid).status_code == 302
    authors = db.session.scalars(select(Comment.author_id)).all()
    assert authors == [other.id]


def test_a_seat_leaves_the_role_alone(app, db, person):
    _seat(app, person.id, 'active')
    assert db.session.get(User, person.id).role == 'participant'


def test_presence_names_a_member_only_while_the_seat_lasts(
    app, client, auth, db, person, make_commitment, socket_client
):
    cid = make_commitment()
    _seat(app, person.id, 'active')
    auth.login('p@example.org')
    sock = socket_client(client, logged_in=True)
    joined = sock.emit('join', {'commitment_id': cid}, callback=True)
    assert joined['presence']['members'] == ['ปรีดา สมาชิก']
    watcher = socket_client(app.test_client())
    assert watcher.emit('join', {'commitment_id': cid}, callback=True)['ok']
    watcher.events('presence')
    with app.app_context():
        seat = _db.session.scalar(select(Membership).filter_by(user_id=person.id))
        remove_membership(seat, actor=None)
        _db.session.commit()
    presence = watcher.events('presence')
    assert presence, 'deleting the seat re-announces the room'
    assert presence[-1]['members'] == []
    assert presence[-1]['viewers'] == 2  # still there, no longer named as a member
    with app.app_context():
        add_membership(
            _db.session.get(User, person.id), actor=None,
            sector=sector_by_code('civil_society'), seat_role='member',
            term_start=local_today(),
        )  # fmt: skip
        _db.session.commit()
    assert watcher.events('presence')[-1]['members'] == ['ปรีดา สมาชิก']
