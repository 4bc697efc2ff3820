"""Presence stores for tests: in memory, or in the real Redis of ``FORUM_TEST_REDIS_URL``.

Each Redis store of a test gets a prefix of its own, and every key under it is deleted at the end.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from forum.realtime.presence_store import MemoryPresence, RedisPresence

KINDS = ('memory', 'redis')


def redis_url() -> str:
    """The test Redis, or skip."""
    url = os.environ.get('FORUM_TEST_REDIS_URL')
    if not url:
        pytest.skip('FORUM_TEST_REDIS_URL is not set: the Redis presence store needs Redis')
    return url


@contextmanager
def redis_stores(prefix: str | None = None) -> Iterator:
    """Yield ``make(**kwargs)``: Redis stores (one per simulated process) sharing one prefix."""
    prefix = prefix or f'test-presence-{secrets.token_hex(6)}'
    made: list[RedisPresence] = []

    def make(**kwargs) -> RedisPresence:
        made.append(RedisPresence.from_url(redis_url(), prefix, **kwargs))
        return made[-1]

    try:
        yield make
    finally:
        if made:
            keys = made[0].keys()
            if keys:
                made[0].redis.delete(*keys)
        for store in made:
            store.redis.close()


@contextmanager
def store_of(kind: str) -> Iterator[MemoryPresence | RedisPresence]:
    """One store of ``kind`` (``memory`` or ``redis``)."""
    if kind == 'memory':
        yield MemoryPresence()
        return
    with redis_stores() as make:
        yield make()
