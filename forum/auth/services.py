"""Account operations: registration, creation by an operator, preferences."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..core import audit
from ..core.refusals import Refused
from ..db import utcnow
from ..extensions import db
from ..sectors.models import Organisation, Sector
from ..sectors.services import find_organisation
from .models import Role, User, verify_no_password


class EmailTaken(Refused):
    """An account with this email exists already."""

    def __init__(self, email: str):
        super().__init__(_l('An account with this email exists already. Log in instead.'))
        self.email = email


def user_by_email(email: str) -> User | None:
    """Return the account for ``email`` (ignoring case), or None."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """Return the active account ``email`` whose password is ``password``, or None.

    An unknown or disabled account costs one password verification too (against a dummy
    hash), so the time of the answer does not tell whether the email has an account. A
    matching password stored with outdated hash settings is rehashed (flushed, not committed).
    """
    user = user_by_email(email)
    if user is None or not user.is_active:
        verify_no_password(password)
        return None
    if not user.check_password(password):
        return None
    db.session.flush()
    return user


def change_password(user: User, *, actor: User, password: str) -> None:
    """Set a new password and end every session of ``user`` (the caller starts a new one)."""
    user.set_password(password)
    user.end_sessions()
    db.session.flush()
    audit.record('user.password_changed', user, actor=actor)


def end_sessions(user: User, *, actor: User) -> None:
    """Void every session of ``user`` on every device (logout); nothing is audited."""
    user.end_sessions()
    db.session.flush()


def create_user(
    *,
    actor: User | None,
    email: str,
    password: str,
    display_name: str,
    sector: Sector,
    role: str = Role.participant,
    organisation: Organisation | None = None,
    organisation_name: str | None = None,
    locale: str | None = None,
    self_registered: bool = False,
) -> User:
    """Create an account.

    ``actor`` is who created it (None for the system); a person registering is their own actor.
    A person registering declares an organisation by typing its name: it stays a typed,
    unverified name, never linked to a known organisation's record (which would let anyone pass
    for its officials) until the secretariat confirms it. An operator (CLI, demo data) vouches
    for the accounts it creates: a typed name matching a known organisation is linked, verified.
    """
    email = email.strip().lower()
    if user_by_email(email) is not None:
        raise EmailTaken(email)
    if organisation is None and organisation_name and not self_registered:
        organisation = find_organisation(organisation_name)
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=Role(role),
        sector=sector,
        organisation=organisation,
        organisation_name=None if organisation else (organisation_name or '').strip() or None,
        locale=locale,
        affiliation_verified_dt=None if self_registered else utcnow(),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(
        'user.created',
        user,
        actor=user if self_registered else actor,
        email=email,
        role=user.role,
        sector=sector.code,
        organisation_id=organisation.id if organisation else None,
    )
    return user


def set_locale(user: User, locale: str, *, actor: User) -> None:
    """Remember the interface language on the account."""
    if user.locale != locale:
        user.locale = locale
        db.session.flush()
        audit.record('user.locale_changed', user, actor=actor, locale=locale)
