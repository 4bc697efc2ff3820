"""Select options for the drafting forms: policy areas, organisations grouped by sector."""

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..extensions import db
from ..members.models import Organisation, Sector
from ..naps.models import PolicyArea


def policy_area_choices() -> list[SelectChoice]:
    """The nine policy areas, in the reader's language."""
    areas = db.session.scalars(select(PolicyArea).order_by(PolicyArea.position))
    return [SelectChoice(str(a.id), a.name) for a in areas]


def organisation_choices(blank: str | None = None) -> list[SelectChoice]:
    """Every organisation, grouped by sector (an ``<optgroup>`` each)."""
    rows = db.session.scalars(
        select(Organisation)
        .join(Organisation.sector)
        .order_by(Sector.position, Organisation.name_th)
    )
    choices = [SelectChoice('', blank)] if blank else []
    choices += [SelectChoice(str(o.id), o.name, optgroup=o.sector.name) for o in rows]
    return choices


def people_choices() -> list[SelectChoice]:
    """Every active account, grouped by sector, for the drafting team."""
    rows = db.session.scalars(
        select(User).where(User.is_active_account.is_(True)).order_by(User.display_name)
    )
    return [
        SelectChoice(str(u.id), f'{u.display_name} — {u.organisation_label or ""}'.rstrip(' —'),
                     optgroup=u.sector.name)
        for u in rows
    ]  # fmt: skip


def no_choice_label() -> str:
    """The label of an empty choice."""
    return _('— not chosen —')
