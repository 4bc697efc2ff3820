"""Operations on the forum's composition. Each takes an explicit actor, flushes and audits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..auth.models import User
from ..core import audit
from ..core.signals import seats_changed
from ..extensions import db
from .affiliation import verify_affiliation
from .defaults import DEFAULT_SECTORS
from .models import Membership, Organisation, Sector
from .seats import held_on


def ensure_default_sectors() -> list[Sector]:
    """Create the default sectors that do not exist yet (matched by code); return all sectors."""
    existing = {s.code for s in db.session.scalars(select(Sector))}
    for position, (code, name_th, name_en, is_gov) in enumerate(DEFAULT_SECTORS):
        if code not in existing:
            sector = Sector(
                code=code, name_th=name_th, name_en=name_en, is_government=is_gov, position=position
            )
            db.session.add(sector)
            db.session.flush()
            audit.record('sector.created', sector, actor=None, code=code)
    db.session.flush()
    return list_sectors()


def list_sectors() -> list[Sector]:
    """Return every sector in display order."""
    return list(db.session.scalars(select(Sector).order_by(Sector.position, Sector.id)))


def sector_by_code(code: str) -> Sector | None:
    """Return the sector with ``code``, or None."""
    return db.session.scalar(select(Sector).filter_by(code=code))


def save_sector(sector: Sector | None, *, actor: User, **fields) -> Sector:
    """Create a sector (``sector`` None) or update one with ``fields``."""
    created = sector is None
    if created:
        sector = Sector(position=len(list_sectors()))
        db.session.add(sector)
    changes = _apply(sector, fields)
    db.session.flush()
    audit.record('sector.created' if created else 'sector.updated', sector, actor=actor, **changes)
    return sector


def save_organisation(organisation: Organisation | None, *, actor: User | None, **fields):
    """Create an organisation (``organisation`` None) or update one with ``fields``."""
    created = organisation is None
    if created:
        organisation = Organisation()
        db.session.add(organisation)
    changes = _apply(organisation, fields)
    db.session.flush()
    action = 'organisation.created' if created else 'organisation.updated'
    audit.record(action, organisation, actor=actor, **changes)
    return organisation


def find_organisation(name: str) -> Organisation | None:
    """Return the organisation whose Thai or English name is ``name`` (ignoring case)."""
    key = name.strip().lower()
    if not key:
        return None
    return db.session.scalar(
        select(Organisation)
        .where(
            (func.lower(Organisation.name_th) == key) | (func.lower(Organisation.name_en) == key)
        )
        .order_by(Organisation.id)
        .limit(1)
    )


def add_membership(
    user: User,
    *,
    actor: User | None,
    sector: Sector,
    seat_role: str,
    term_start: date,
    term_end: date | None = None,
    organisation: Organisation | None = None,
) -> Membership:
    """Give ``user`` a seat; member rights follow from it while its term covers today."""
    membership = Membership(
        user=user,
        sector=sector,
        organisation=organisation,
        seat_role=seat_role,
        term_start=term_start,
        term_end=term_end,
    )
    db.session.add(membership)
    db.session.flush()
    if organisation is not None and not user.is_affiliation_verified:
        # Seating someone for an organisation is the secretariat confirming they speak for it.
        verify_affiliation(user, actor=actor, organisation=organisation)
    audit.record(
        'membership.created',
        membership,
        actor=actor,
        user_id=user.id,
        sector=sector.code,
        seat_role=seat_role,
        term_start=term_start,
        term_end=term_end,
        organisation_id=organisation.id if organisation else None,
    )
    seats_changed.send(user)
    return membership


def update_membership(membership: Membership, *, actor: User, **fields) -> Membership:
    """Change a seat's sector, organisation, role, term or holder."""
    before = membership.user
    changes = _apply(membership, fields)
    db.session.flush()
    audit.record('membership.updated', membership, actor=actor, **changes)
    for user in {before, membership.user}:
        seats_changed.send(user)
    return membership


def remove_membership(membership: Membership, *, actor: User) -> None:
    """Delete a seat entered by mistake (an ended term is recorded with ``term_end`` instead)."""
    audit.record(
        'membership.deleted',
        membership,
        actor=actor,
        user_id=membership.user_id,
        seat_role=membership.seat_role,
    )
    user = membership.user
    db.session.delete(membership)
    db.session.flush()
    seats_changed.send(user)


def current_memberships(on: date) -> list[Membership]:
    """Return the seats held on ``on``, by sector then role."""
    query = (
        select(Membership)
        .join(Membership.sector)
        .where(held_on(on))
        .order_by(Sector.position, Membership.seat_role, Membership.id)
    )
    return list(db.session.scalars(query).unique())


def count_by_sector(memberships: list[Membership]) -> list[tuple[Sector, int]]:
    """Return every sector with the number of ``memberships`` it holds, zero included."""
    counts: dict[int, int] = {}
    for m in memberships:
        counts[m.sector_id] = counts.get(m.sector_id, 0) + 1
    return [(s, counts.get(s.id, 0)) for s in list_sectors()]


def _apply(obj, fields: dict) -> dict:
    """Set ``fields`` on ``obj``; return the ones that changed as ``{name: [old, new]}``."""
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changes[name] = [old, value]
    return {k: [_plain(v) for v in pair] for k, pair in changes.items()}


def _plain(value):
    return getattr(value, 'id', value) if isinstance(value, db.Model) else value
