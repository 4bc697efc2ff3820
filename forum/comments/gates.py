"""What may stop a person from posting a comment now, besides the permission rules.

Areas above comments (moderation: a block, the balanced floor) install their checks with
:func:`use_posting_gate` from ``forum._connect_areas``; the comments area imports none of them.
A gate answers with the reason (in the reader's language) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.refusals import Refused

#: The installed gates: ``gate(user, commitment) -> reason or None``.
_GATES: list[Callable[[Any, Any], Any]] = []


def use_posting_gate(gate: Callable[[Any, Any], Any]) -> None:
    """Install a gate (once per gate; the app factory may run many times in tests)."""
    if gate not in _GATES:
        _GATES.append(gate)


def why_not(user, commitment) -> str | None:
    """Why ``user`` may not post on ``commitment`` now, or None (the comment box shows it)."""
    if user is None or not getattr(user, 'is_authenticated', False):
        return None
    for gate in _GATES:
        if (reason := gate(user, commitment)) is not None:
            return str(reason)
    return None


def check_posting(user, commitment) -> None:
    """Raise :class:`Refused` (403) when a gate stops ``user`` from posting."""
    if (reason := why_not(user, commitment)) is not None:
        raise Refused(reason, status=403)
