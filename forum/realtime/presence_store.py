"""Who is in which room, for the whole installation: in memory (one process) or in Redis (several).

An *entry* is one socket in one room: a small dict built by the area that owns the room (for
commitments, ``forum.commitments.live._who``: ``user_id``, ``name``, ``sector``, ``named``,
``editing``). A store holds every socket's entry per room, and reading a room gives all of them,
whichever process the sockets live in, so any process's announcement tells the room-wide truth.

:class:`MemoryPresence` keeps them in this process (one process, no ``FORUM_REDIS_URL``).
:class:`RedisPresence` keeps them in Redis, under ``<channel>:presence``:

``:room:<id>``            hash, ``"<process>|<sid>"`` -> the entry as JSON
``:processes``            hash, process -> its lease (Redis clock, seconds): alive until then
``:process-rooms:<p>``    set of rooms in which process ``p`` has put entries (a superset)
``:user-rooms:<uid>``     set of rooms in which person ``uid`` has entries (a superset)

A process that dies without cleaning up leaves its entries behind: they stop counting as soon as
its lease runs out. Every process renews its own lease each ``heartbeat`` seconds (the lease lasts
three heartbeats) and, at the same beat, notices the processes whose lease ran out and returns
their rooms so that they are announced again: a dead process's viewers leave every count within
``ttl + heartbeat`` (40 s with the default 10 s heartbeat). Their entries are deleted ``grace``
seconds later; a process that comes back before then (a long stall) is counted again as it was.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterable
from secrets import token_hex

import redis

#: Keys of a room, a process or a person are dropped after a day without a heartbeat touching them.
KEY_TTL = 24 * 3600
#: How often a process renews the expiry of the keys its entries are in.
TOUCH_EVERY = 3600

_Entry = dict
_Item = tuple[int, str, _Entry]  # room, socket id, entry

# Every script that reads the clock uses Redis's, so the processes' clocks need not agree.
_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""

#: KEYS: processes. ARGV: process, ttl, key ttl. Renew the lease; answer now, the previous lease
#: and every lease.
_BEAT = (
    _NOW
    + """
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], string.format('%.3f', now + tonumber(ARGV[2])))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {string.format('%.3f', now), previous or '', redis.call('HGETALL', KEYS[1])}
"""
)

#: KEYS: room, processes. The entries of live processes, as one JSON array.
_READ = (
    _NOW
    + """
