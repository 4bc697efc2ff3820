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

#: Roles that run the forum: manage sectors, organisations and seats; moderate. The values of
#: ``forum.auth.models.Role`` (a LabelledEnum): core sits below the areas, so it names them as text.
ADMIN = 'admin'
STAFF = (ADMIN, 'secretariat')
#: What staff acting as the secretariat are counted as, apart from the sectors (presence, the
#: balance panel): not a sector code.
SECRETARIAT = 'secretariat'

#: Plan states in which commitments may be created (values of ``forum.naps.models.NapState``).
_DRAFTING_STATES = ('planning', 'drafting', 'consultation')

#: Whether a user holds a seat today. Seats live in an area above core (forum.members.seats), so the
#: app factory hands the check in with :func:`use_seat_check`; until then nobody holds a seat.
_seat_check: Callable[[Any], bool] = lambda user: False  # noqa: E731
#: Whether a consultation round takes inputs on a commitment now. Rounds live in an area above
#: core (forum.consultations.access), handed in with :func:`use_consultation_check`.
_consultation_check: Callable[[Any], bool] = lambda commitment: False  # noqa: E731
#: Whether the secretariat designated a person as a moderator (forum.moderation.access), handed in
#: with :func:`use_moderator_check`; until then only staff moderate.
_moderator_check: Callable[[Any], bool] = lambda user: False  # noqa: E731


def use_seat_check(check: Callable[[Any], bool]) -> None:
    """Install the seat check (``forum.members.seats.holds_seat``); called by ``create_app``."""
    global _seat_check
    _seat_check = check


def use_consultation_check(check: Callable[[Any], bool]) -> None:
    """Install the open-round check (``forum.consultations.access``); called by ``create_app``."""
    global _consultation_check
    _consultation_check = check


def use_moderator_check(check: Callable[[Any], bool]) -> None:
    """Install the designated-moderator check (``forum.moderation``); called by ``create_app``."""
    global _moderator_check
    _moderator_check = check


def is_moderator(user) -> bool:
    """Staff, and the people the secretariat designated as moderators."""
    if user is None or not user.is_authenticated:
        return False
    return _is_staff(user) or _moderator_check(user)


def moderator_sector(user) -> int | None:
    """The sector a moderator acts for: None for staff (the secretariat), else their sector's id."""
    return None if _is_staff(user) else user.sector_id


def _can_moderate(user, target) -> bool:
    """Moderators; never on their own comment (``target`` a comment, a commitment or None)."""
    if not is_moderator(user):
        return False
    return getattr(target, 'author_id', None) != user.id


def _can_flag(user, comment) -> bool:
    """Anyone logged in who reads the comment; not one's own, and only while it shows."""
    return comment.author_id != user.id and comment.is_visible


def _can_block(user, person) -> bool:
    """Moderators block anyone but themselves and the staff."""
    return is_moderator(user) and person.id != user.id and not _is_staff(person)


def _is_staff(user) -> bool:
    return user.role in STAFF


def _on_team(user, commitment) -> bool:
    return any(editor.id == user.id for editor in commitment.editors)


def _seated(user) -> bool:
    """Whether ``user`` holds a seat today: checked at the moment of each action."""
    return _seat_check(user)


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
    drafting = nap.state in _DRAFTING_STATES
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
    """Whether a consultation round covering ``commitment`` takes inputs now."""
    return _consultation_check(commitment)


def _can_view_round(user, round_) -> bool:
    """Announced rounds of a public plan are public; drafts are the secretariat's."""
    if user is not None and user.is_authenticated and _is_staff(user):
        return True
    return round_.state != 'draft' and _can_view_nap(user, round_.nap)


def _can_submit_input(user, round_) -> bool:
    """Any registered person, while the round takes inputs."""
    return round_.is_accepting() and _can_view_round(user, round_)


def _can_withdraw_input(user, item) -> bool:
    """Its submitter, while the round takes inputs."""
    return item.submitter_id == user.id and item.status == 'active' and item.round.is_accepting()


def _is_author(user, comment) -> bool:
    """Only its author edits or deletes a comment (moderators hide it instead)."""
    return comment.author_id == user.id


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
    #: Being named in presence: staff by role; members only while they hold a seat today.
    'be_named_in_presence': lambda user, target: _is_staff(user) or _seated(user),
    'comment': _can_comment,
    'edit_comment': _is_author,
    'delete_comment': _is_author,
    #: Moderation (docs/moderation.md): hide, restore, decide appeals, the queue, the floor.
    'moderate': _can_moderate,
    'flag_comment': _can_flag,
    #: Only the author appeals the hiding of a comment.
    'appeal_hide': lambda user, comment: comment.author_id == user.id,
    'block_commenter': _can_block,
    'manage_moderators': lambda user, target: _is_staff(user),
    'manage_members': lambda user, target: user.role in STAFF,
    'manage_sectors': lambda user, target: user.role in STAFF,
    #: Composition rules and the justification of an imbalance (issue 14).
    'manage_composition': lambda user, target: _is_staff(user),
    #: Open and close the forum's decisions; vote while holding a seat today.
    'manage_decisions': lambda user, target: _is_staff(user),
    'vote': lambda user, decision: _seated(user),
    'manage_organisations': lambda user, target: user.role in STAFF,
    'manage_users': lambda user, target: user.role == ADMIN,
    'view_audit': lambda user, target: user.role in STAFF,
    #: Consultation rounds: create, run, record offline inputs, themes, responses, publish.
    'manage_consultations': lambda user, target: _is_staff(user),
    'submit_input': _can_submit_input,
    'withdraw_input': _can_withdraw_input,
    #: An input before publication: its submitter and the secretariat.
    'view_input': lambda user, item: _is_staff(user) or item.submitter_id == user.id,
}

#: Actions anyone may take, logged in or not.
_PUBLIC = frozenset({'view_members', 'view_home'})

#: Reading rules that also answer for anonymous visitors.
_READ_RULES: dict[str, Callable[[Any, Any], bool]] = {
    'view_nap': _can_view_nap,
    'view_commitment': _can_view_commitment,
    'view_round': _can_view_round,
    'view_results': lambda user, round_: (
        round_.state == 'published' and _can_view_round(user, round_)
    ),
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
