"""The migration that ends the "member" role: nobody keeps member rights without a seat."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from forum import create_app
from forum.extensions import db as _db

BEFORE = 'a1f0c0de0001'


def _rows(conn):
    return {
        email: (role, verified is not None)
        for email, role, verified in conn.execute(
            text('SELECT email, role, affiliation_verified_dt FROM users ORDER BY email')
        )
    }


def test_former_members_become_participants_and_seated_people_are_verified(tmp_path):
    app = create_app({'SQLALCHEMY_DATABASE_URI': f'sqlite:///{tmp_path / "m.sqlite3"}'})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        upgrade(directory=directory, revision=BEFORE)
        with _db.engine.begin() as conn:
            conn.execute(text("INSERT INTO sectors (id, code, name_th, name_en, is_government, "
                              "position) VALUES (1, 'other', 'อื่น', 'Other', 0, 0)"))  # fmt: skip
            for n, (email, role) in enumerate(
                [('seated@x.org', 'member'), ('unseated@x.org', 'member'),
                 ('sec@x.org', 'secretariat'), ('p@x.org', 'participant')], start=1,
            ):  # fmt: skip
                conn.execute(
                    text("INSERT INTO users (id, email, display_name, password_hash, role, "
                         "sector_id, is_active_account, created_dt) VALUES "
                         "(:id, :email, 'x', 'x', :role, 1, 1, '2026-01-01 00:00:00')"),
                    {'id': n, 'email': email, 'role': role},
                )  # fmt: skip
            conn.execute(text("INSERT INTO memberships (user_id, sector_id, seat_role, term_start, "
                              "created_dt) VALUES (1, 1, 'member', '2026-01-01', "
                              "'2026-01-01 00:00:00')"))  # fmt: skip
        upgrade(directory=directory)
        with _db.engine.connect() as conn:
            assert _rows(conn) == {
                'p@x.org': ('participant', False),
                'sec@x.org': ('secretariat', True),
                'seated@x.org': ('participant', True),
                'unseated@x.org': ('participant', False),
            }
        downgrade(directory=directory, revision=BEFORE)
        with _db.engine.connect() as conn:
            roles = dict(conn.execute(text('SELECT email, role FROM users')).all())
        assert roles['seated@x.org'] == 'member'
        assert roles['unseated@x.org'] == 'participant'
        _db.engine.dispose()
