"""comments: a per-commitment sequence in commit order, and the window's index

- ``commitments.comment_seq``: the last comment sequence number given out on the commitment.
- ``comments.seq``: the number of each comment's latest change; existing comments are numbered
  1, 2, … in id order per commitment, and each commitment's counter is set to its count.
- ``ix_comments_commitment_id_seq``: what changed after a socket's cursor.
- ``ix_comments_commitment_id_parent_id_id``: a commitment's latest threads, then their replies
  (forum/comments/window.py).

Revision ID: b2c0ffee0003
Revises: a1f0c0de0002
Create Date: 2026-12-02 13:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b2c0ffee0003'
down_revision = 'a1f0c0de0002'
branch_labels = None
depends_on = None


def _references(on: bool):
    """On SQLite, batch mode may recreate a table that others refer to: no checks meanwhile."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'PRAGMA foreign_keys={"ON" if on else "OFF"}')


def upgrade():
    _references(False)
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('comment_seq', sa.Integer(), nullable=False, server_default='0')
        )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=False, server_default='0'))
    _references(True)
    # Both PostgreSQL and SQLite (3.33+) have UPDATE … FROM and window functions.
    op.execute(
        'UPDATE comments SET seq = numbered.n FROM ('
        'SELECT id, row_number() OVER (PARTITION BY commitment_id ORDER BY id) AS n '
        'FROM comments) AS numbered WHERE comments.id = numbered.id'
    )
    op.execute(
        'UPDATE commitments SET comment_seq = '
        '(SELECT count(*) FROM comments WHERE comments.commitment_id = commitments.id)'
    )
    op.create_index('ix_comments_commitment_id_seq', 'comments', ['commitment_id', 'seq'])
    op.create_index(
        'ix_comments_commitment_id_parent_id_id', 'comments', ['commitment_id', 'parent_id', 'id']
    )


def downgrade():
    op.drop_index('ix_comments_commitment_id_parent_id_id', table_name='comments')
    op.drop_index('ix_comments_commitment_id_seq', table_name='comments')
    _references(False)
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('seq')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_column('comment_seq')
    _references(True)
