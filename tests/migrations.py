"""Helpers for migration tests: an empty database of its own, and rows as the schema stood."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text

from tests import pgtools
from tests.pgtools import scratch_database


@contextlib.contextmanager
def empty_database(backend: str, tmp_path) -> Iterator[str]:
    """An empty database of its own: a SQLite file, or a new PostgreSQL database (dropped).

    Skips the test on PostgreSQL when ``FORUM_TEST_DATABASE_URL`` names no server.
    """
    if backend == 'sqlite':
        yield f'sqlite:///{tmp_path / "m.sqlite3"}'
        return
    server = pgtools.server_url()
    if not server:
        pytest.skip('FORUM_TEST_DATABASE_URL is not set')
    with scratch_database(server, 'forum_mig') as url:
        yield url


def insert_row(conn, table: str, **given) -> None:
    """Insert a row into ``table`` as the schema stood, every other required column filled."""
    values = dict(given)
    for column in inspect(conn).get_columns(table):
        if column['name'] in values or column['nullable'] or column.get('default') is not None:
            continue
        kind = column['type'].python_type
        values[column['name']] = {
            str: '', bool: False, int: 0, date: date(2026, 1, 1),
            datetime: datetime(2026, 1, 1, tzinfo=UTC),
        }[kind]  # fmt: skip
    names = ', '.join(values)
    marks = ', '.join(f':{name}' for name in values)
    conn.execute(text(f'INSERT INTO {table} ({names}) VALUES ({marks})'), values)
