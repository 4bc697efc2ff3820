"""Live drafting over sockets, with presence held in memory and in the real Redis."""

import pytest

from forum.commitments import live
from forum.commitments.models import Commitment
from forum.commitments.services import update_commitment
from tests.presence_stores import KINDS, store_of


@pytest.fixture(autouse=True, params=KINDS)
def presence_store(request, app):
    """Every test here runs with presence in memory and in Redis (as with FORUM_REDIS_URL)."""
    with store_of(request.param) as store:
        app.extensions['forum_presence'] = store
        yield store
        app.extensions.pop('forum_presence', None)


def test_anyone_may_watch_a_public_commitment(socket_client, client, make_commitment):
    cid = make_commitment()
    sock = socket_client(client)
    ack = sock.emit('join', {'commitment_id': cid}, callback=True)
    assert ack['ok'] is True
    assert ack['version'] == 3
    assert ack['presence']['viewers'] == 1
    assert ack['presence']['by_sector'] == {'anonymous': 1}


def test_bad_join_payloads_get_a_reason(socket_client, client, make_commitment):
    make_commitment()
    sock = socket_client(client)
    for payload in (None, 'x', {}, {'commitment_id': '1'}, {'commitment_id': True},
                    {'commitment_id': 999}):  # fmt: skip
        ack = sock.emit('join', payload, callback=True)
        assert ack['ok'] is False
        assert ack['error']
    assert sock.is_connected()


def test_viewers_see_who_edits_and_each_saved_revision(
    app, socket_client, client, auth, db, make_commitment, create_member, secretariat
):
    cid = make_commitment()
    create_member(email='m@example.org', display_name='สมาชิก ก')
    watcher_client = app.test_client()
    type(auth)(watcher_client).login('m@example.org')
    watcher = socket_client(watcher_client, logged_in=True)
    watcher.emit('join', {'commitment_id': cid}, callback=True)

    auth.login('sec@example.org')
    editor = socket_client(client, logged_in=True)
    editor.emit('join', {'commitment_id': cid}, callback=True)
    assert editor.emit('editing', {'commitment_id': cid, 'editing': True}, callback=True) == {
        'ok': True
    }
    presence = watcher.events('presence')[-1]
    assert presence['editors'] == [secretariat.display_name]
    assert 'สมาชิก ก' in presence['members']
    # The secretariat is counted apart from the sectors (issue 14).
    assert presence['by_sector'] == {'civil_society': 1, 'secretariat': 1}

    commitment = db.session.get(Commitment, cid)
    user = db.session.merge(commitment.editors[0])
    update_commitment(commitment, actor=user, fields={'title_en': 'New'}, base_version=3)
    assert watcher.events('revision_saved') == []  # nothing before the commit
    db.session.commit()
    saved = watcher.events('revision_saved')
    assert len(saved) == 1
    assert saved[0]['revision'] == 4
    assert saved[0]['changed_fields'] == ['title_en']
    assert saved[0]['changed_labels']['th'] == ['ชื่อพันธสัญญา (ภาษาอังกฤษ)']
    assert saved[0]['checklist']['passes'] is True
    assert saved[0]['history_url'] == f'/commitments/{cid}/history?a=3&b=4'

    editor.disconnect()
    assert watcher.events('presence')[-1]['editors'] == []


def test_a_rolled_back_save_is_never_announced(socket_client, client, db, make_commitment):
    cid = make_commitment()
    watcher = socket_client(client)
    watcher.emit('join', {'commitment_id': cid}, callback=True)
    watcher.events('presence')
    commitment = db.session.get(Commitment, cid)
    update_commitment(
        commitment, actor=commitment.editors[0], fields={'title_en': 'Lost'}, base_version=3
    )
    db.session.rollback()
    db.session.commit()
    assert watcher.events('revision_saved') == []


def test_only_the_drafting_team_may_say_it_is_editing(
    socket_client, client, auth, make_commitment, create_member
):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    sock = socket_client(client, logged_in=True)
    sock.emit('join', {'commitment_id': cid}, callback=True)
    ack = sock.emit('editing', {'commitment_id': cid, 'editing': True}, callback=True)
    assert ack == {'ok': False, 'error': 'you may not edit this commitment'}
    ack = sock.emit('editing', {'commitment_id': cid, 'editing': 'yes'}, callback=True)
    assert ack['ok'] is False


def test_update_person_shows_a_person_given_a_seat_at_once(
    app, socket_client, client, auth, make_commitment, create_user_
):
    cid = make_commitment()
    person = create_user_(email='p@example.org', display_name='ผู้เข้าร่วม ก')
    auth.login('p@example.org')
    viewer = socket_client(client, logged_in=True)
    assert viewer.emit('join', {'commitment_id': cid}, callback=True)['presence']['members'] == []
    watcher = socket_client(app.test_client())
    watcher.emit('join', {'commitment_id': cid}, callback=True)
    watcher.events('presence')

    with app.app_context():
        assert live.update_person(person.id, named=True) == [cid]
    shown = watcher.events('presence')
    assert shown[-1]['members'] == ['ผู้เข้าร่วม ก']
    assert shown[-1]['viewers'] == 2

    with app.app_context():
        assert live.update_person(person.id, named=True) == []  # nothing changed: no news
        assert watcher.events('presence') == []
        assert live.update_person(person.id, named=False) == [cid]
    assert watcher.events('presence')[-1]['members'] == []


def test_update_person_changes_only_what_a_seat_or_profile_decides(app):
    with app.app_context(), pytest.raises(TypeError, match='editing, user_id'):
        live.update_person(1, editing=True, user_id=2)
