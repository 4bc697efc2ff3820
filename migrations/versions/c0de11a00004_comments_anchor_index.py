"""comments: index a commitment's comments by part, for the page's part counts and part windows

``ix_comments_commitment_id_anchor`` (commitment_id, anchor, parent_id, id, is_deleted): the
per-part counts (one GROUP BY anchor) read only this index instead of every comment's row, and a
part's latest threads (``?about=``) are one range of it in id order (forum/comments/window.py).

Revision ID: c0de11a00004
Revises: b2c0ffee0003
Create Date: 2026-12-02 14:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = 'c0de11a00004'
down_revision = 'b2c0ffee0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_comments_commitment_id_anchor',
        'comments',
        ['commitment_id', 'anchor', 'parent_id', 'id', 'is_deleted'],
    )


def downgrade():
    op.drop_index('ix_comments_commitment_id_anchor', table_name='comments')
