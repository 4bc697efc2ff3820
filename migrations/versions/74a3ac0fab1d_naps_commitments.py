"""national action plans, commitments, milestones, revisions

Revision ID: 74a3ac0fab1d
Revises: 6e6715031ec0
Create Date: 2026-11-25 22:39:58.044762

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '74a3ac0fab1d'
down_revision = '6e6715031ec0'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: UTC datetimes are plain timezone-aware DateTime columns in the schema.
    op.create_table('naps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title_th', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('length_years', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('last_commitment_number', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_date > start_date', name=op.f('ck_naps_period')),
    sa.CheckConstraint('length_years IN (2, 4)', name=op.f('ck_naps_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_naps')),
    sa.UniqueConstraint('number', name=op.f('uq_naps_number'))
    )
    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nap_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('withdrawn_reason', sa.Text(), nullable=True),
    sa.Column('policy_area_id', sa.Integer(), nullable=False),
    sa.Column('lead_agency_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('budget', sa.String(length=500), nullable=False),
    sa.Column('sdg_targets', sa.String(length=500), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('modified_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title_th', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('short_title_th', sa.Text(), nullable=False),
    sa.Column('short_title_en', sa.Text(), nullable=False),
    sa.Column('description_th', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('problem_th', sa.Text(), nullable=False),
    sa.Column('problem_en', sa.Text(), nullable=False),
    sa.Column('causes_th', sa.Text(), nullable=False),
    sa.Column('causes_en', sa.Text(), nullable=False),
    sa.Column('solution_th', sa.Text(), nullable=False),
    sa.Column('solution_en', sa.Text(), nullable=False),
    sa.Column('contribution_th', sa.Text(), nullable=False),
    sa.Column('contribution_en', sa.Text(), nullable=False),
    sa.Column('value_access', sa.Boolean(), nullable=False),
    sa.Column('value_access_why_th', sa.Text(), nullable=False),
    sa.Column('value_access_why_en', sa.Text(), nullable=False),
    sa.Column('value_participation', sa.Boolean(), nullable=False),
    sa.Column('value_participation_why_th', sa.Text(), nullable=False),
    sa.Column('value_participation_why_en', sa.Text(), nullable=False),
    sa.Column('value_accountability', sa.Boolean(), nullable=False),
    sa.Column('value_accountability_why_th', sa.Text(), nullable=False),
    sa.Column('value_accountability_why_en', sa.Text(), nullable=False),
    sa.Column('value_technology', sa.Boolean(), nullable=False),
    sa.Column('value_technology_why_th', sa.Text(), nullable=False),
    sa.Column('value_technology_why_en', sa.Text(), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_commitments_created_by_id_users')),
    sa.ForeignKeyConstraint(['lead_agency_id'], ['organisations.id'], name=op.f('fk_commitments_lead_agency_id_organisations')),
    sa.ForeignKeyConstraint(['nap_id'], ['naps.id'], name=op.f('fk_commitments_nap_id_naps')),
    sa.ForeignKeyConstraint(['policy_area_id'], ['policy_areas.id'], name=op.f('fk_commitments_policy_area_id_policy_areas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments')),
    sa.UniqueConstraint('nap_id', 'number', name='uq_commitments_nap_number')
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_nap_id'), ['nap_id'], unique=False)

    op.create_table('commitment_editors',
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_editors_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_commitment_editors_user_id_users')),
    sa.PrimaryKeyConstraint('commitment_id', 'user_id', name=op.f('pk_commitment_editors'))
    )
    op.create_table('commitment_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('changed_fields', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('restored_from', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_commitment_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_revisions_commitment_id_commitments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_revisions')),
    sa.UniqueConstraint('commitment_id', 'number', name='uq_commitment_revisions_number')
    )
    with op.batch_alter_table('commitment_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_revisions_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('commitment_supporters',
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_supporters_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_commitment_supporters_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('commitment_id', 'organisation_id', name=op.f('pk_commitment_supporters'))
    )
    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('output_th', sa.Text(), nullable=False),
    sa.Column('output_en', sa.Text(), nullable=False),
    sa.Column('indicator_th', sa.Text(), nullable=False),
    sa.Column('indicator_en', sa.Text(), nullable=False),
    sa.Column('baseline_th', sa.Text(), nullable=False),
    sa.Column('baseline_en', sa.Text(), nullable=False),
    sa.Column('target_th', sa.Text(), nullable=False),
    sa.Column('target_en', sa.Text(), nullable=False),
    sa.Column('responsible_organisation_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('evidence_url', sa.String(length=1000), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_milestones_date_order')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_milestones_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_organisation_id'], ['organisations.id'], name=op.f('fk_milestones_responsible_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_commitment_id'), ['commitment_id'], unique=False)



def downgrade():
    # Reviewed: UTC datetimes are plain timezone-aware DateTime columns in the schema.
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_commitment_id'))

    op.drop_table('milestones')
    op.drop_table('commitment_supporters')
    with op.batch_alter_table('commitment_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_revisions_commitment_id'))

    op.drop_table('commitment_revisions')
    op.drop_table('commitment_editors')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_nap_id'))

    op.drop_table('commitments')
    op.drop_table('naps')
