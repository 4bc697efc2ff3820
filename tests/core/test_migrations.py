"""Every migration downgrades: step by step to the base, each step back to the schema before it.

On a database of its own per backend (a SQLite file; a scratch PostgreSQL database), holding the
demo data on the way down, as a real installation would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

from forum import create_app
from forum.extensions import db as _db
from tests import pgtools
from tests.pgtools import scratch_database

BACKENDS = ['sqlite'] + (['postgresql'] if pgtools.server_url() else [])


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path) -> Iterator[str]:
    """The URL of an empty database, not migrated: a file, or a scratch PostgreSQL database."""
    if request.param == 'sqlite':
        yield f'sqlite:///{tmp_path / "migrations.sqlite3"}'
    else:
        with scratch_database(pgtools.server_url(), 'forum_migrations') as url:
            yield url


def schema() -> dict[str, dict]:
    """What the database holds, table by table: columns, keys, checks and indexes by name."""
    inspector = inspect(_db.engine)
    names = set(inspector.get_table_names()) - {'alembic_version'}
    if not names:
        return {}
    # One query per kind for all tables (PostgreSQL would otherwise take one per table).
    kinds = {
        'columns': inspector.get_multi_columns(),
        'pk': inspector.get_multi_pk_constraint(),
        'unique': inspector.get_multi_unique_constraints(),
        'foreign': inspector.get_multi_foreign_keys(),
        'check': inspector.get_multi_check_constraints(),
        'indexes': inspector.get_multi_indexes(),
    }
    tables = {}
    for (_schema, name), columns in sorted(kinds['columns'].items()):
        if name not in names:
            continue
        pk = kinds['pk'][(_schema, name)]
        tables[name] = {
            'columns': {c['name']: (str(c['type']), c['nullable'], c['default']) for c in columns},
            'pk': (pk['name'], tuple(pk['constrained_columns'])),
            'unique': {
                u['name']: tuple(u['column_names']) for u in kinds['unique'][(_schema, name)]
            },
            'foreign': {
                f['name']: (
                    tuple(f['constrained_columns']),
                    f['referred_table'],
                    tuple(f['referred_columns']),
                )
                for f in kinds['foreign'][(_schema, name)]
            },
            'check': {c['name'] for c in kinds['check'][(_schema, name)]},
            'indexes': {
                i['name']: (tuple(i['column_names']), bool(i['unique']))
                for i in kinds['indexes'][(_schema, name)]
                if not i.get('duplicates_constraint')
            },
        }
    assert set(tables) == names
    return tables


def _matches_the_models() -> list:
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={'compare_type': True})
        return compare_metadata(context, _db.metadata)


def test_every_migration_downgrades_to_the_schema_before_it(empty_database):
    app = create_app({'SQLALCHEMY_DATABASE_URI': empty_database})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        revisions = list(reversed(list(ScriptDirectory(directory).walk_revisions())))
        assert len(revisions) >= 10
        before = [schema()]
        assert before[0] == {}
        for revision in revisions:  # base -> head, one step at a time
            upgrade(directory=directory, revision=revision.revision)
            before.append(schema())
        assert _matches_the_models() == []

        # Rows in every table a downgrade rebuilds (SQLite's batch mode copies them).
        from forum.auth.models import User
        from forum.demo.loader import load_demo
        from forum.naps.services import ensure_policy_areas
        from forum.sectors.services import ensure_default_sectors

        ensure_default_sectors()
        ensure_policy_areas()
        load_demo()
        _db.session.commit()
        assert _db.session.scalar(select(func.count(User.id))) > 10
        _db.session.remove()

        for step in reversed(range(len(revisions))):  # head -> base
            revision = revisions[step]
            downgrade(directory=directory, revision=revision.down_revision or 'base')
            assert schema() == before[step], f'downgrade of {revision.revision} ({revision.doc})'
        assert schema() == {}

        upgrade(directory=directory)
        assert schema() == before[-1]
        assert _matches_the_models() == []
        _db.engine.dispose()


def test_rows_that_refer_to_a_rebuilt_table_survive_every_migration(empty_database):
    """Rows referring to a table that SQLite's batch mode rebuilds are kept.

    Batch mode copies, drops and renames a table; with foreign keys on, dropping the old
    ``comments`` deleted every ``comment_versions`` row (ON DELETE CASCADE).
    """
    from sqlalchemy import text

    from tests.migrations import insert_row

    app = create_app({'SQLALCHEMY_DATABASE_URI': empty_database})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        upgrade(directory=directory, revision='c0de11a00004')
        with _db.engine.begin() as conn:
            insert_row(conn, 'sectors', id=1, code='civil_society', name_th='ภาคประชาสังคม')
            insert_row(conn, 'users', id=1, email='a@example.org', sector_id=1, role='participant')
            insert_row(conn, 'policy_areas', id=1, code='civic_space', position=0)
            insert_row(
                conn, 'naps', id=1, number=1, state='drafting', length_years=2,
                start_date=date(2026, 1, 1), end_date=date(2027, 12, 31),
            )  # fmt: skip
            insert_row(conn, 'commitments', id=1, nap_id=1, number=1, policy_area_id=1, version=1)
            insert_row(conn, 'comments', id=1, commitment_id=1, author_id=1, sector_id=1, seq=1)
            insert_row(conn, 'comment_versions', id=1, comment_id=1, body='ข้อความเดิม')
        _db.engine.dispose()

        def versions() -> list:
            with _db.engine.connect() as conn:
                return conn.execute(text('SELECT comment_id, body FROM comment_versions')).all()

        upgrade(directory=directory)
        assert versions() == [(1, 'ข้อความเดิม')]
        downgrade(directory=directory, revision='c0de11a00004')
        assert versions() == [(1, 'ข้อความเดิม')]
        _db.engine.dispose()
