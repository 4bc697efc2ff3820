"""comments: the milestone a comment is about, by foreign key

``comments.milestone_id`` (nullable, to ``milestones``, ON DELETE SET NULL) replaces the text
``milestone:<id>`` in ``comments.anchor``, which becomes ``milestone``. Existing comments whose
milestone still exists (on their commitment) get its id; those whose milestone was deleted keep
``anchor = 'milestone'`` with no id: "a milestone since removed". Two CHECKs: only a comment about
a milestone names one (``ck_comments_milestone_id``), and no anchor holds an id as text
(``ck_comments_anchor``). ``ix_comments_commitment_id_anchor`` gains ``milestone_id`` (the part
counts and part windows, forum/comments/window.py); ``ix_comments_milestone_id`` (partial: only
comments about a milestone) serves the foreign key when a milestone is deleted.

The downgrade writes ``milestone:<id>`` back; comments about a milestone since removed keep
``milestone`` (their id is gone), so upgrading again gives the same rows.

On SQLite, batch mode copies ``comments`` into a new table and drops the old one; with foreign
keys on, that drop would delete every ``comment_versions`` row (ON DELETE CASCADE). Foreign keys
are switched off outside the transaction first, and the upgrade stops if they are still on.

Revision ID: c0de13a00007
Revises: c0de13a00006
Create Date: 2026-12-07 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c0de13a00007'
down_revision = 'c0de13a00006'
branch_labels = None
depends_on = None

ANCHOR_INDEX = 'ix_comments_commitment_id_anchor'
OLD_ANCHOR_COLUMNS = ['commitment_id', 'anchor', 'parent_id', 'id', 'is_deleted']
NEW_ANCHOR_COLUMNS = ['commitment_id', 'anchor', 'milestone_id', 'parent_id', 'id', 'is_deleted']
ABOUT_A_MILESTONE = sa.text('milestone_id IS NOT NULL')


def _sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'


def _foreign_keys(on: bool) -> None:
    """SQLite only: switch foreign keys (a no-op inside a transaction, hence the block)."""
    if not _sqlite():
        return
    with op.get_context().autocommit_block():
        op.execute(f'PRAGMA foreign_keys={"ON" if on else "OFF"}')
    if not on and op.get_bind().exec_driver_sql('PRAGMA foreign_keys').scalar():
        raise RuntimeError('SQLite foreign keys still on: recreating comments would empty comment_versions')


def _check_references() -> None:
    """SQLite only: fail (rolling back) if the recreated table broke a reference."""
    if _sqlite():
        broken = op.get_bind().exec_driver_sql('PRAGMA foreign_key_check').all()
        if broken:
            raise RuntimeError(f'foreign keys broken: {broken[:5]}')


def upgrade():
    _foreign_keys(False)
    op.add_column('comments', sa.Column('milestone_id', sa.Integer(), nullable=True))
    # Only the milestone written in the anchor, and only on the comment's own commitment (the
    # services never stored another); the rest are about a milestone since removed.
    op.execute(
        'UPDATE comments SET milestone_id = ('
        ' SELECT m.id FROM milestones m'
        ' WHERE m.commitment_id = comments.commitment_id'
        " AND 'milestone:' || m.id = comments.anchor)"
        " WHERE anchor LIKE 'milestone:%'"
    )
    op.execute("UPDATE comments SET anchor = 'milestone' WHERE anchor LIKE 'milestone:%'")
    op.drop_index(ANCHOR_INDEX, table_name='comments')
    with op.batch_alter_table('comments') as batch:
        batch.create_foreign_key(
            'fk_comments_milestone_id_milestones',
            'milestones',
            ['milestone_id'],
            ['id'],
            ondelete='SET NULL',
        )
        batch.create_check_constraint(
            'milestone_id', sa.text("milestone_id IS NULL OR anchor = 'milestone'")
        )
        batch.create_check_constraint('anchor', sa.text("anchor NOT LIKE '%:%'"))
    op.create_index(ANCHOR_INDEX, 'comments', NEW_ANCHOR_COLUMNS)
    op.create_index(
        'ix_comments_milestone_id',
        'comments',
        ['milestone_id'],
        postgresql_where=ABOUT_A_MILESTONE,
        sqlite_where=ABOUT_A_MILESTONE,
    )
    _check_references()
    _foreign_keys(True)


def downgrade():
    _foreign_keys(False)
    op.drop_index('ix_comments_milestone_id', table_name='comments')
    op.drop_index(ANCHOR_INDEX, table_name='comments')
    with op.batch_alter_table('comments') as batch:
        batch.drop_constraint('anchor', type_='check')  # ck_comments_anchor
        batch.drop_constraint('milestone_id', type_='check')  # ck_comments_milestone_id
        batch.drop_constraint('fk_comments_milestone_id_milestones', type_='foreignkey')
    op.execute(
        "UPDATE comments SET anchor = 'milestone:' || milestone_id WHERE milestone_id IS NOT NULL"
    )
    # Nothing refers to the column any more: SQLite drops it in place.
    op.drop_column('comments', 'milestone_id')
    op.create_index(ANCHOR_INDEX, 'comments', OLD_ANCHOR_COLUMNS)
    _check_references()
    _foreign_keys(True)
