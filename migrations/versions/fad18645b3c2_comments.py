"""comments

Revision ID: fad18645b3c2
Revises: 74a3ac0fab1d
Create Date: 2026-11-25 22:53:06.799603

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fad18645b3c2'
down_revision = '74a3ac0fab1d'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: UTC datetimes are plain timezone-aware DateTime columns in the schema.
    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('sector_id', sa.Integer(), nullable=False),
    sa.Column('organisation_label', sa.String(length=255), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('anchor', sa.String(length=60), nullable=False),
    sa.Column('stance', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_dt', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), nullable=False),
    sa.Column('is_hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_comments_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.ForeignKeyConstraint(['sector_id'], ['sectors.id'], name=op.f('fk_comments_sector_id_sectors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments')),
    sa.UniqueConstraint('author_id', 'client_id', name='uq_comments_author_client')
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_comments_commitment_id_id', ['commitment_id', 'id'], unique=False)

    op.create_table('comment_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('replaced_dt', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_versions_comment_id_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_versions'))
    )
    with op.batch_alter_table('comment_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_versions_comment_id'), ['comment_id'], unique=False)



def downgrade():
    # Reviewed: UTC datetimes are plain timezone-aware DateTime columns in the schema.
    with op.batch_alter_table('comment_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_versions_comment_id'))

    op.drop_table('comment_versions')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_commitment_id_id')
        batch_op.drop_index(batch_op.f('ix_comments_author_id'))

    op.drop_table('comments')
