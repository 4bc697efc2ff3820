"""users: a session version, so that logging out ends every copy of a session

Every session carries the account's ``session_version``; logging out and changing the password
raise it, so a cookie copied before no longer authenticates (HTTP or socket).

Revision ID: a1f0c0de0001
Revises: 3c9e1d7a5b20
Create Date: 2026-12-02 07:40:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1f0c0de0001'
down_revision = '3c9e1d7a5b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_version', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
