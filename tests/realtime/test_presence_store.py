"""Presence stores: the same answers in memory and in Redis; Redis shared by several processes.

The Redis tests use the real server of ``FORUM_TEST_REDIS_URL`` (skipped without it). Several
:class:`RedisPresence` objects on one prefix stand for several server processes.
"""

from __future__ import annotations

import secrets
import time

import pytest
import redis

from forum import create_app
from forum.commitments import live
from forum.realtime.presence_store import RedisPresence
from tests.presence_stores import KINDS, redis_stores, redis_url, store_of

ANON = {'user_id': None, 'name': None, 'sector': None, 'named': False, 'editing': False}


def person(user_id: int, name: str, sector: str = 'civil_society', named: bool = True) -> dict:
    """An entry as ``forum.commitments.live._who`` builds it."""
    return {'user_id': user_id, 'name': name, 'sector': sector, 'named': named, 'editing': False}


def _names(entries: list[dict]) -> list:
    return sorted((e['name'] or '') for e in entries)


@pytest.fixture(params=KINDS)
def store(request):
    """A store of each kind."""
    with store_of(request.param) as made:
        yield made


def test_a_room_holds_every_socket_until_it_leaves(store):
    store.put(1, 'sid-a', person(7, 'สมชาย ตัวอย่าง'))
    store.put(1, 'sid-b', ANON)
    store.put(2, 'sid-a', person(7, 'สมชาย ตัวอย่าง'))
    assert _names(store.entries(1)) == ['', 'สมชาย ตัวอย่าง']
    assert sorted(store.rooms_of('sid-a')) == [1, 2]
    assert store.entries(3) == []

    assert store.patch(1, 'sid-a', {'editing': True}) is True
    assert [e['editing'] for e in store.entries(1) if e['user_id'] == 7] == [True]
    assert store.patch(1, 'sid-none', {'editing': True}) is False

    assert store.remove(1, 'sid-a') is True
    assert store.remove(1, 'sid-a') is False
    assert _names(store.entries(1)) == ['']
    assert store.rooms_of('sid-a') == [2]
    assert store.beat() == []


def test_update_person_changes_every_entry_of_that_person_only(store):
    store.put(1, 'a1', person(7, 'สมชาย', named=False))
    store.put(2, 'a2', person(7, 'สมชาย', named=False))
    store.put(2, 'b', person(8, 'สมหญิง', named=False))
    store.put(3, 'c', ANON)
    assert store.update_person(7, {'named': True}) == [1, 2]
    named = sorted((e['name'], e['named']) for r in (1, 2) for e in store.entries(r))
    assert named == [('สมชาย', True), ('สมชาย', True), ('สมหญิง', False)]
    # Nothing changes the second time: no room needs announcing.
    assert store.update_person(7, {'named': True}) == []
    assert store.update_person(99, {'named': True}) == []


def test_every_process_reads_the_whole_room():
    with redis_stores() as make:
        a, b = make(), make()
        a.put(1, 'a1', person(7, 'ประเสริฐ วงศ์สวัสดิ์', 'government'))
        a.put(1, 'a2', ANON)
        b.put(1, 'b1', person(8, 'สมหญิง', 'civil_society'))
        b.put(1, 'b2', ANON)
        for store in (a, b):
            entries = store.entries(1)
            assert len(entries) == 4
            assert sorted(e['sector'] or 'anonymous' for e in entries) == [
                'anonymous', 'anonymous', 'civil_society', 'government'
            ]  # fmt: skip
        # Each process knows which rooms its own sockets are in.
        assert a.rooms_of('b1') == []
        assert b.rooms_of('b1') == [1]
        assert b.remove(1, 'b1') is True
        assert len(a.entries(1)) == 3


def test_update_person_reaches_the_entries_of_another_process():
    with redis_stores() as make:
        a, b = make(), make()
        a.put(1, 'a1', person(7, 'ผู้ใช้ ก', named=False))
        b.put(2, 'b1', person(7, 'ผู้ใช้ ก', named=False))
        assert a.update_person(7, {'named': True}) == [1, 2]
        assert [e['named'] for e in b.entries(2)] == [True]
        # The owner's next change to the entry keeps the other process's change.
        assert b.patch(2, 'b1', {'editing': True}) is True
        assert b.entries(2) == [{**person(7, 'ผู้ใช้ ก'), 'editing': True}]


def test_a_dead_processes_viewers_stop_counting_and_its_rooms_are_announced_once():
    with redis_stores() as make:
        doomed = make(heartbeat=0.2)  # lease 0.6 s, and it will never beat again
        survivor = make(heartbeat=0.2)
        doomed.put(1, 'd1', person(7, 'ผู้ชม ก'))
        doomed.put(2, 'd2', ANON)
        survivor.put(1, 's1', ANON)
        assert len(survivor.entries(1)) == 2
        time.sleep(0.7)
        survivor.beat()  # the survivor is alive; the doomed process's lease ran out
        assert survivor.entries(1) == [ANON]
        assert survivor.entries(2) == []
        # Announced once, not at every beat.
        assert survivor.mourned == {doomed.process}


