"""Login sessions: a version that logout ends everywhere, an idle limit, a fresh session at login.

The session cookie and Flask-Login's remember cookie carry the login as ``<user id>:<session
version>`` (:meth:`User.get_id`). :func:`load_user` accepts it only while the account is active
and its ``session_version`` is still that number, so raising the version (logout, a password
change: :meth:`User.end_sessions`) voids every copy of every earlier session, on any device.
Flask-Login runs the loader whenever ``current_user`` is first read in a request or a socket
event, so a copied cookie stops working over HTTP and over the socket alike.

A session also ends after ``SESSION_IDLE_DAYS`` without a request (:func:`check_session`, run
before every HTTP request and at socket connect); a valid remember cookie ("keep me logged in")
then starts a new one. :func:`start_session` logs in with a new, empty session, so that nothing
planted in the session before login (a fixated CSRF token) survives it.
"""

from __future__ import annotations

import time

from flask import current_app, g, request, session
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from .models import User

#: Session key: when this login last made a request (seconds since the epoch).
SEEN_KEY = '_seen'
#: Flask-Login's own session keys for a login.
_LOGIN_KEYS = ('_user_id', '_fresh', '_id')
#: How stale the last-seen time may get before a request writes it again (fewer cookie writes).
_TOUCH_SECONDS = 60


def load_user(login: str) -> User | None:
    """Flask-Login's user loader: the account of a current ``<id>:<version>`` login, or None."""
    user_id, _sep, version = login.partition(':')
    if not (_number(user_id) and _number(version)):
        return None  # also a login stored before sessions carried their version
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def _number(text: str) -> bool:
    return 0 < len(text) <= 10 and text.isascii() and text.isdigit()


def start_session(user: User, *, remember: bool = False) -> None:
    """Log ``user`` in with a new session; keep only the interface language of the old one.

    Flask-WTF keeps the CSRF token's secret in the session (and this request's token in ``g``):
    both go, so a token handed out before login is refused after it.
    """
    lang = session.get('lang')
    session.clear()
    g.pop(current_app.config.get('WTF_CSRF_FIELD_NAME', 'csrf_token'), None)
    if lang:
        session['lang'] = lang
    login_user(user, remember=remember)
    session[SEEN_KEY] = int(time.time())


def end_session() -> None:
    """Log out in this browser: clear the session (language aside) and the remember cookie."""
    lang = session.get('lang')
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for deletion in the session
    if lang:
        session['lang'] = lang


def check_session() -> bool:
    """Apply the idle limit and the version check to this request's login.

    Return False when the request claims a login that has ended (logged out elsewhere, password
    changed, idle too long with no remember cookie, account disabled): that login is dropped
    from the session, which goes on as anonymous. Return True otherwise.
    """
    if not _claims_login():
        return True
    if '_user_id' in session and _idle():
        for key in _LOGIN_KEYS:
            session.pop(key, None)  # the remember cookie, if any, may start a new session
    if current_user.is_authenticated:
        _touch()
        return True
    logout_user()
    return False


def _claims_login() -> bool:
    cookie = current_app.config.get('REMEMBER_COOKIE_NAME', 'remember_token')
    return '_user_id' in session or (
        cookie in request.cookies and session.get('_remember') != 'clear'
    )


def _idle() -> bool:
    seen = session.get(SEEN_KEY)
    if isinstance(seen, bool) or not isinstance(seen, int | float):
        return True
    return time.time() - seen > current_app.config['SESSION_IDLE_DAYS'] * 86400


def _touch() -> None:
    now = int(time.time())
    seen = session.get(SEEN_KEY)
    if not isinstance(seen, int) or now - seen >= _TOUCH_SECONDS:
        session[SEEN_KEY] = now
