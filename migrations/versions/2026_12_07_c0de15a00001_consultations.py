"""consultation rounds, their inputs, themes and reasoned responses; participants' consent

Issue 15. ``consultation_rounds`` (a round on a plan: schedule, channels, scope, state, the input
counter), ``consultation_round_commitments`` (the commitments of a round that does not cover
all), ``consultation_participants`` (registration for consultation and consent to the notice),
``consultation_responses`` with ``consultation_response_revisions`` (the revisions that carry a
response), ``consultation_themes`` and ``consultation_inputs`` (an input's part named as comments name
theirs since c0de13a00007: ``anchor`` plus ``milestone_id``). Enumerated columns are checked by
the database with the values of this revision.

Revision ID: c0de15a00001
Revises: c0de13a00007
Create Date: 2026-12-07 02:24:29

"""

import sqlalchemy as sa
from alembic import op

from forum.core.enums import enum_check_sql

# revision identifiers, used by Alembic.
revision = 'c0de15a00001'
down_revision = 'c0de13a00007'
branch_labels = None
depends_on = None

ROUND_STATES = ('draft', 'announced', 'open', 'closed', 'published')
CHANNELS = ('online', 'meeting', 'written', 'other')
INPUT_STATUSES = ('active', 'withdrawn', 'hidden')
DISPOSITIONS = (
    'adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'out_of_scope', 'deferred',
)  # fmt: skip


def _utc(name, nullable=False):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _enum(table, column, values):
    return sa.CheckConstraint(enum_check_sql(column, values), name=op.f(f'ck_{table}_{column}'))


