"""Load the demo consultation round idempotently, through the services, as it would have run.

The round is matched by its Thai title on plan 1; when it exists (or the plan is not in
drafting or consultation), nothing is done. Otherwise it runs its whole life with an explicit
clock: announced, opened 60 days ago (the plan moves to consultation), inputs online and
offline over 30 days, closed, themes and responses, published; then the plan goes back to
drafting to carry the changes, whose revisions the adopted responses name.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from ..auth.services import user_by_email
from ..commitments.models import Commitment, CommitmentRevision
from ..consultations.models import ConsultationRound
from ..consultations.services.inputs import (
    hide_input,
    record_offline_input,
    submit_input,
    withdraw_input,
)
from ..consultations.services.participants import register_participant
from ..consultations.services.responses import respond
from ..consultations.services.rounds import (
    ROUND_PLAN_STATES,
    announce_round,
    close_round,
    create_round,
    open_round,
    publish_round,
)
from ..consultations.services.themes import create_theme, merge_input, set_theme
from ..consultations.times import from_local, local_date
from ..core.i18n import local_today
from ..extensions import db
from ..naps.models import Nap, NapState
from ..naps.services import move_nap
from ..sectors.services import sector_by_code
from .consultation_data import PROVINCES, RESPONSES, ROUND, THEMES
from .consultation_inputs import INPUTS


def _schedule() -> tuple[datetime, datetime, datetime]:
    """Announced two weeks before opening; opened 60 days ago at 9:00; 30 days long."""
    opens = datetime.combine(local_today() - timedelta(days=ROUND['opened_days_ago']), time(9))
    closes = datetime.combine(opens.date() + timedelta(days=ROUND['days_open']), time(16, 30))
    announced = opens - timedelta(days=14)
    return from_local(announced), from_local(opens), from_local(closes)


def _about(commitments: dict[int, Commitment], data: dict) -> str:
    if data.get('on') is None:
        return ''
    about = f'c{commitments[data["on"]].id}'
    return about + (f':{data["part"]}' if data.get('part') else '')


def _latest_revisions(commitments: dict[int, Commitment], numbers) -> list[int]:
    ids = []
    for number in numbers:
        ids.append(
            db.session.scalar(
                select(CommitmentRevision.id)
                .filter_by(commitment_id=commitments[number].id)
                .order_by(CommitmentRevision.number.desc())
                .limit(1)
            )
        )
    return ids


def _respond(target, key: str, *, actor, commitments, now) -> None:
    disposition, reason, numbers = RESPONSES[key]
    respond(
        target, actor=actor, disposition=disposition, reason=reason,
        revision_ids=_latest_revisions(commitments, numbers), now=now,
    )  # fmt: skip


def load_demo_consultation() -> dict[str, int]:
    """Create the demo round with its inputs, themes and responses if missing; return counts."""
    created = {'rounds': 0, 'inputs': 0}
    nap = db.session.scalar(select(Nap).filter_by(number=1))
    title_th, title_en = ROUND['title']
    if nap is None or nap.state not in ROUND_PLAN_STATES:
        return created
    if db.session.scalar(select(ConsultationRound.id).filter_by(nap_id=nap.id, title_th=title_th)):
        return created
    secretariat = user_by_email(ROUND['actor'])
    commitments = {
        c.number: c
        for c in db.session.scalars(select(Commitment).filter_by(nap_id=nap.id)).unique()
    }
    announced, opens, closes = _schedule()
    description_th, description_en = ROUND['description']
    round_ = create_round(
        nap, actor=secretariat, now=announced,
        fields={
            'title_th': title_th, 'title_en': title_en, 'description_th': description_th,
            'description_en': description_en, 'announce_on': local_date(announced),
            'opens_at': opens, 'closes_at': closes, 'channels': ROUND['channels'],
            'covers_all': True,
        },
    )  # fmt: skip
    announce_round(round_, actor=secretariat, now=announced)
    open_round(round_, actor=secretariat, now=opens)
    for email, province in PROVINCES.items():
        user = user_by_email(email)
        register_participant(
            user, actor=user, sector=user.sector, organisation=user.organisation_label or '',
            province=province, consent=True, now=opens,
        )  # fmt: skip
    items = []
    for n, data in enumerate(INPUTS):
        at = opens + timedelta(days=data['day'], hours=n % 7)
        if data['channel'] == 'online':
            user = user_by_email(data['by'])
            item = submit_input(
                round_, actor=user, about=_about(commitments, data), body=data['text'],
                publish_name=data.get('named', False), now=at,
            )  # fmt: skip
            if data.get('withdrawn'):
                withdraw_input(item, actor=user, now=at + timedelta(hours=2))
        else:
            item = record_offline_input(
                round_, actor=secretariat, about=_about(commitments, data),
                channel=data['channel'], received_on=local_date(at),
                sector=sector_by_code(data['sector']), body=data['text'],
                name=data.get('name', ''), organisation=data.get('organisation', ''),
                province=data.get('province'), publish_name=data.get('named', False),
                contact=data.get('contact', ''), now=at,
            )  # fmt: skip
        items.append(item)
    close_round(round_, actor=secretariat, now=closes)
    decided = closes + timedelta(days=5)
    themes = {}
    for key, (theme_th, theme_en, response) in THEMES.items():
        themes[key] = create_theme(round_, actor=secretariat, title_th=theme_th, title_en=theme_en)
        _respond(themes[key], response, actor=secretariat, commitments=commitments, now=decided)
    for item, data in zip(items, INPUTS, strict=True):
        if data.get('theme'):
            set_theme(item, themes[data['theme']], actor=secretariat)
        if data.get('duplicate_of') is not None:
            merge_input(item, items[data['duplicate_of']], actor=secretariat)
        if data.get('response'):
            _respond(
                item, data['response'], actor=secretariat, commitments=commitments, now=decided
            )
        if data.get('hidden'):
            hide_input(item, actor=secretariat, reason=data['hidden'], now=decided)
    publish_round(round_, actor=secretariat, now=closes + timedelta(days=10))
    # The consultation asked for changes: the plan goes back to drafting to carry them.
    move_nap(nap, NapState.drafting, actor=secretariat)
    db.session.flush()
    return {'rounds': 1, 'inputs': len(items)}
