"""balance: composition rules, decisions and votes

Issue 14, part A. ``composition_rules`` (the forum's one rule set: parity, co-chairs from both
sides, a total, since when the forum is out of balance and why) with ``sector_quotas`` (seats per
sector, minimum and maximum); ``decisions`` (an endorsement of a commitment or of a plan's draft,
by consensus or vote, with its quorum) and ``votes`` (one per member and decision, with the
sector of the seat voted from). Enumerated columns are checked with the values of this revision.

Revision ID: c0de14a00001
Revises: c0de15a00001
Create Date: 2026-12-07 04:36:36.315047

"""

import sqlalchemy as sa
from alembic import op

from forum.core.enums import enum_check_sql

# revision identifiers, used by Alembic.
revision = 'c0de14a00001'
down_revision = 'c0de15a00001'
branch_labels = None
depends_on = None

MODES = ('consensus', 'vote')
STATES = ('open', 'passed', 'failed')
CHOICES = ('approve', 'object', 'abstain')


def upgrade():
    op.create_table(
        'composition_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('parity', sa.Boolean(), nullable=False),
        sa.Column('co_chairs_both_sides', sa.Boolean(), nullable=False),
        sa.Column('max_seats_total', sa.Integer(), nullable=True),
        sa.Column('out_of_balance_since', sa.DateTime(timezone=True), nullable=True),
        sa.Column('justification', sa.Text(), nullable=False),
        sa.Column('modified_dt', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_composition_rules')),
    )
    op.create_table(
        'sector_quotas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rules_id', sa.Integer(), nullable=False),
        sa.Column('sector_id', sa.Integer(), nullable=False),
        sa.Column('min_seats', sa.Integer(), nullable=False),
        sa.Column('max_seats', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            'max_seats IS NULL OR max_seats >= 0', name=op.f('ck_sector_quotas_max_seats')
        ),
        sa.CheckConstraint('min_seats >= 0', name=op.f('ck_sector_quotas_min_seats')),
        sa.ForeignKeyConstraint(
            ['rules_id'],
            ['composition_rules.id'],
            name=op.f('fk_sector_quotas_rules_id_composition_rules'),
        ),
        sa.ForeignKeyConstraint(
            ['sector_id'], ['sectors.id'], name=op.f('fk_sector_quotas_sector_id_sectors')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sector_quotas')),
        sa.UniqueConstraint('rules_id', 'sector_id', name='uq_sector_quotas_rules_sector'),
    )
    op.create_table(
        'decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nap_id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=True),
        sa.Column('mode', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('quorum_num', sa.Integer(), nullable=False),
        sa.Column('quorum_den', sa.Integer(), nullable=False),
        sa.Column('opened_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_dt', sa.DateTime(timezone=True), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=40), nullable=False),
        sa.Column('seated', sa.JSON(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(enum_check_sql('mode', MODES), name=op.f('ck_decisions_mode')),
        sa.CheckConstraint(enum_check_sql('state', STATES), name=op.f('ck_decisions_state')),
        sa.CheckConstraint(
            'quorum_num >= 0 AND quorum_den > 0 AND quorum_num <= quorum_den',
            name=op.f('ck_decisions_quorum'),
        ),
        sa.ForeignKeyConstraint(
            ['closed_by_id'], ['users.id'], name=op.f('fk_decisions_closed_by_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['commitment_id'],
            ['commitments.id'],
            name=op.f('fk_decisions_commitment_id_commitments'),
        ),
        sa.ForeignKeyConstraint(['nap_id'], ['naps.id'], name=op.f('fk_decisions_nap_id_naps')),
        sa.ForeignKeyConstraint(
            ['opened_by_id'], ['users.id'], name=op.f('fk_decisions_opened_by_id_users')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_decisions_commitment_id'), ['commitment_id'], unique=False
        )
        batch_op.create_index(batch_op.f('ix_decisions_nap_id'), ['nap_id'], unique=False)

    op.create_table(
        'votes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('voter_id', sa.Integer(), nullable=False),
        sa.Column('membership_id', sa.Integer(), nullable=True),
        sa.Column('sector_id', sa.Integer(), nullable=False),
        sa.Column('is_government', sa.Boolean(), nullable=False),
        sa.Column('seat_role', sa.String(length=20), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        sa.Column('choice', sa.String(length=20), nullable=False),
        sa.Column('is_counted', sa.Boolean(), nullable=False),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(enum_check_sql('choice', CHOICES), name=op.f('ck_votes_choice')),
        sa.ForeignKeyConstraint(
            ['decision_id'], ['decisions.id'], name=op.f('fk_votes_decision_id_decisions')
        ),
        sa.ForeignKeyConstraint(
            ['membership_id'], ['memberships.id'], name=op.f('fk_votes_membership_id_memberships')
        ),
        sa.ForeignKeyConstraint(
            ['organisation_id'],
            ['organisations.id'],
            name=op.f('fk_votes_organisation_id_organisations'),
        ),
        sa.ForeignKeyConstraint(
            ['sector_id'], ['sectors.id'], name=op.f('fk_votes_sector_id_sectors')
        ),
        sa.ForeignKeyConstraint(['voter_id'], ['users.id'], name=op.f('fk_votes_voter_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
        sa.UniqueConstraint('decision_id', 'voter_id', name='uq_votes_decision_voter'),
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_voter_id'), ['voter_id'], unique=False)


def downgrade():
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_voter_id'))

    op.drop_table('votes')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_nap_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_commitment_id'))

    op.drop_table('decisions')
    op.drop_table('sector_quotas')
    op.drop_table('composition_rules')
