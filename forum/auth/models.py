"""People: accounts with a role, a self-declared sector and an organisation."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.enums import LabelledEnum, enum_column
from ..core.offload import off_hub
from ..db import CreatedMixin, UTCDateTime
from ..extensions import db

if TYPE_CHECKING:
    from ..members.models import Membership
    from ..sectors.models import Organisation, Sector


def _hasher() -> PasswordHasher:
    """argon2id with the library's defaults, or cheaper settings where configured (tests)."""
    params = current_app.config.get('ARGON2_PARAMS')
    return PasswordHasher(**params) if params else _DEFAULT_HASHER


_DEFAULT_HASHER = PasswordHasher()
#: Per hasher settings, a hash of a random secret: what a login for an unknown (or disabled)
#: account is checked against, so that it takes as long as a login for a real one.
_DUMMY_HASHES: dict[tuple, str] = {}


# argon2 takes tens of milliseconds of CPU: these run off the gevent hub (core.offload), with
# plain values in and out.
def _hash(hasher: PasswordHasher, password: str) -> str:
    return hasher.hash(password)


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.hash_len,
           hasher.salt_len, hasher.type)  # fmt: skip
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = off_hub(_hash, hasher, secrets.token_urlsafe(32))
    return _DUMMY_HASHES[key]


def verify_no_password(password: str) -> bool:
    """Spend on ``password`` what verifying a real account's would cost, and return False.

    Called when the email has no account or a disabled one: the answer comes no faster than
    for a real account, so login times do not tell which emails are registered.
    """
    hasher = _hasher()
    off_hub(_verify, hasher, _dummy_hash(hasher), password)
    return False


class Role(LabelledEnum):
    """What a person may run; the permission rules live in :mod:`forum.core.permissions`.

    Membership of the forum is not a role: it comes from a seat held today
    (:mod:`forum.members.seats`), so it ends with the seat.
    """

    admin = 'admin', _l('Administrator')
    secretariat = 'secretariat', _l('Secretariat')
    participant = 'participant', _l('Participant')


class User(UserMixin, CreatedMixin, db.Model):
    """A registered person."""

    __tablename__ = 'users'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Login name, stored lower-case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: Name shown next to everything the person writes.
    display_name: Mapped[str] = mapped_column(String(120))
    #: argon2id hash of the password.
    password_hash: Mapped[str] = mapped_column(String(255))
    #: One of :class:`Role`.
    role: Mapped[str] = enum_column(Role, 'role', default=Role.participant)
    #: The sector the person declared when registering; a seat carries its own sector.
    sector_id: Mapped[int] = mapped_column(ForeignKey('sectors.id'))
    #: A known organisation: linked by the secretariat (or an operator), never by a typed name.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey('organisations.id'))
    #: The organisation as the person typed it, until the secretariat links a known one.
    organisation_name: Mapped[str | None] = mapped_column(String(255))
    #: Preferred interface language (``th`` or ``en``); empty means "from the browser".
    locale: Mapped[str | None] = mapped_column(String(5))
    #: Disabled accounts cannot log in.
    is_active_account: Mapped[bool] = mapped_column(default=True)
    #: When the secretariat confirmed that the person speaks for their organisation (UTC);
    #: empty while the affiliation is only self-declared, and shown as unverified.
    affiliation_verified_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Who confirmed the affiliation.
    affiliation_verified_by_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'))
    #: Raised by logout and password changes: sessions carrying an older value are void.
    session_version: Mapped[int] = mapped_column(default=0, server_default='0')

    sector: Mapped[Sector] = relationship(lazy='joined')
    organisation: Mapped[Organisation | None] = relationship(lazy='joined')
    memberships: Mapped[list[Membership]] = relationship(
        back_populates='user', foreign_keys='Membership.user_id'
    )

    def __repr__(self):
        return f'<User {self.id} {self.email} {self.role}>'

    @property
    def is_active(self) -> bool:
        """Flask-Login: only active accounts stay logged in."""
        return self.is_active_account

    @property
    def is_affiliation_verified(self) -> bool:
        """Whether the secretariat confirmed the organisation shown with the person's name."""
        return self.affiliation_verified_dt is not None

    @property
    def organisation_label(self) -> str | None:
        """The organisation's name in the current language, or the typed name."""
        if self.organisation is not None:
            return self.organisation.name
        return self.organisation_name

    def get_id(self) -> str:
        """Flask-Login: the login kept in the session and the remember cookie, ``<id>:<version>``.

        The user loader (:mod:`forum.auth.sessions`) accepts it only while the version is the
        account's: :meth:`end_sessions` voids every copy of every earlier session.
        """
        return f'{self.id}:{self.session_version}'

    def end_sessions(self) -> None:
        """Void every session and remember cookie issued so far (logout, password change)."""
        self.session_version = (self.session_version or 0) + 1

    def set_password(self, password: str) -> None:
        """Hash and store a new password."""
        self.password_hash = off_hub(_hash, _hasher(), password)

    def check_password(self, password: str) -> bool:
        """Return whether ``password`` matches, upgrading an outdated hash in place."""
        hasher = _hasher()
        if not off_hub(_verify, hasher, self.password_hash, password):
            return False
        if hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return True
