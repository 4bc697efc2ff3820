"""comments: the organisation a comment was written for, by reference

``comments.organisation_id`` (nullable, to ``organisations``): the page shows the organisation's
name in the reader's language; ``organisation_label`` keeps the name as shown when writing (and
the typed name of a person with no known organisation). Existing comments whose label is one of
their author's organisation's names get that organisation.

Revision ID: c0de12a00005
Revises: c0de11a00004
Create Date: 2026-12-02 14:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c0de12a00005'
down_revision = 'c0de11a00004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments') as batch:
        batch.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(
            'fk_comments_organisation_id_organisations',
            'organisations',
            ['organisation_id'],
            ['id'],
            ondelete='SET NULL',
        )
    op.execute(
        sa.text(
            'UPDATE comments SET organisation_id = ('
            ' SELECT u.organisation_id FROM users u JOIN organisations o'
            ' ON o.id = u.organisation_id WHERE u.id = comments.author_id'
            ' AND comments.organisation_label IN (o.name_th, o.name_en))'
        )
    )


def downgrade():
    with op.batch_alter_table('comments') as batch:
        batch.drop_constraint('fk_comments_organisation_id_organisations', type_='foreignkey')
        batch.drop_column('organisation_id')
