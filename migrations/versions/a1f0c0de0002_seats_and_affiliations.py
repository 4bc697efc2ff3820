"""users: member rights follow the seat; affiliations are verified by the secretariat

- ``member`` is no longer a role: member rights come from a seat held today. Every account whose
  role was ``member`` becomes a ``participant``, so nobody keeps rights without a seat.
- ``affiliation_verified_dt`` / ``affiliation_verified_by_id``: a self-declared organisation is
  shown as unverified until the secretariat confirms it. Accounts already trusted are marked
  verified: staff, and people who were given a seat (the secretariat chose their organisation).

Revision ID: a1f0c0de0002
Revises: a1f0c0de0001
Create Date: 2026-12-02 08:00:00

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1f0c0de0002'
down_revision = 'a1f0c0de0001'
branch_labels = None
depends_on = None


def _references_off():
    """On SQLite, recreating ``users`` (batch mode) drops the table that seats and comments refer
    to: turn reference checks off meanwhile (outside a transaction, as DDL runs here)."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA foreign_keys=OFF')


def _references_on():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA foreign_keys=ON')


def upgrade():
    _references_off()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('affiliation_verified_dt', sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column('affiliation_verified_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_users_affiliation_verified_by_id_users',
            'users',
            ['affiliation_verified_by_id'],
            ['id'],
        )
    _references_on()
    op.execute("UPDATE users SET role = 'participant' WHERE role = 'member'")
    op.execute(
        'UPDATE users SET affiliation_verified_dt = CURRENT_TIMESTAMP '
        "WHERE role IN ('admin', 'secretariat') "
        'OR id IN (SELECT user_id FROM memberships)'
    )


def downgrade():
    _references_off()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('fk_users_affiliation_verified_by_id_users', type_='foreignkey')
        batch_op.drop_column('affiliation_verified_by_id')
        batch_op.drop_column('affiliation_verified_dt')
    _references_on()
    op.execute(
        "UPDATE users SET role = 'member' WHERE role = 'participant' "
        'AND id IN (SELECT user_id FROM memberships)'
    )