local fields = redis.call('HGETALL', KEYS[1])
local alive, out = {}, {}
for i = 1, #fields, 2 do
  local process = string.match(fields[i], '^([^|]*)|')
  if process then
    local ok = alive[process]
    if ok == nil then
      ok = tonumber(redis.call('HGET', KEYS[2], process) or '0') > now
      alive[process] = ok
    end
    if ok then out[#out + 1] = fields[i + 1] end
  end
end
return '[' .. table.concat(out, ',') .. ']'
"""
)

#: KEYS: room. ARGV: field, changes (JSON object). Change one entry if it is there: 1, else 0.
_PATCH = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
for k, v in pairs(cjson.decode(ARGV[2])) do entry[k] = v end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 1
"""

#: KEYS: the person's rooms set, then room keys. ARGV: user id, changes, then the rooms' ids.
#: Change every entry of the person; answer the rooms where something changed. Rooms where the
#: person has no entry any more leave the set.
_UPDATE_PERSON = """
local uid = tonumber(ARGV[1])
local changes = cjson.decode(ARGV[2])
local changed_rooms = {}
for i = 2, #KEYS do
  local fields = redis.call('HGETALL', KEYS[i])
  local found, changed = false, false
  for j = 1, #fields, 2 do
    local entry = cjson.decode(fields[j + 1])
    if entry['user_id'] == uid then
      found = true
      local differs = false
      for k, v in pairs(changes) do
        if entry[k] ~= v then differs = true end
        entry[k] = v
      end
      if differs then
        changed = true
        redis.call('HSET', KEYS[i], fields[j], cjson.encode(entry))
      end
    end
  end
  if changed then changed_rooms[#changed_rooms + 1] = ARGV[i + 1] end
  if not found then redis.call('SREM', KEYS[1], ARGV[i + 1]) end
end
return changed_rooms
"""

#: KEYS: processes, the process's rooms set, then room keys. ARGV: process, grace.
#: Delete a dead process's entries once its lease ran out ``grace`` seconds ago: 1, else 0.
_COLLECT = (
    _NOW
    + """
local lease = redis.call('HGET', KEYS[1], ARGV[1])
if lease and tonumber(lease) + tonumber(ARGV[2]) > now then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
local prefix = ARGV[1] .. '|'
for i = 3, #KEYS do
  for _, field in ipairs(redis.call('HKEYS', KEYS[i])) do
    if string.sub(field, 1, #prefix) == prefix then redis.call('HDEL', KEYS[i], field) end
  end
end
redis.call('DEL', KEYS[2])
return 1
"""
)


class MemoryPresence:
    """Presence held in this process: every viewer of the installation when it is the only one."""

    #: No other process to outlive: nothing to renew.
    heartbeat = None

    def __init__(self):
        self.lock = threading.Lock()
        #: room -> socket id -> entry
        self.rooms: dict[int, dict[str, _Entry]] = {}

    def put(self, room: int, sid: str, entry: _Entry) -> None:
        """Record (or replace) the entry of socket ``sid`` in ``room``."""
        with self.lock:
            self.rooms.setdefault(room, {})[sid] = dict(entry)

    def patch(self, room: int, sid: str, changes: dict) -> bool:
        """Change the entry of ``sid`` in ``room``; False when it has none."""
        with self.lock:
            entry = self.rooms.get(room, {}).get(sid)
            if entry is None:
                return False
            entry.update(changes)
            return True

    def remove(self, room: int, sid: str) -> bool:
        """Forget ``sid`` in ``room``; False when it was not there."""
        with self.lock:
            people = self.rooms.get(room, {})
            if people.pop(sid, None) is None:
                return False
            if not people:
                self.rooms.pop(room, None)
            return True

    def entries(self, room: int) -> list[_Entry]:
        """Every entry of ``room``."""
        with self.lock:
            return [dict(e) for e in self.rooms.get(room, {}).values()]

    def rooms_of(self, sid: str) -> list[int]:
        """The rooms socket ``sid`` (of this process) is in."""
        with self.lock:
            return [room for room, people in self.rooms.items() if sid in people]

    def update_person(self, user_id: int, changes: dict) -> list[int]:
        """Apply ``changes`` to every entry of ``user_id``; return the rooms where one changed."""
        changed = set()
        with self.lock:
            for room, people in self.rooms.items():
                for entry in people.values():
                    if entry['user_id'] == user_id and any(
                        entry.get(k) != v for k, v in changes.items()
                    ):
                        entry.update(changes)
                        changed.add(room)
        return sorted(changed)

    def beat(self) -> list[int]:
        """Nothing to renew in one process: no room needs announcing."""
        return []


class RedisPresence:
    """Presence shared by every process of an installation through Redis (see the module doc).

    This process's own entries are also kept here (``local``): they answer :meth:`rooms_of` and
    are written again should Redis lose them (a restart, or after a stall past ``grace``).
    """

    def __init__(
        self,
        client: redis.Redis,
        prefix: str,
        *,
        heartbeat: float = 10.0,
        grace: float = 300.0,
        process: str | None = None,
    ):
        if heartbeat <= 0:
            raise ValueError('the presence heartbeat must be a positive number of seconds')
        if not client.connection_pool.connection_kwargs.get('decode_responses'):
            raise ValueError('RedisPresence needs a client made with decode_responses=True')
        self.redis = client
        self.prefix = prefix
        #: Renew the lease this often (seconds); the lease lasts three heartbeats.
        self.heartbeat = heartbeat
        self.ttl = 3 * heartbeat
        #: Delete a dead process's entries this long after its lease ran out.
        self.grace = max(grace, self.ttl)
        # The random part: a restarted worker may get the same pid; it is a new process.
        host = socket.gethostname().replace('|', '_')
        self.process = process or f'{host}:{os.getpid()}:{token_hex(4)}'
        self.lock = threading.Lock()
        #: socket id -> room -> entry, for this process's sockets
        self.local: dict[str, dict[int, _Entry]] = {}
        #: Dead processes whose rooms were already announced.
        self.mourned: set[str] = set()
        self._touched = time.monotonic()
        self._beat = client.register_script(_BEAT)
        self._read = client.register_script(_READ)
        self._patch = client.register_script(_PATCH)
        self._update_person = client.register_script(_UPDATE_PERSON)
        self._collect = client.register_script(_COLLECT)
        # Take a lease before the first entry, or nobody would count it.
        self.beat()

    @classmethod
    def from_url(cls, url: str, prefix: str, **kwargs) -> RedisPresence:
        """A store on the Redis server at ``url``; a call waits at most 5 s for an answer."""
        client = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5
        )
        return cls(client, prefix, **kwargs)

    # Keys -------------------------------------------------------------------------------------

    def _room_key(self, room: int) -> str:
        return f'{self.prefix}:room:{room}'

    def _processes_key(self) -> str:
        return f'{self.prefix}:processes'

    def _process_rooms_key(self, process: str) -> str:
        return f'{self.prefix}:process-rooms:{process}'

    def _user_rooms_key(self, user_id: int) -> str:
        return f'{self.prefix}:user-rooms:{user_id}'

    def _field(self, sid: str) -> str:
        return f'{self.process}|{sid}'

    # Entries ----------------------------------------------------------------------------------

    def _touch(self, items: list[_Item]) -> None:
        """Renew the expiry of every key this process's entries are in."""
        keys = {self._process_rooms_key(self.process)}
        for room, _sid, entry in items:
            keys.add(self._room_key(room))
            if entry.get('user_id') is not None:
                keys.add(self._user_rooms_key(entry['user_id']))
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            pipe.expire(key, KEY_TTL)
        pipe.execute()
        self._touched = time.monotonic()

    def _write(self, items: Iterable[_Item], *, only_missing: bool = False) -> None:
        """Write entries of this process, with the indexes that find them again."""
        pipe = self.redis.pipeline(transaction=False)
        mine = self._process_rooms_key(self.process)
        for room, sid, entry in items:
            key = self._room_key(room)
            value = json.dumps(entry, ensure_ascii=False)
            if only_missing:
                pipe.hsetnx(key, self._field(sid), value)
            else:
                pipe.hset(key, self._field(sid), value)
            pipe.expire(key, KEY_TTL)
            pipe.sadd(mine, room)
            if entry.get('user_id') is not None:
                pipe.sadd(self._user_rooms_key(entry['user_id']), room)
                pipe.expire(self._user_rooms_key(entry['user_id']), KEY_TTL)
        pipe.expire(mine, KEY_TTL)
        pipe.execute()

    def put(self, room: int, sid: str, entry: _Entry) -> None:
        """Record (or replace) the entry of socket ``sid`` (of this process) in ``room``."""
        # One lock orders this process's writes: a quick join-then-leave cannot reach Redis in
        # the other order and leave a viewer behind.
        with self.lock:
            self.local.setdefault(sid, {})[room] = dict(entry)
            self._write([(room, sid, entry)])

    def patch(self, room: int, sid: str, changes: dict) -> bool:
        """Change the entry of ``sid`` in ``room``; False when it has none."""
        with self.lock:
            entry = self.local.get(sid, {}).get(room)
            if entry is None:
                return False
            entry.update(changes)
            # In a script: another process may be changing the same entry (update_person).
            found = self._patch(
                keys=[self._room_key(room)],
                args=[self._field(sid), json.dumps(changes, ensure_ascii=False)],
            )
            if not found:  # lost by Redis since: write it whole again
                self._write([(room, sid, entry)])
            return True

    def remove(self, room: int, sid: str) -> bool:
        """Forget ``sid`` in ``room``; False when it was not there."""
        with self.lock:
            rooms = self.local.get(sid)
            if not rooms or rooms.pop(room, None) is None:
                return False
            if not rooms:
                del self.local[sid]
            self.redis.hdel(self._room_key(room), self._field(sid))
            return True

    def entries(self, room: int) -> list[_Entry]:
        """Every entry of ``room`` whose process is alive, from every process."""
        raw = self._read(keys=[self._room_key(room), self._processes_key()])
        return json.loads(raw)

    def rooms_of(self, sid: str) -> list[int]:
        """The rooms socket ``sid`` (of this process) is in."""
        with self.lock:
            return list(self.local.get(sid, {}))

    def update_person(self, user_id: int, changes: dict) -> list[int]:
        """Apply ``changes`` to every entry of ``user_id`` in every process; the rooms changed."""
        with self.lock:
            for rooms in self.local.values():
                for entry in rooms.values():
                    if entry['user_id'] == user_id:
                        entry.update(changes)
        index = self._user_rooms_key(user_id)
        rooms = sorted(int(r) for r in self.redis.smembers(index))
        if not rooms:
            return []
        changed = self._update_person(
            keys=[index, *(self._room_key(r) for r in rooms)],
            args=[user_id, json.dumps(changes, ensure_ascii=False), *rooms],
        )
        return sorted(int(r) for r in changed)

    # Liveness ---------------------------------------------------------------------------------

    def beat(self) -> list[int]:
        """Renew this process's lease, deal with dead processes; return rooms to announce again.

        Those rooms are where this process's viewers count again after its lease had run out,
        and where a process that has just been found dead had viewers.
        """
        now, previous, flat = self._beat(
            keys=[self._processes_key()], args=[self.process, self.ttl, KEY_TTL]
        )
        now = float(now)
        with self.lock:
            mine = [
                (room, sid, e) for sid, rooms in self.local.items() for room, e in rooms.items()
            ]
            lapsed = not previous or float(previous) <= now
            if not previous:
                # Redis lost our entries (a restart, or deleted after a stall): write them again,
                # keeping any still there as they are (another process may have updated them).
                self._write(mine, only_missing=True)
            elif time.monotonic() - self._touched >= TOUCH_EVERY:
                self._touch(mine)
        announce = {room for room, _sid, _e in mine} if lapsed else set()
        leases = dict(zip(flat[::2], (float(v) for v in flat[1::2]), strict=True))
        for process, lease in leases.items():
            if process == self.process:
                continue
            if lease > now:
                self.mourned.discard(process)
                continue
            rooms_key = self._process_rooms_key(process)
            if process not in self.mourned:
                self.mourned.add(process)
                announce |= {int(r) for r in self.redis.smembers(rooms_key)}
            if lease + self.grace <= now:
                rooms = [int(r) for r in self.redis.smembers(rooms_key)]
                keys = [self._processes_key(), rooms_key, *(self._room_key(r) for r in rooms)]
                if self._collect(keys=keys, args=[process, self.grace]):
                    self.mourned.discard(process)
        return sorted(announce)

    def keys(self) -> list[str]:
        """Every Redis key of this installation's presence (for tests and operators)."""
        return sorted(self.redis.scan_iter(match=f'{self.prefix}:*', count=1000))