def test_the_survivor_announces_the_rooms_of_a_process_found_dead():
    with redis_stores() as make:
        doomed = make(heartbeat=0.2)
        survivor = make(heartbeat=0.2)
        doomed.put(1, 'd1', person(7, 'ผู้ชม ก'))
        doomed.put(2, 'd2', ANON)
        assert survivor.beat() == []
        time.sleep(0.7)
        assert survivor.beat() == [1, 2]
        assert survivor.beat() == []


def test_a_process_back_from_a_stall_counts_again_as_it_was():
    with redis_stores() as make:
        stalled = make(heartbeat=0.2)
        other = make(heartbeat=0.2)
        stalled.put(1, 's1', person(7, 'ผู้ชม ก', named=False))
        time.sleep(0.7)
        assert other.entries(1) == []
        # Meanwhile the person got a seat (changed from the other process).
        other.update_person(7, {'named': True})
        assert stalled.beat() == [1]  # its rooms are announced again
        assert other.entries(1) == [person(7, 'ผู้ชม ก', named=True)]
        assert other.beat() == []


def test_a_dead_processes_entries_are_deleted_after_the_grace():
    with redis_stores() as make:
        doomed = make(heartbeat=0.2)
        collector = make(heartbeat=0.2, grace=0.6)
        doomed.put(1, 'd1', person(7, 'ผู้ชม ก'))
        collector.put(1, 'c1', ANON)
        time.sleep(0.7)
        assert collector.beat() == [1]
        time.sleep(0.7)
        collector.beat()
        keys = collector.keys()
        assert not any(doomed.process in k for k in keys), keys
        fields = collector.redis.hkeys(f'{collector.prefix}:room:1')
        assert fields == [f'{collector.process}|c1']
        assert collector.mourned == set()
        # Should it come back after all, it writes its entries again.
        assert doomed.beat() == [1]
        assert len(collector.entries(1)) == 2


def test_entries_that_redis_lost_are_written_again_at_the_next_beat():
    with redis_stores() as make:
        store = make(heartbeat=0.2)
        store.put(1, 's1', person(7, 'ผู้ชม ก'))
        store.redis.delete(*store.keys())  # a Redis restart without persistence
        assert store.entries(1) == []
        assert store.beat() == [1]
        assert store.entries(1) == [person(7, 'ผู้ชม ก')]
        assert store.update_person(7, {'name': 'ผู้ชม ข'}) == [1]


def test_the_keys_of_a_live_processes_entries_do_not_expire(monkeypatch):
    from forum.realtime import presence_store

    with redis_stores() as make:
        store = make()
        store.put(1, 's1', person(7, 'ผู้ชม ก'))
        keys = store.keys()
        assert len(keys) == 4  # room, processes, this process's rooms, the person's rooms
        for key in keys:
            store.redis.expire(key, 60)
        monkeypatch.setattr(presence_store, 'TOUCH_EVERY', 0)
        store.beat()
        for key in keys:
            assert store.redis.ttl(key) > 60, key


def test_a_heartbeat_must_be_positive_and_answers_decoded():
    with pytest.raises(ValueError, match='positive'):
        RedisPresence.from_url(redis_url(), 'test-presence-bad', heartbeat=0)
    client = redis.Redis.from_url(redis_url())
    with pytest.raises(ValueError, match='decode_responses'):
        RedisPresence(client, 'test-presence-bad')
    client.close()


def test_with_redis_every_process_keeps_its_presence_lease():
    app = create_app(
        {
            'SQLALCHEMY_DATABASE_URI': 'sqlite://',
            'REDIS_URL': redis_url(),
            'SOCKETIO_CHANNEL': f'test-live-{secrets.token_hex(6)}',
            'PRESENCE_HEARTBEAT': 0.2,
        }
    )
    with app.app_context():
        store = live._store()
    try:
        assert isinstance(store, RedisPresence)
        assert store.prefix == f'{app.config["SOCKETIO_CHANNEL"]}:presence'
        first = float(store.redis.hget(f'{store.prefix}:processes', store.process))
        time.sleep(1.0)
        # The background heartbeat renewed the lease (3 heartbeats long) meanwhile.
        later = float(store.redis.hget(f'{store.prefix}:processes', store.process))
        assert later > first
    finally:
        app.extensions.pop('forum_presence')  # the heartbeat stops at its next beat
        time.sleep(0.5)  # past a beat that may be under way
        store.redis.delete(*store.keys())
