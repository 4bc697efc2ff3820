"""Registering for consultation: a sector, an optional organisation and province, consent."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...auth.models import User
from ...core import audit
from ...core.audit import apply_changes
from ...core.names import hidden_characters
from ...core.refusals import Refused
from ...db import utcnow
from ...extensions import db
from ...sectors.models import Sector
from ..models import ConsultationParticipant
from ..notice import NOTICE_VERSION
from ..provinces import PROVINCES


def current_participant(user: User, *, any_version: bool = False):
    """``user``'s registration for consultation, if they agreed to the notice in force.

    ``any_version``: whatever version of the notice they agreed to.
    """
    if user is None or not getattr(user, 'is_authenticated', False):
        return None
    found = db.session.scalar(select(ConsultationParticipant).filter_by(user_id=user.id))
    if found is None or (not any_version and found.notice_version != NOTICE_VERSION):
        return None
    return found


def register_participant(
    user: User, *, actor: User, sector: Sector | None, organisation: str = '',
    province: str | None = None, consent: bool = False, now: datetime | None = None,
) -> ConsultationParticipant:  # fmt: skip
    """Record (or update) ``user``'s details for consultation and their consent to the notice.

    The consent names the notice's version and its time; without consent nobody takes part.
    """
    if not consent:
        raise Refused(_l('Agree to the personal-data notice to take part.'))
    if sector is None:
        raise Refused(_l('Choose one of the listed sectors.'))
    organisation = (organisation or '').strip()
    if len(organisation) > 255 or hidden_characters(organisation):
        raise Refused(_l('Write the organisation in visible characters (at most 255).'))
    if province not in (None, '') and province not in PROVINCES:
        raise Refused(_l('There is no such province.'))
    participant = db.session.scalar(select(ConsultationParticipant).filter_by(user_id=user.id))
    created = participant is None
    if created:
        participant = ConsultationParticipant(user_id=user.id)
        db.session.add(participant)
    changes = apply_changes(
        participant,
        {
            'sector_id': sector.id,
            'organisation': organisation,
            'province': province or None,
            'notice_version': NOTICE_VERSION,
            'consented_dt': now or utcnow(),
        },
    )
    db.session.flush()
    action = (
        'consultation_participant.registered' if created else 'consultation_participant.updated'
    )
    audit.record(action, participant, actor=actor, **changes)
    return participant
