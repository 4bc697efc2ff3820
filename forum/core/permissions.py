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


def _is_staff(user) -> bool:
    return user.role in STAFF


def _on_team(user, commitment) -> bool:
    return any(editor.id == user.id for editor in commitment.editors)


def _seated(user) -> bool:
    """Whether ``user`` holds a seat today: checked at the moment of each action."""
    from ..members.seats import holds_seat

    return holds_seat(user)


def _can_view_nap(user, nap) -> bool:
    if nap.is_public:
        return True
    return user is not None and user.is_authenticated and user.role in STAFF


def _can_view_commitment(user, commitment) -> bool:
    if _can_view_nap(user, commitment.nap):
        return True
    return user is not None and user.is_authenticated and _on_team(user, commitment)


def _can_edit_commitment(user, commitment) -> bool:
    """Staff, and the drafting team while they hold a seat."""
    if not commitment.is_editable:
        return False
    return _is_staff(user) or (_on_team(user, commitment) and _seated(user))


def _can_create_commitment(user, nap) -> bool:
    from ..naps.models import NapState

    drafting = nap.state in (NapState.planning, NapState.drafting, NapState.consultation)
    return drafting and (_is_staff(user) or _seated(user))


def _can_change_commitment_state(user, move) -> bool:
    """``move`` is (commitment, target state): the team may send to review and back."""
    commitment, target = move
    if _is_staff(user):
        return True
    return (
        _on_team(user, commitment)
        and _seated(user)
        and (commitment.state, target)
        in (
            ('draft', 'msf_review'),
            ('msf_review', 'draft'),
        )
    )


def consultation_open(commitment) -> bool:
    """Whether a consultation round on ``commitment`` is open now.

    Consultation rounds arrive in a later issue; until then none is ever open.
    """
    return False


def _can_comment(user, commitment) -> bool:
    """Seat holders and the secretariat; other registered people while a consultation is open.

    Only on commitments of a plan past planning, and never on a withdrawn one.
    """
    if not commitment.nap.is_public or commitment.state == 'withdrawn':
        return False
    if _is_staff(user) or _seated(user):
        return True
    return consultation_open(commitment)


#: action -> rule(user, target) -> bool; the user is authenticated when a rule runs.
_RULES: dict[str, Callable[[Any, Any], bool]] = {
    'manage_naps': lambda user, target: _is_staff(user),
    'create_commitment': _can_create_commitment,
    'edit_commitment': _can_edit_commitment,
    'change_commitment_state': _can_change_commitment_state,
    'manage_drafting_team': lambda user, target: _is_staff(user),
    #: Joining a drafting team, and being named as a member in presence.
    'act_as_member': lambda user, target: _seated(user),
    'comment': _can_comment,
    'moderate': lambda user, target: _is_staff(user),
    'manage_members': lambda user, target: user.role in STAFF,
    'manage_sectors': lambda user, target: user.role in STAFF,
    'manage_organisations': lambda user, target: user.role in STAFF,
    'manage_users': lambda user, target: user.role == Role.admin,
    'view_audit': lambda user, target: user.role in STAFF,
}

#: Actions anyone may take, logged in or not.
_PUBLIC = frozenset({'view_members', 'view_home'})

#: Reading rules that also answer for anonymous visitors.
_READ_RULES: dict[str, Callable[[Any, Any], bool]] = {
    'view_nap': _can_view_nap,
    'view_commitment': _can_view_commitment,
}


def can(user: Any, action: str, target: Any = None) -> bool:
    """Return whether ``user`` (possibly anonymous) may take ``action`` on ``target``."""
    if action in _PUBLIC:
        return True
    if action in _READ_RULES:
        return _READ_RULES[action](user, target)
    rule = _RULES.get(action)
    if rule is None:
        raise KeyError(f'unknown permission {action!r}')
    if user is None or not user.is_authenticated:
        return False
    return rule(user, target)


def deny() -> None:
    """Refuse: the login page for anonymous visitors, 403 for everyone else."""
    from ..extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403)


def require(action: str) -> Callable:
    """Route decorator: 401 for anonymous visitors (login page), 403 when not allowed."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not can(current_user, action):
                deny()
            return view(*args, **kwargs)

        return wrapped

    return decorator
