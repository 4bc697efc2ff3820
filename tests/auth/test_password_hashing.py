"""Login time tells nothing about which emails have accounts; argon2 runs off the gevent hub."""

import subprocess
import sys
import textwrap

import pytest
from argon2 import PasswordHasher

from forum.auth.models import User
from forum.config import ROOT
from tests.conftest import AuthActions


@pytest.fixture
def verified(monkeypatch):
    """Every hash argon2 verifies a password against, in order."""
    seen = []
    real = PasswordHasher.verify

    def verify(self, password_hash, password):
        seen.append(password_hash)
        return real(self, password_hash, password)

    monkeypatch.setattr(PasswordHasher, 'verify', verify)
    return seen


def _settings(password_hash: str) -> str:
    """``$argon2id$v=19$m=…,t=…,p=…``: what the verification's cost depends on."""
    return password_hash.rsplit('$', 2)[0]


def test_an_unknown_email_costs_one_verification(app, client, create_user_, verified):
    user = create_user_(email='ploy@example.org')
    auth = AuthActions(client)
    assert auth.login('ploy@example.org', 'wrong password').status_code == 400
    assert verified == [user.password_hash]
    verified.clear()
    assert auth.login('nobody@example.org', 'wrong password').status_code == 400
    assert len(verified) == 1
    dummy = verified[0]
    assert dummy != user.password_hash
    assert _settings(dummy) == _settings(user.password_hash)  # the same work as a real check


def test_a_disabled_account_costs_one_verification_too(app, client, create_user_, db, verified):
    user = create_user_(email='ploy@example.org')
    db.session.get(User, user.id).is_active_account = False
    db.session.commit()
    # Even the right password: a disabled account cannot log in, and its answer looks the same.
    assert AuthActions(client).login('ploy@example.org').status_code == 400
    assert len(verified) == 1
    assert verified[0] != user.password_hash
    assert _settings(verified[0]) == _settings(user.password_hash)


_GEVENT_PROBE = textwrap.dedent(
    """
    from gevent import monkey

    monkey.patch_all()

    import sys, time

    import gevent

    from forum import create_app
    from forum.auth.models import User, verify_no_password

    # argon2's library defaults, as served (tens of milliseconds of CPU per hash).
    app = create_app({'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'ARGON2_PARAMS': None})
    ticks = []

    def ticker():
        while True:
            ticks.append(time.perf_counter())
            gevent.sleep(0.002)

    with app.app_context():
        user = User(email='x@example.org', display_name='x')
        beat = gevent.spawn(ticker)
        gevent.sleep(0.01)
        for name, work in (
            ('hash', lambda: user.set_password('correct horse battery')),
            ('verify', lambda: user.check_password('correct horse battery')),
            ('dummy', lambda: verify_no_password('correct horse battery')),
        ):
            before = len(ticks)
            started = time.perf_counter()
            work()
            print(name, len(ticks) - before, round(time.perf_counter() - started, 3))
        beat.kill()
    """
)


def test_argon2_runs_off_the_gevent_hub():
    """Other greenlets keep running while a password is hashed or verified (served set-up)."""
    result = subprocess.run(
        [sys.executable, '-c', _GEVENT_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        name, ticks, seconds = line.split()
        # A blocked hub ticks 0 times; one left free ticks about every 2 ms of the work.
        assert int(ticks) >= 3, f'{name}: the hub stood still for {seconds} s'