def upgrade():
    op.create_table(
        'consultation_participants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('sector_id', sa.Integer(), nullable=False),
        sa.Column('organisation', sa.String(length=255), nullable=False),
        sa.Column('province', sa.String(length=6), nullable=True),
        sa.Column('notice_version', sa.String(length=20), nullable=False),
        _utc('consented_dt'),
        _utc('created_dt'),
        sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_consultation_participants_sector_id_sectors')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consultation_participants_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_participants')),
        sa.UniqueConstraint('user_id', name=op.f('uq_consultation_participants_user_id')),
    )
    op.create_table(
        'consultation_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('nap_id', sa.Integer(), nullable=False),
        sa.Column('title_th', sa.String(length=300), nullable=False),
        sa.Column('title_en', sa.String(length=300), nullable=False),
        sa.Column('description_th', sa.Text(), nullable=False),
        sa.Column('description_en', sa.Text(), nullable=False),
        sa.Column('announce_on', sa.Date(), nullable=False),
        _utc('opens_at'),
        _utc('closes_at'),
        sa.Column('channels', sa.JSON(), nullable=False),
        sa.Column('covers_all', sa.Boolean(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('short_reason', sa.Text(), nullable=True),
        _utc('announced_dt', nullable=True),
        _utc('opened_dt', nullable=True),
        _utc('closed_dt', nullable=True),
        _utc('published_dt', nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('input_seq', sa.Integer(), server_default='0', nullable=False),
        _utc('created_dt'),
        sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_consultation_rounds_schedule')),
        sa.CheckConstraint('input_seq >= 0', name=op.f('ck_consultation_rounds_input_seq')),
        _enum('consultation_rounds', 'state', ROUND_STATES),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_consultation_rounds_created_by_id_users')),
        sa.ForeignKeyConstraint(['nap_id'], ['naps.id'], name=op.f('fk_consultation_rounds_nap_id_naps')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_rounds')),
        sa.UniqueConstraint('number', name=op.f('uq_consultation_rounds_number')),
    )
    op.create_index(op.f('ix_consultation_rounds_nap_id'), 'consultation_rounds', ['nap_id'])
    op.create_table(
        'consultation_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('disposition', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        _utc('decided_dt'),
        _enum('consultation_responses', 'disposition', DISPOSITIONS),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_consultation_responses_decided_by_id_users')),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'], name=op.f('fk_consultation_responses_round_id_consultation_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_responses')),
    )
    op.create_index(
        op.f('ix_consultation_responses_round_id'), 'consultation_responses', ['round_id']
    )
    op.create_table(
        'consultation_round_commitments',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_consultation_round_commitments_commitment_id_commitments'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'], name=op.f('fk_consultation_round_commitments_round_id_consultation_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('round_id', 'commitment_id', name=op.f('pk_consultation_round_commitments')),
    )
    op.create_table(
        'consultation_response_revisions',
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('revision_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['consultation_responses.id'], name='fk_consultation_response_revisions_response', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['revision_id'], ['commitment_revisions.id'], name='fk_consultation_response_revisions_revision', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('response_id', 'revision_id', name=op.f('pk_consultation_response_revisions')),
    )
    op.create_table(
        'consultation_themes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('title_th', sa.String(length=300), nullable=False),
        sa.Column('title_en', sa.String(length=300), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=True),
        sa.Column('merged_into_id', sa.Integer(), nullable=True),
        _utc('created_dt'),
        sa.ForeignKeyConstraint(['merged_into_id'], ['consultation_themes.id'], name=op.f('fk_consultation_themes_merged_into_id_consultation_themes')),
        sa.ForeignKeyConstraint(['response_id'], ['consultation_responses.id'], name=op.f('fk_consultation_themes_response_id_consultation_responses'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'], name=op.f('fk_consultation_themes_round_id_consultation_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_themes')),
    )
    op.create_index(op.f('ix_consultation_themes_round_id'), 'consultation_themes', ['round_id'])
    op.create_table(
        'consultation_inputs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=True),
        sa.Column('anchor', sa.String(length=60), nullable=False),
        sa.Column('milestone_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('submitter_id', sa.Integer(), nullable=True),
        sa.Column('submitter_name', sa.String(length=200), nullable=False),
        sa.Column('organisation', sa.String(length=255), nullable=False),
        sa.Column('sector_id', sa.Integer(), nullable=False),
        sa.Column('is_secretariat', sa.Boolean(), nullable=False),
        sa.Column('province', sa.String(length=6), nullable=True),
        sa.Column('publish_name', sa.Boolean(), nullable=False),
        sa.Column('contact', sa.String(length=255), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=True),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('source_comment_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        _utc('status_dt', nullable=True),
        sa.Column('hidden_reason', sa.Text(), nullable=True),
        sa.Column('theme_id', sa.Integer(), nullable=True),
        sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
        sa.Column('response_id', sa.Integer(), nullable=True),
        _utc('created_dt'),
        _enum('consultation_inputs', 'channel', CHANNELS),
        sa.CheckConstraint(
            "milestone_id IS NULL OR anchor = 'milestone'",
            name=op.f('ck_consultation_inputs_milestone_id'),
        ),
        sa.CheckConstraint("anchor NOT LIKE '%:%'", name=op.f('ck_consultation_inputs_anchor')),
        _enum('consultation_inputs', 'status', INPUT_STATUSES),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_consultation_inputs_commitment_id_commitments')),
        sa.ForeignKeyConstraint(['duplicate_of_id'], ['consultation_inputs.id'], name=op.f('fk_consultation_inputs_duplicate_of_id_consultation_inputs')),
        sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_consultation_inputs_milestone_id_milestones'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_consultation_inputs_recorded_by_id_users')),
        sa.ForeignKeyConstraint(['response_id'], ['consultation_responses.id'], name=op.f('fk_consultation_inputs_response_id_consultation_responses'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_rounds.id'], name=op.f('fk_consultation_inputs_round_id_consultation_rounds'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_consultation_inputs_sector_id_sectors')),
        sa.ForeignKeyConstraint(['source_comment_id'], ['comments.id'], name=op.f('fk_consultation_inputs_source_comment_id_comments'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['submitter_id'], ['users.id'], name=op.f('fk_consultation_inputs_submitter_id_users')),
        sa.ForeignKeyConstraint(['theme_id'], ['consultation_themes.id'], name=op.f('fk_consultation_inputs_theme_id_consultation_themes'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_inputs')),
        sa.UniqueConstraint('round_id', 'seq', name='uq_consultation_inputs_round_seq'),
        sa.UniqueConstraint('round_id', 'source_comment_id', name='uq_consultation_inputs_round_comment'),
        sa.UniqueConstraint('submitter_id', 'client_id', name='uq_consultation_inputs_submitter_client'),
    )
    op.create_index(op.f('ix_consultation_inputs_theme_id'), 'consultation_inputs', ['theme_id'])


def downgrade():
    op.drop_index(op.f('ix_consultation_inputs_theme_id'), table_name='consultation_inputs')
    op.drop_table('consultation_inputs')
    op.drop_index(op.f('ix_consultation_themes_round_id'), table_name='consultation_themes')
    op.drop_table('consultation_themes')
    op.drop_table('consultation_response_revisions')
    op.drop_table('consultation_round_commitments')
    op.drop_index(op.f('ix_consultation_responses_round_id'), table_name='consultation_responses')
    op.drop_table('consultation_responses')
    op.drop_index(op.f('ix_consultation_rounds_nap_id'), table_name='consultation_rounds')
    op.drop_table('consultation_rounds')
    op.drop_table('consultation_participants')
