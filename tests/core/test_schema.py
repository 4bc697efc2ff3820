import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, UniqueConstraint

from forum.extensions import db as _db


def test_migrations_match_the_models(db):
    """The migrated schema has every table, column and constraint the models declare."""
    with _db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={'compare_type': True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def _declared(table) -> dict:
    """The names the models give a table's keys, checks and indexes (by the naming convention)."""
    checks = [c for c in table.constraints if isinstance(c, CheckConstraint)]
    checks += [c for column in table.columns for c in column.constraints]
    return {
        'pk': table.primary_key.name,
        'unique': {
            c.name: tuple(col.name for col in c.columns)
            for c in table.constraints
            if isinstance(c, UniqueConstraint)
        },
        'foreign': {
            c.name: (tuple(c.column_keys), c.referred_table.name)
            for c in table.foreign_key_constraints
        },
        'check': {c.name for c in checks},
        'indexes': {i.name: tuple(c.name for c in i.columns) for i in table.indexes},
    }


def _migrated(inspector, table: str) -> dict:
    """The same, as the migrated database holds them."""
    return {
        'pk': inspector.get_pk_constraint(table)['name'],
        'unique': {
            u['name']: tuple(u['column_names']) for u in inspector.get_unique_constraints(table)
        },
        'foreign': {
            f['name']: (tuple(f['constrained_columns']), f['referred_table'])
            for f in inspector.get_foreign_keys(table)
        },
        'check': {c['name'] for c in inspector.get_check_constraints(table)},
        'indexes': {
            i['name']: tuple(i['column_names'])
            for i in inspector.get_indexes(table)
            if not i.get('duplicates_constraint')
        },
    }


def test_the_migrated_database_names_every_constraint_as_the_models_do(db):
    """Names matter to later migrations (drop_constraint by name): read them from the database."""
    inspector = _inspected(db)
    assert set(inspector.get_table_names()) - {'alembic_version'} == set(_db.metadata.tables)
    for table in _db.metadata.sorted_tables:
        assert _migrated(inspector, table.name) == _declared(table), table.name
    assert inspector.get_pk_constraint('users')['name'] == 'pk_users'
    assert {u['name'] for u in inspector.get_unique_constraints('users')} == {'uq_users_email'}
    assert 'fk_memberships_user_id_users' in {
        f['name'] for f in inspector.get_foreign_keys('memberships')
    }
    assert 'ck_memberships_term_order' in {
        c['name'] for c in inspector.get_check_constraints('memberships')
    }


def test_every_name_in_the_migrated_database_follows_the_convention(db):
    inspector = _inspected(db)
    for table in _db.metadata.tables:
        found = _migrated(inspector, table)
        assert found['pk'] == f'pk_{table}'
        for kind, prefix in (
            ('unique', 'uq'),
            ('foreign', 'fk'),
            ('check', 'ck'),
            ('indexes', 'ix'),
        ):
            for name in found[kind]:
                assert name.startswith(f'{prefix}_{table}_'), (table, name)


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


def test_migrated_database_refers_to_the_milestone_of_a_comment(db):
    """comments.milestone_id: a foreign key emptied when the milestone goes, checked, indexed."""
    inspector = _inspected(db)
    (fk,) = [
        f for f in inspector.get_foreign_keys('comments') if f['referred_table'] == 'milestones'
    ]
    assert fk['name'] == 'fk_comments_milestone_id_milestones'
    assert fk['constrained_columns'] == ['milestone_id']
    assert fk['options'].get('ondelete') == 'SET NULL'
    assert {'ck_comments_milestone_id', 'ck_comments_anchor'} <= _checks('comments')
    indexes = {i['name']: i['column_names'] for i in inspector.get_indexes('comments')}
    assert indexes['ix_comments_milestone_id'] == ['milestone_id']
    assert indexes['ix_comments_commitment_id_anchor'] == [
        'commitment_id', 'anchor', 'milestone_id', 'parent_id', 'id', 'is_deleted'
    ]  # fmt: skip


def _columns(table: str) -> set[str]:
    return {c['name'] for c in _inspected(None).get_columns(table)}


def _checks(table: str) -> set[str]:
    return {c['name'] for c in _inspected(None).get_check_constraints(table)}


@pytest.mark.parametrize(
    ('revision', 'table', 'column', 'check'),
    [
        # Down to before c0de13a00007 (and the consultations after it): the milestone a comment
        # is about, by foreign key.
        ('c0de13a00006', 'comments', 'milestone_id', 'ck_comments_anchor'),
        # Down to before the one preceding it: the CHECKs on enumerated columns.
        ('c0de12a00005', 'users', 'role', 'ck_users_role'),
    ],
    ids=['comments-milestone', 'enum-checks'],
)
def test_migrations_downgrade_and_upgrade_again(app, revision, table, column, check):
    """Downgrade, then upgrade head on this backend; the schema then matches the models again."""
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        _db.session.remove()
        downgrade(directory=app.config['MIGRATIONS_DIR'], revision=revision)
        assert check not in _checks(table)
        if column == 'milestone_id':
            assert column not in _columns(table)
        upgrade(directory=app.config['MIGRATIONS_DIR'])
        with _db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={'compare_type': True})
            assert compare_metadata(context, _db.metadata) == []
