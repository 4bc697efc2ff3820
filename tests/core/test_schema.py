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


def _inspected(db):
    from sqlalchemy import inspect

    return inspect(_db.engine)


def test_migrated_database_checks_enumerated_columns(db):
    """The migrated database (not only the models) holds a CHECK on every enumerated column."""
    inspector = _inspected(db)
    for table, column in (
        ('users', 'role'),
        ('commitments', 'state'),
        ('naps', 'state'),
        ('milestones', 'status'),
        ('comments', 'stance'),
        ('memberships', 'seat_role'),
    ):
        names = {c['name'] for c in inspector.get_check_constraints(table)}
        assert f'ck_{table}_{column}' in names, table


def test_migrated_database_has_no_index_repeating_a_unique_prefix(db):
    inspector = _inspected(db)
    assert 'ix_commitments_nap_id' not in {i['name'] for i in inspector.get_indexes('commitments')}
    assert 'ix_memberships_user_id' not in {i['name'] for i in inspector.get_indexes('memberships')}


def test_the_database_refuses_a_role_outside_the_enum(db):
    """A raw UPDATE, past the ORM, to a role outside the enum fails on the CHECK."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from forum.auth.models import User
    from forum.sectors.models import Sector

    user = User(
        email='x@example.org',
        display_name='X',
        password_hash='x',
        sector_id=_db.session.scalars(_db.select(Sector.id)).first(),
    )
    _db.session.add(user)
    _db.session.commit()
    with pytest.raises(IntegrityError, match='ck_users_role'), _db.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'king' WHERE id = :id"), {'id': user.id})


def test_last_migration_downgrades_and_upgrades_again(app):
    """Downgrade -1, then upgrade head on this backend; the schema then matches the models again."""
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        _db.session.remove()
        downgrade(directory=app.config['MIGRATIONS_DIR'], revision='-1')
        names = {c['name'] for c in _inspected(None).get_check_constraints('users')}
        assert 'ck_users_role' not in names
        upgrade(directory=app.config['MIGRATIONS_DIR'])
        with _db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={'compare_type': True})
            assert compare_metadata(context, _db.metadata) == []
