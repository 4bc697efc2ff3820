"""Whom a person speaks for: self-declared until the secretariat confirms it.

Registering, anyone may type "Ministry of Finance". Until the secretariat links the person to
the organisation's record and confirms the affiliation, every place that shows the person's name
with an organisation (comments, pickers) says it is unverified.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..core import audit
from ..core.signals import affiliation_changed
from ..db import utcnow
from ..extensions import db
from ..sectors.models import Organisation


def affiliation_label(user) -> str:
    """The word "verified" or "unverified", in the reader's language."""
    return _('verified') if user.is_affiliation_verified else _('unverified')


def verify_affiliation(user, *, actor, organisation: Organisation | None) -> None:
    """Confirm that ``user`` speaks for ``organisation`` (None: for the name they typed)."""
    old = user.organisation_id
    if organisation is not None:
        user.organisation = organisation
        user.organisation_name = None
    user.affiliation_verified_dt = utcnow()
    user.affiliation_verified_by_id = getattr(actor, 'id', None)
    db.session.flush()
    audit.record(
        'user.affiliation_verified',
        user,
        actor=actor,
        organisation_id=[old, user.organisation_id],
        organisation_name=user.organisation_name,
    )
    affiliation_changed.send(user)


def revoke_affiliation(user, *, actor) -> None:
    """Mark the affiliation of ``user`` as unverified again."""
    if not user.is_affiliation_verified:
        return
    user.affiliation_verified_dt = None
    user.affiliation_verified_by_id = None
    db.session.flush()
    audit.record('user.affiliation_revoked', user, actor=actor)
    affiliation_changed.send(user)
