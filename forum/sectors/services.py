"""Sectors and organisations: create, list, find. Each change takes an explicit actor and audits."""

from __future__ import annotations

from sqlalchemy import func, select

from ..core import audit
from ..core.actors import Actor
from ..core.audit import apply_changes
from ..core.signals import sector_side_changed
from ..extensions import db
from .defaults import DEFAULT_SECTORS
from .models import Organisation, Sector


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


def save_sector(sector: Sector | None, *, actor: Actor, **fields) -> Sector:
    """Create a sector (``sector`` None) or update one with ``fields``."""
    created = sector is None
    if created:
        sector = Sector(position=len(list_sectors()))
        db.session.add(sector)
    changes = apply_changes(sector, fields)
    db.session.flush()
    audit.record('sector.created' if created else 'sector.updated', sector, actor=actor, **changes)
    if not created and 'is_government' in changes:
        # The seats of a sector that changes side count on the other: the rules are checked.
        sector_side_changed.send(sector, was_government=changes['is_government'][0], actor=actor)
    return sector


def save_organisation(organisation: Organisation | None, *, actor: Actor | None, **fields):
    """Create an organisation (``organisation`` None) or update one with ``fields``."""
    created = organisation is None
    if created:
        organisation = Organisation()
        db.session.add(organisation)
    changes = apply_changes(organisation, fields)
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
