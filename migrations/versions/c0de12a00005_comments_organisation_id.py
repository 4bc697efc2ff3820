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


def _foreign_keys(on: bool) -> None:
    """SQLite only: switch foreign keys around batch mode's table copy, and make sure they are off.

    Batch mode recreates ``comments`` (copy, drop, rename); with foreign keys on, dropping the old
    table deletes every row that refers to it with ON DELETE CASCADE (``comment_versions``). The
    pragma is a no-op inside a transaction, hence the autocommit block.
    """
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.get_context().autocommit_block():
        op.execute(f'PRAGMA foreign_keys={"ON" if on else "OFF"}')
    if not on and op.get_bind().exec_driver_sql('PRAGMA foreign_keys').scalar():
        raise RuntimeError('SQLite foreign keys still on: recreating a table would empty others')


def _check_references() -> None:
    """SQLite only: fail (rolling back) if the recreated table broke a reference."""
    if op.get_bind().dialect.name == 'sqlite':
        broken = op.get_bind().exec_driver_sql('PRAGMA foreign_key_check').all()
        if broken:
            raise RuntimeError(f'foreign keys broken: {broken[:5]}')


def upgrade():
    _foreign_keys(False)
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
    _check_references()
    _foreign_keys(True)


def downgrade():
    _foreign_keys(False)
    with op.batch_alter_table('comments') as batch:
        batch.drop_constraint('fk_comments_organisation_id_organisations', type_='foreignkey')
        batch.drop_column('organisation_id')
    _check_references()
    _foreign_keys(True)
