"""Operations on NAP reference data."""

from sqlalchemy import select

from ..core import audit
from ..extensions import db
from .defaults import POLICY_AREAS
from .models import PolicyArea


def ensure_policy_areas() -> list[PolicyArea]:
    """Create OGP's nine policy areas that do not exist yet (matched by code); return all."""
    existing = set(db.session.scalars(select(PolicyArea.code)))
    for position, (code, name_th, name_en, description, agencies) in enumerate(POLICY_AREAS):
        if code in existing:
            continue
        area = PolicyArea(
            code=code,
            name_th=name_th,
            name_en=name_en,
            description_th=description,
            lead_agencies_th='\n'.join(agencies),
            position=position,
        )
        db.session.add(area)
        db.session.flush()
        audit.record('policy_area.created', area, actor=None, code=code)
    return list(db.session.scalars(select(PolicyArea).order_by(PolicyArea.position)))
