"""Operations on plans and their reference data: explicit actor, flush, audit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core import audit
from ..core.refusals import Refused
from ..extensions import db
from .defaults import POLICY_AREAS
from .models import Nap, NapState, PolicyArea, nap_period


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


def create_nap(
    *, actor: User | None, number: int, title_th: str, title_en: str, start_year: int,
    length_years: int, end_month: int,
) -> Nap:  # fmt: skip
    """Create a plan in the planning state; its period follows from length and end month."""
    if db.session.scalar(select(Nap.id).filter_by(number=number)) is not None:
        raise Refused(_l('A plan with this number exists already.'))
    start, end = nap_period(start_year, length_years, end_month)
    nap = Nap(
        number=number,
        title_th=title_th.strip(),
        title_en=title_en.strip(),
        length_years=length_years,
        start_date=start,
        end_date=end,
        state=NapState.planning,
    )
    db.session.add(nap)
    db.session.flush()
    audit.record('nap.created', nap, actor=actor, number=number, start=start, end=end)
    return nap


def move_nap(nap: Nap, state: str, *, actor: User | None) -> None:
    """Move a plan to ``state`` (raises Refused when the move is illegal)."""
    old = nap.state
    nap.move_to(state)
    db.session.flush()
    audit.record('nap.state_changed', nap, actor=actor, old=old, new=nap.state)
