from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from forum.extensions import db as _db


def test_migrations_match_the_models(db):
    """The migrated schema has every table, column and constraint the models declare."""
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={'compare_type': True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_constraint_names_follow_the_convention(db):
    names = {c.name for table in _db.metadata.sorted_tables for c in table.constraints if c.name}
    assert 'pk_users' in names
    assert 'uq_users_email' in names
    assert 'fk_memberships_user_id_users' in names
    assert 'ck_memberships_term_order' in names
