"""One transaction pattern for routes and socket events: run the work, commit once, or refuse.

The work is a function that calls services (which flush, never commit). :func:`commit` runs it
and then commits, or rolls back and returns the refusal when a service raises
:class:`~forum.core.refusals.Refused`. A route shows the refusal (a form message with
:func:`form_status`, a page with ``outcome.status``); a socket event handler decorated with
:func:`acked` answers ``ok: false``. Nothing else in the app commits or rolls back a request's
session.

A unique constraint broken by a concurrent request (the same ``client_id`` sent twice at once,
the next commitment number taken at the same moment) rolls back; with ``retry_race`` the work
runs once more, and finds what the other request stored or takes the next number (a second
clash is refused with 409: send it again). Without ``retry_race`` a broken constraint is a bug
and rises.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError, InvalidRequestError

from ..extensions import db
from .refusals import Refused, refused_ack

T = TypeVar('T')


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What the work returned, or why it was refused (and so rolled back)."""

    value: T | None = None
    refusal: Refused | None = None

    @property
    def ok(self) -> bool:
        """Whether the work was committed."""
        return self.refusal is None

    @property
    def status(self) -> int:
        """The HTTP status that says so: 200, or the refusal's (400, 409…)."""
        return 200 if self.refusal is None else self.refusal.status

    @property
    def message(self) -> str:
        """The refusal's reason in the reader's language ('' when committed)."""
        return '' if self.refusal is None else str(self.refusal.message)


def commit(
    work: Callable[[], T],
    *,
    retry_race: bool = False,
    errors: list | None = None,
    keep: Callable[[T], bool] | None = None,
) -> Outcome[T]:
    """Run ``work`` and commit once; on :class:`Refused` roll back and return the refusal.

    ``errors``: a list (a form field's ``errors``) the refusal's reason is added to.
    ``keep``: when it says False of what ``work`` returned, roll back instead of committing
    (a socket handler that answered ``ok: false``). Any other exception rolls back and rises.
    """
    attempts = 2 if retry_race else 1
    for attempt in range(1, attempts + 1):
        try:
            value = work()
            if keep is not None and not keep(value):
                db.session.rollback()
            else:
                db.session.commit()
            return Outcome(value)
        except Refused as exc:
            db.session.rollback()
            if errors is not None:
                errors.append(str(exc.message))
            return Outcome(refusal=exc)
        except IntegrityError:
            db.session.rollback()
            if not retry_race:
                raise
            if attempt == attempts:
                return _raced(errors)
        except BaseException:
            _undo()
            raise
    raise AssertionError('unreachable')  # pragma: no cover


def _undo() -> None:
    """Roll back, or close the session when there is nothing to roll back.

    A failure inside ``commit()`` itself (the SQLite flush to disk, which comes after the
    transaction committed) leaves nothing to roll back.
    """
    try:
        db.session.rollback()
    except InvalidRequestError:
        db.session.close()


def _raced(errors: list | None) -> Outcome:
    """A race lost twice: refused with 409, to be sent again."""
    refusal = Refused(
        _l('Someone else saved the same thing at the same moment; please send it again.'),
        status=409,
    )
    if errors is not None:
        errors.append(str(refusal.message))
    return Outcome(refusal=refusal)


def form_status(form, outcome: Outcome | None = None) -> int:
    """The status of a page that shows ``form`` again: 200 first, then 400 (or the refusal's)."""
    if not form.is_submitted():
        return 200
    if outcome is not None and not outcome.ok:
        return outcome.status
    return 400


def acked(handler: Callable[..., dict]) -> Callable[..., dict]:
    """A socket event handler whose work is committed once, or answered ``ok: false``.

    The handler returns its ack (``{"ok": true, …}``); an ack with ``ok: false`` rolls back, a
    :class:`Refused` becomes ``{"ok": false, "error": reason}``, and a unique constraint broken
    by a concurrent event runs the handler once more (``retry_race``).
    """

    @functools.wraps(handler)
    def in_transaction(*args, **kwargs) -> dict:
        outcome = commit(
            lambda: handler(*args, **kwargs),
            retry_race=True,
            keep=lambda ack: not (isinstance(ack, dict) and ack.get('ok') is False),
        )
        if not outcome.ok:
            return refused_ack(outcome.message)
        return outcome.value

    return in_transaction
