"""comments: index the author's recent comments for the rate limit

The rate limit counts a person's comments of the last minute; with an index on the author
alone that read every comment they ever wrote. (author_id, created_dt) answers it directly and
serves lookups by author as well, so it replaces the author-only index.

Revision ID: 3c9e1d7a5b20
Revises: fad18645b3c2
Create Date: 2026-11-26 01:55:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3c9e1d7a5b20'
down_revision = 'fad18645b3c2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(
            'ix_comments_author_id_created_dt', ['author_id', 'created_dt'], unique=False
        )
        batch_op.drop_index('ix_comments_author_id')


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_author_id', ['author_id'], unique=False)
        batch_op.drop_index('ix_comments_author_id_created_dt')
