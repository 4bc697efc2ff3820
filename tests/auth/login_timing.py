"""Median time of a refused login for an existing account and for an unknown email.

Run: ``.venv/bin/python -m tests.auth.login_timing`` (argon2's served defaults, SQLite in a
temporary folder, the Flask test client; nothing listens on the network). See docs/security.md.
"""

import re
import statistics
import tempfile
import time

from flask_migrate import upgrade

from forum import create_app
from forum.auth.services import create_user
from forum.extensions import db
from forum.sectors.services import ensure_default_sectors, sector_by_code

ROUNDS = 15


def main() -> None:
    """Print both medians in milliseconds."""
    folder = tempfile.mkdtemp()
    app = create_app({
        'SQLALCHEMY_DATABASE_URI': f'sqlite:///{folder}/timing.sqlite3',
        'ARGON2_PARAMS': None,  # the served argon2id settings
        'LOGIN_RATE_LIMIT': '1000 per minute',
        'LOGIN_ADDRESS_RATE_LIMIT': '1000 per minute',
    })  # fmt: skip
    with app.app_context():
        upgrade(directory=app.config['MIGRATIONS_DIR'])
        ensure_default_sectors()
        create_user(actor=None, email='real@example.org', password='correct horse battery',
                    display_name='Real', sector=sector_by_code('government'))  # fmt: skip
        db.session.commit()
    client = app.test_client()
    html = client.get('/auth/login').get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def median_ms(email: str) -> float:
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            data = {'email': email, 'password': 'a wrong guess', 'csrf_token': token}
            assert client.post('/auth/login', data=data).status_code == 400
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    median_ms('warm-up@example.org')
    print(f'existing account: {median_ms("real@example.org"):.0f} ms, '
          f'unknown email: {median_ms("nobody@example.org"):.0f} ms')  # fmt: skip


if __name__ == '__main__':
    main()
