"""Load the demo MSF and its plan idempotently: what exists (matched by email or name) stays."""

from datetime import date

from sqlalchemy import select

from ..auth.services import create_user, user_by_email
from ..core.i18n import local_today
from ..extensions import db
from ..members.models import Membership
from ..members.services import add_membership
from ..naps.services import ensure_policy_areas
from ..sectors.models import Organisation
from ..sectors.services import ensure_default_sectors, save_organisation, sector_by_code
from .balance_loader import load_demo_balance
from .consultation_loader import load_demo_consultation
from .data import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from .moderation_loader import load_demo_moderation
from .nap_loader import load_demo_nap


def demo_term(today: date) -> tuple[date, date]:
    """The demo seats' term: from 1 January of ``today``'s year to the end of the next year.

    Relative to the day the demo is loaded, so the demo forum is never empty of members.
    """
    return date(today.year, 1, 1), date(today.year + 1, 12, 31)


def load_demo() -> dict[str, int]:
    """Create the demo sectors, organisations, accounts, seats, plan and consultation missing.

    Returns how many of each were created (``organisations``, ``users``, ``seats``, ``naps``,
    ``commitments``, ``milestones``, ``rounds``, ``inputs``, ``rules``, ``decisions``, ``votes``,
    ``moderation_actions``, ``flags``).
    """
    ensure_default_sectors()
    ensure_policy_areas()
    created = {'organisations': 0, 'users': 0, 'seats': 0}
    term_start, term_end = demo_term(local_today())
    organisations = {}
    for key, sector_code, name_th, name_en in ORGANISATIONS:
        org = db.session.scalar(select(Organisation).filter_by(name_en=name_en))
        if org is None:
            org = save_organisation(
                None,
                actor=None,
                name_th=name_th,
                name_en=name_en,
                sector=sector_by_code(sector_code),
            )
            created['organisations'] += 1
        organisations[key] = org
    for email, name, role, sector_code, org_key, seat_role in PEOPLE:
        user = user_by_email(email)
        sector = sector_by_code(sector_code)
        if user is None:
            user = create_user(
                actor=None,
                email=email,
                password=DEMO_PASSWORD,
                display_name=name,
                sector=sector,
                role=role,
                organisation=organisations.get(org_key),
            )
            created['users'] += 1
        if seat_role and not db.session.scalar(select(Membership.id).filter_by(user_id=user.id)):
            add_membership(
                user,
                actor=None,
                sector=sector,
                seat_role=seat_role,
                term_start=term_start,
                term_end=term_end,
                organisation=organisations.get(org_key),
            )
            created['seats'] += 1
    db.session.flush()
    created.update(load_demo_nap(organisations))
    created.update(load_demo_consultation())
    created.update(load_demo_balance())
    created.update(load_demo_moderation())
    return created
