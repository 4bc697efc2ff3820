"""moderation in the open: moderators, flags, the public log, appeals, blocks, the balanced floor;
the audit log made append-only

Issue 14, part B. ``moderators`` (people the secretariat designated), ``comment_flags`` (one per
person and comment), ``moderation_actions`` (the public moderation log: what, when, which
comment, the reason code, the sector the moderator acted for), ``moderation_appeals`` (one per
hiding), ``comment_blocks`` (blocked from commenting until a date, with a justification),
``balanced_floors`` (per commitment). Triggers make ``audit_entries`` append-only on SQLite and
PostgreSQL (UPDATE and DELETE refused). Enumerated columns are checked with this revision's values.

Revision ID: c0de14b00001
Revises: c0de14a00001
Create Date: 2026-12-07 04:36:21

"""

import sqlalchemy as sa
from alembic import op

from forum.core.enums import enum_check_sql

# revision identifiers, used by Alembic.
revision = 'c0de14b00001'
down_revision = 'c0de14a00001'
branch_labels = None
depends_on = None

REASONS = ('spam', 'offensive', 'personal_data', 'off_topic')
KINDS = (
    'hidden', 'restored', 'appeal_upheld', 'appeal_granted', 'blocked', 'floor_on', 'floor_off',
)  # fmt: skip
APPEAL_STATES = ('pending', 'upheld', 'granted')
_MESSAGE = 'audit_entries is append-only'
#: The statements of forum.core.audit.APPEND_ONLY_SQL as of this revision.
TRIGGERS = {
    'sqlite': [
        'CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
        'CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    ],
    'postgresql': [
        'CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS '
        f"$$ BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $$",
        'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries '
        'FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()',
    ],
}
DROP_TRIGGERS = {
    'sqlite': [
        'DROP TRIGGER IF EXISTS audit_entries_no_update',
        'DROP TRIGGER IF EXISTS audit_entries_no_delete',
    ],
    'postgresql': [
        'DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries',
        'DROP FUNCTION IF EXISTS audit_entries_append_only()',
    ],
}


def _enum(table, column, values, allow_empty=False):
    return sa.CheckConstraint(
        enum_check_sql(column, values, allow_empty=allow_empty), name=op.f(f'ck_{table}_{column}')
    )


def upgrade():
    op.create_table(
        'comment_blocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('moderator_id', sa.Integer(), nullable=False),
        sa.Column('justification', sa.Text(), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends_dt', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('ends_dt > created_dt', name=op.f('ck_comment_blocks_ends_after_start')),
        sa.ForeignKeyConstraint(
            ['moderator_id'], ['users.id'], name=op.f('fk_comment_blocks_moderator_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['users.id'],
            name=op.f('fk_comment_blocks_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_blocks')),
    )
    with op.batch_alter_table('comment_blocks', schema=None) as batch_op:
        batch_op.create_index(
            'ix_comment_blocks_user_id_ends_dt', ['user_id', 'ends_dt'], unique=False
        )

    op.create_table(
        'moderators',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('designated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['designated_by_id'], ['users.id'], name=op.f('fk_moderators_designated_by_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_moderators_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_moderators')),
    )
    op.create_table(
        'balanced_floors',
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.Column('is_on', sa.Boolean(), nullable=False),
        sa.Column('share_percent', sa.Integer(), nullable=False),
        sa.Column('last_n', sa.Integer(), nullable=False),
        sa.Column('wait_minutes', sa.Integer(), nullable=False),
        sa.Column('modified_dt', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('last_n BETWEEN 2 AND 500', name=op.f('ck_balanced_floors_last_n')),
        sa.CheckConstraint(
            'share_percent BETWEEN 1 AND 99', name=op.f('ck_balanced_floors_share_percent')
        ),
        sa.CheckConstraint(
            'wait_minutes BETWEEN 1 AND 1440', name=op.f('ck_balanced_floors_wait_minutes')
        ),
        sa.ForeignKeyConstraint(
            ['commitment_id'],
            ['commitments.id'],
            name=op.f('fk_balanced_floors_commitment_id_commitments'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('commitment_id', name=op.f('pk_balanced_floors')),
    )
    op.create_table(
        'comment_flags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('handled_dt', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['comment_id'],
            ['comments.id'],
            name=op.f('fk_comment_flags_comment_id_comments'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['users.id'],
            name=op.f('fk_comment_flags_user_id_users'),
            ondelete='CASCADE',
        ),
        _enum('comment_flags', 'reason', REASONS),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_flags')),
        sa.UniqueConstraint('comment_id', 'user_id', name='uq_comment_flags_comment_user'),
    )
    with op.batch_alter_table('comment_flags', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_comment_flags_comment_id'), ['comment_id'], unique=False
        )

    op.create_table(
        'moderation_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=True),
        sa.Column('commitment_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('moderator_id', sa.Integer(), nullable=False),
        sa.Column('sector_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['comment_id'],
            ['comments.id'],
            name=op.f('fk_moderation_actions_comment_id_comments'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['commitment_id'],
            ['commitments.id'],
            name=op.f('fk_moderation_actions_commitment_id_commitments'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['moderator_id'], ['users.id'], name=op.f('fk_moderation_actions_moderator_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['sector_id'], ['sectors.id'], name=op.f('fk_moderation_actions_sector_id_sectors')
        ),
        _enum('moderation_actions', 'kind', KINDS),
        _enum('moderation_actions', 'reason', REASONS, allow_empty=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_actions')),
    )
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_moderation_actions_comment_id'), ['comment_id'], unique=False
        )
        batch_op.create_index('ix_moderation_actions_created_dt', ['created_dt'], unique=False)

    op.create_table(
        'moderation_appeals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('decided_dt', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decision_note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['action_id'],
            ['moderation_actions.id'],
            name=op.f('fk_moderation_appeals_action_id_moderation_actions'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['author_id'], ['users.id'], name=op.f('fk_moderation_appeals_author_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['comment_id'],
            ['comments.id'],
            name=op.f('fk_moderation_appeals_comment_id_comments'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['decided_by_id'], ['users.id'], name=op.f('fk_moderation_appeals_decided_by_id_users')
        ),
        _enum('moderation_appeals', 'state', APPEAL_STATES),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_appeals')),
        sa.UniqueConstraint('action_id', name=op.f('uq_moderation_appeals_action_id')),
    )
    with op.batch_alter_table('moderation_appeals', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_moderation_appeals_comment_id'), ['comment_id'], unique=False
        )

    for statement in TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade():
    for statement in DROP_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)
    with op.batch_alter_table('moderation_appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_appeals_comment_id'))

    op.drop_table('moderation_appeals')
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_actions_created_dt')
        batch_op.drop_index(batch_op.f('ix_moderation_actions_comment_id'))

    op.drop_table('moderation_actions')
    with op.batch_alter_table('comment_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_flags_comment_id'))

    op.drop_table('comment_flags')
    op.drop_table('balanced_floors')
    op.drop_table('moderators')
    with op.batch_alter_table('comment_blocks', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_blocks_user_id_ends_dt')

    op.drop_table('comment_blocks')
