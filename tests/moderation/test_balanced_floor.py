"""The balanced floor: a dominant sector's members wait between comments; off by default."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from forum.comments.models import Comment
from forum.db import utcnow
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _switch(client, cid, **fields):
    data = {'is_on': 'y', 'share_percent': 50, 'last_n': 4, 'wait_minutes': 15, **fields}
    data['csrf_token'] = csrf_token(client, '/')
    return client.post(f'/moderation/commitments/{cid}/floor', data=data, headers=EN)


def _age(db, minutes):
    """Make every comment ``minutes`` older (the wait is measured from the author's last one)."""
    db.session.execute(update(Comment).values(created_dt=utcnow() - timedelta(minutes=minutes)))
    db.session.commit()


def _post(socket, cid, body='ความเห็น'):
    payload = {'commitment_id': cid, 'body': body, 'client_id': str(uuid.uuid4())}
    return socket.emit('post_comment', payload, callback=True)


def test_off_by_default_then_the_dominant_sector_waits(
    db, people, make_commitment, comment_on, as_user, socket_client
):
    cid = make_commitment()
    for _n in range(3):
        comment_on(cid, people['author'])
    comment_on(cid, people['gov'])
    author_client = as_user('author@example.org')
    author = socket_client(author_client, logged_in=True)
    assert _post(author, cid)['ok'] is True  # off by default: no wait
    assert _switch(as_user('unimod@example.org'), cid).status_code == 302

    # Civil society wrote 3 of the last 4 (more than 50 %): its members wait 15 minutes.
    ack = _post(author, cid)
    assert ack['ok'] is False
    assert 'Balanced floor' in ack['error']
    assert 'wrote 3 of the last 4 comments' in ack['error']
    assert 'again in 15 minutes' in ack['error']
    page = author_client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'id="comment-gate"' in page
    assert 'wait 15 minutes between comments' in page
    # Another sector's members do not wait.
    gov = socket_client(as_user('gov@example.org'), logged_in=True)
    assert _post(gov, cid)['ok'] is True
    assert _post(gov, cid)['ok'] is True
    # Now 2 of the last 4 are civil society's (not more than half): no wait.
    assert _post(author, cid)['ok'] is True


def test_the_wait_ends(db, people, make_commitment, comment_on, as_user, socket_client):
    cid = make_commitment()
    for _n in range(4):
        comment_on(cid, people['author'])
    assert _switch(as_user('sec@example.org'), cid, wait_minutes=10).status_code == 302
    author = socket_client(as_user('author@example.org'), logged_in=True)
    assert _post(author, cid)['ok'] is False
    _age(db, 9)
    assert 'again in 1 minutes' in _post(author, cid)['error']
    _age(db, 11)
    assert _post(author, cid)['ok'] is True
    assert _post(author, cid)['ok'] is False  # the wait starts again


@pytest.mark.parametrize(
    ('fields', 'message'),
    [
        ({'share_percent': 100}, 'Number must be between 1 and 99.'),
        ({'last_n': 1}, 'Number must be between 2 and 500.'),
        ({'wait_minutes': 0}, 'Number must be between 1 and 1440.'),
        ({'wait_minutes': 'soon'}, 'Not a valid integer value.'),
    ],
)
def test_bad_settings_are_refused(db, people, make_commitment, as_user, fields, message):
    cid = make_commitment()
    response = _switch(as_user('unimod@example.org'), cid, **fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_switching_is_in_the_public_log(db, people, make_commitment, as_user, client):
    cid = make_commitment()
    moderator = as_user('unimod@example.org')
    assert _switch(moderator, cid).status_code == 302
    assert _switch(moderator, cid, is_on='').status_code == 302
    data = client.get('/api/v1/moderation-log').get_json()
    assert [a['kind'] for a in data['items']] == ['floor_off', 'floor_on']
    assert data['items'][0]['commitment_id'] == cid


@pytest.mark.parametrize(
    ('civil_society', 'government', 'share', 'dominant'),
    [
        (2, 2, 50, None),  # exactly half is not more than half
        (3, 2, 50, 'civil_society'),
        (1, 3, 50, 'government'),
        (3, 2, 60, None),  # 60 % is not more than 60 %
        (4, 1, 60, 'civil_society'),
        (0, 0, 50, None),
    ],
)
def test_which_sector_dominates(
    app, db, people, make_commitment, comment_on, civil_society, government, share, dominant
):
    from forum.moderation.access import floor_state
    from forum.moderation.models import BalancedFloor
    from forum.sectors.models import Sector

    cid = make_commitment()
    for _n in range(civil_society):
        comment_on(cid, people['author'])
    for _n in range(government):
        comment_on(cid, people['gov'])
    floor = BalancedFloor(commitment_id=cid, is_on=True, share_percent=share, last_n=20)
    sector_id, n, total = floor_state(floor)
    code = db.session.get(Sector, sector_id).code if sector_id else None
    assert code == dominant
    assert total == civil_society + government


def test_staff_comments_count_for_the_secretariat_not_for_their_sector(
    db, people, make_commitment, comment_on
):
    from forum.moderation.access import floor_state
    from forum.moderation.models import BalancedFloor

    cid = make_commitment()
    for _n in range(3):
        comment_on(cid, people['admin'])  # staff, who declared the government sector
    comment_on(cid, people['gov'])
    sector_id, n, total = floor_state(BalancedFloor(commitment_id=cid, share_percent=50, last_n=20))
    assert (sector_id, n, total) == (None, 0, 4)  # government wrote 1 of 4; staff 3 for no sector


def test_only_the_last_n_comments_count(db, people, make_commitment, comment_on):
    from forum.moderation.access import floor_state
    from forum.moderation.models import BalancedFloor

    cid = make_commitment()
    for _n in range(5):
        comment_on(cid, people['author'])
    for _n in range(3):
        comment_on(cid, people['gov'])
    # The last 4: three government, one civil society.
    _sector, n, total = floor_state(BalancedFloor(commitment_id=cid, share_percent=50, last_n=4))
    assert (n, total) == (3, 4)


def test_a_number_out_of_range_is_refused_in_the_readers_language(
    db, people, make_commitment, as_user
):
    # An outside review: WTForms' own range message reached Thai moderators in English.
    cid = make_commitment()
    moderator = as_user('unimod@example.org')
    data = {'is_on': 'y', 'share_percent': 150, 'last_n': 4, 'wait_minutes': 15,
            'csrf_token': csrf_token(moderator, '/')}  # fmt: skip
    path = f'/moderation/commitments/{cid}/floor'
    thai = moderator.post(path, data=data, headers={'Accept-Language': 'th'})
    assert thai.status_code == 400
    html = thai.get_data(as_text=True)
    assert 'ตัวเลขต้องอยู่ระหว่าง 1 ถึง 99' in html
    assert 'Number must be' not in html
    english = moderator.post(path, data=data, headers=EN).get_data(as_text=True)
    assert 'Number must be between 1 and 99.' in english
