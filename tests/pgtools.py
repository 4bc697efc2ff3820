"""PostgreSQL databases of the suite's own: created with a unique name, dropped afterwards.

``FORUM_TEST_DATABASE_URL`` names a *server* (and a database to connect to for administration);
the suite never changes that database itself: every test run, harness or migration test creates
a database of its own there and drops it at the end, so two runs on one server do not meet.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def server_url() -> str | None:
    """The configured PostgreSQL server as a plain ``postgresql://`` URL, or None."""
    url = os.environ.get('FORUM_TEST_DATABASE_URL')
    if not url:
        return None
    scheme, rest = url.split('://', 1)
    if not scheme.startswith('postgresql'):
        raise ValueError(f'FORUM_TEST_DATABASE_URL is not PostgreSQL: {url}')
    return f'postgresql://{rest}'


@contextmanager
def scratch_database(server: str, prefix: str) -> Iterator[str]:
    """Create ``<prefix>_<random>`` on ``server``, yield its URL, drop it (and its sessions)."""
    import psycopg
    from psycopg import sql

    name = f'{prefix}_{secrets.token_hex(6)}'
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                sql.Identifier(name)
            )
        )
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f'/{name}'))
    finally:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
            admin.execute(
                sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name))
            )
