"""Connection-pool settings per database."""

from forum import create_app
from forum.extensions import db


def test_sqlite_connections_are_not_pinged(tmp_path):
    app = create_app({'SQLALCHEMY_DATABASE_URI': f'sqlite:///{tmp_path / "forum.sqlite3"}'})
    with app.app_context():
        assert db.engine.pool._pre_ping is False


def test_server_connections_are_pinged_before_use():
    # A PostgreSQL server may have closed an idle connection; creating the engine connects nowhere.
    app = create_app({'SQLALCHEMY_DATABASE_URI': 'postgresql+psycopg://nobody@127.0.0.1:1/none'})
    with app.app_context():
        assert db.engine.pool._pre_ping is True
