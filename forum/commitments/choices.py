"""Select options for the drafting forms: policy areas, organisations grouped by sector."""

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..core.i18n import local_today
from ..extensions import db
from ..members.affiliation import affiliation_label
from ..members.models import Membership
from ..members.seats import held_on
from ..naps.models import PolicyArea
from ..sectors.models import Organisation, Sector


def policy_area_choices() -> list[SelectChoice]:
    """A "choose" prompt, then the nine policy areas in the reader's language.

    The prompt comes first so that a new commitment starts with no area chosen (a browser
    selects the first option): the person must choose one (the form refuses the empty value).
    """
    areas = db.session.scalars(select(PolicyArea).order_by(PolicyArea.position))
    return [SelectChoice('', _('Choose a policy area'))] + [
        SelectChoice(str(a.id), a.name) for a in areas
    ]


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


def people_choices(team=()) -> list[SelectChoice]:
    """The drafting-team picker: everyone holding a seat today, by the seat's sector.

    Each label tells two people of the same name apart: organisation, whether the secretariat
    verified it, and the e-mail (the picker is the secretariat's). People already on the team
    without a seat today stay listed, marked, so that saving the team does not drop them unseen.
    """
    today = local_today()
    seats = db.session.scalars(
        select(Membership)
        .join(Membership.user)
        .join(Membership.sector)
        .where(held_on(today), User.is_active_account.is_(True))
        .order_by(Sector.position, User.display_name, Membership.id)
    ).unique()
    choices, seen = [], set()
    for seat in seats:
        if seat.user_id not in seen:
            seen.add(seat.user_id)
            choices.append(SelectChoice(str(seat.user_id), _person_label(seat.user),
                                        optgroup=seat.sector.name))  # fmt: skip
    unseated = _('No seat today')
    for user in sorted(team, key=lambda u: u.display_name):
        if user.id not in seen:
            choices.append(SelectChoice(str(user.id), _person_label(user), optgroup=unseated))
    return choices


def _person_label(user: User) -> str:
    parts = [user.display_name]
    if user.organisation_label:
        parts.append(f'{user.organisation_label} ({affiliation_label(user)})')
    parts.append(user.email)
    return ' — '.join(parts)


def no_choice_label() -> str:
    """The label of an empty choice."""
    return _('— not chosen —')
