"""The one family of user errors: what the forum's rules refuse, and why.

A service raises :class:`Refused` with the reason in the reader's language (a lazy string);
:func:`forum.core.transaction.commit` rolls the work back and hands the refusal to the route or
socket event, which shows it: a form message with 400, a page with 409, or an ack
``{"ok": false, "error": reason}``. State machines refuse with 409 (the thing is not in a state
that allows it); a change based on an old version is a :class:`Conflict` elsewhere (409 too).
"""

from __future__ import annotations


class Refused(Exception):
    """A request the rules refuse; ``message`` says why, ``status`` is the HTTP status to answer.

    ``field``: the name of the form field the reason is about, when there is one (a form shows
    the reason beside it).
    """

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field

    def __repr__(self):
        return f'<Refused {self.status} {str(self.message)!r}>'


def state_error(message) -> Refused:
    """An illegal state change (409): a plan, commitment or round cannot move that way now."""
    return Refused(message, status=409)


def refused_ack(message) -> dict:
    """A socket event's answer that refuses, with the reason: ``{"ok": false, "error": …}``."""
    return {'ok': False, 'error': str(message)}
