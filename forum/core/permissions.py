"""Who may do what: every permission rule of the forum lives here.

Routes ask :func:`can` (or use :func:`require`), socket handlers ask :func:`can`, templates ask
``can(...)`` too, so one rule never has two versions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from ..auth.models import Role

#: Roles that run the forum: manage sectors, organisations and seats; moderate.
STAFF = (Role.admin, Role.secretariat)

#: action -> rule(user, target) -> bool; the user is authenticated when a rule runs.
_RULES: dict[str, Callable[[Any, Any], bool]] = {
    'manage_members': lambda user, target: user.role in STAFF,
    'manage_sectors': lambda user, target: user.role in STAFF,
    'manage_organisations': lambda user, target: user.role in STAFF,
    'manage_users': lambda user, target: user.role == Role.admin,
    'view_audit': lambda user, target: user.role in STAFF,
}

#: Actions anyone may take, logged in or not.
_PUBLIC = frozenset({'view_members', 'view_home'})


def can(user: Any, action: str, target: Any = None) -> bool:
    """Return whether ``user`` (possibly anonymous) may take ``action`` on ``target``."""
    if action in _PUBLIC:
        return True
    rule = _RULES.get(action)
    if rule is None:
        raise KeyError(f'unknown permission {action!r}')
    if user is None or not user.is_authenticated:
        return False
    return rule(user, target)


def require(action: str) -> Callable:
    """Route decorator: 401 for anonymous visitors (login page), 403 when not allowed."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated and action not in _PUBLIC:
                from ..extensions import login_manager

                return login_manager.unauthorized()
            if not can(current_user, action):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
