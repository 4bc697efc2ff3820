"""enumerated columns checked by the database; two indexes that repeated a unique prefix dropped

CHECK constraints on ``users.role``, ``commitments.state``, ``naps.state``,
``milestones.status``, ``comments.stance`` and ``memberships.seat_role`` (``forum.core.enums``).
Rows holding a value outside the enum first get the column's default. ``ix_commitments_nap_id``
and ``ix_memberships_user_id`` go: ``uq_commitments_nap_number`` and ``uq_memberships_user_term``
start with the same column and serve the same lookups.

Revision ID: c0de13a00006
Revises: c0de12a00005
Create Date: 2026-12-02 21:45:00

"""

from alembic import op
from sqlalchemy import text

from forum.core.enums import enum_check_sql

# revision identifiers, used by Alembic.
revision = 'c0de13a00006'
down_revision = 'c0de12a00005'
branch_labels = None
depends_on = None

#: table, column, allowed values (as of this revision), default for rows outside them.
CHECKS = (
    ('users', 'role', ('admin', 'secretariat', 'participant'), 'participant'),
    (
        'commitments',
        'state',
        ('draft', 'msf_review', 'endorsed', 'consultation', 'final', 'withdrawn'),
        'draft',
    ),
    (
        'naps',
        'state',
        (
            'planning',
            'drafting',
            'consultation',
            'endorsed',
            'submitted_cabinet',
            'submitted_ogp',
            'implementing',
            'closed',
        ),
        'planning',
    ),
    ('milestones', 'status', ('not_started', 'in_progress', 'complete', 'delayed'), 'not_started'),
    ('comments', 'stance', ('support', 'concern', 'question', 'proposal', ''), ''),
    (
        'memberships',
        'seat_role',
        ('chair', 'co_chair', 'member', 'alternate', 'observer'),
        'member',
    ),
)


def _references(on: bool) -> None:
    """SQLite only: switch foreign keys around batch mode's table copy, and make sure they are off.

    Batch mode recreates ``comments`` (copy, drop, rename); with foreign keys on, dropping the old
    table deletes every row that refers to it with ON DELETE CASCADE (``comment_versions``). The
    pragma is a no-op inside a transaction, hence the autocommit block.
    """
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.get_context().autocommit_block():
        op.execute(f'PRAGMA foreign_keys={"ON" if on else "OFF"}')
    if not on and op.get_bind().exec_driver_sql('PRAGMA foreign_keys').scalar():
        raise RuntimeError('SQLite foreign keys still on: recreating a table would empty others')


def _check_references() -> None:
    """SQLite only: fail (rolling back) if the recreated table broke a reference."""
    if op.get_bind().dialect.name == 'sqlite':
        broken = op.get_bind().exec_driver_sql('PRAGMA foreign_key_check').all()
        if broken:
            raise RuntimeError(f'foreign keys broken: {broken[:5]}')


def upgrade():
    _references(False)
    for table, column, values, default in CHECKS:
        allowed = ', '.join(f"'{v}'" for v in values)
        op.execute(
            text(
                f'UPDATE {table} SET {column} = :default'
                f' WHERE {column} IS NULL OR {column} NOT IN ({allowed})'
            ).bindparams(default=default)
        )
        with op.batch_alter_table(table) as batch:
            # Named by the convention: ck_<table>_<column>.
            batch.create_check_constraint(column, text(enum_check_sql(column, values)))
    with op.batch_alter_table('commitments') as batch:
        batch.drop_index('ix_commitments_nap_id')
    with op.batch_alter_table('memberships') as batch:
        batch.drop_index('ix_memberships_user_id')
    _check_references()
    _references(True)


def downgrade():
    _references(False)
    with op.batch_alter_table('memberships') as batch:
        batch.create_index('ix_memberships_user_id', ['user_id'], unique=False)
    with op.batch_alter_table('commitments') as batch:
        batch.create_index('ix_commitments_nap_id', ['nap_id'], unique=False)
    for table, column, _values, _default in reversed(CHECKS):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(column, type_='check')  # ck_<table>_<column>
    _check_references()
    _references(True)
