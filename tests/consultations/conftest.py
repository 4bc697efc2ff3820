"""Fixtures for consultations: a plan with commitments, rounds in any state, participants."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forum.auth.models import User
from forum.consultations.models import ConsultationRound
from forum.consultations.services.inputs import record_offline_input
from forum.consultations.services.participants import register_participant
from forum.consultations.services.rounds import (
    announce_round,
    close_round,
    create_round,
    open_round,
    publish_round,
)
from forum.consultations.times import local_date
from forum.core.i18n import local_today
from forum.db import utcnow
from forum.extensions import db as _db
from forum.naps.models import Nap
from forum.sectors.services import sector_by_code
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401

EN = {'Accept-Language': 'en'}
TH = {'Accept-Language': 'th'}


def round_fields(opens, closes, **overrides) -> dict:
    """What the secretariat writes for a round."""
    fields = {
        'title_th': 'รับฟังความคิดเห็นต่อร่างแผน',
        'title_en': 'Consultation on the draft plan',
        'description_th': 'รายละเอียด',
        'description_en': 'Details',
        'announce_on': (opens - timedelta(days=1)).date(),
        'opens_at': opens,
        'closes_at': closes,
        'channels': ['online', 'meeting'],
        'covers_all': True,
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def commitments(make_commitment) -> list[int]:  # noqa: F811
    """Two commitments of the plan (TH0001, TH0002)."""
    return [make_commitment(milestones=1), make_commitment(milestones=1)]


@pytest.fixture
def make_round(app, nap_id, commitments, secretariat):  # noqa: F811
    """Factory: a round in ``state`` (draft … published) open ``days`` days; returns its id.

    Times are relative to now: an open round opened a day ago; an announced one opens in a day;
    a closed or published one closed a day ago. ``only``: the commitment ids it covers.
    """

    def factory(state: str = 'open', *, days: float = 30, only=None, reason='') -> int:
        now = utcnow()
        if state in ('draft', 'announced'):
            opens = now + timedelta(days=1)
        elif state == 'open':
            opens = now - timedelta(days=1)
        else:
            opens = now - timedelta(days=days + 1)
        closes = opens + timedelta(days=days)
        with app.app_context():
            actor = _db.session.merge(secretariat)
            nap = _db.session.get(Nap, nap_id)
            from forum.commitments.models import Commitment

            chosen = [_db.session.get(Commitment, i) for i in only or ()]
            round_ = create_round(
                nap, actor=actor, commitments=chosen,
                fields=round_fields(opens, closes, covers_all=not only),
                now=opens - timedelta(days=2),
            )  # fmt: skip
            if state != 'draft':
                announce_round(round_, actor=actor, now=opens - timedelta(days=1))
            if state in ('open', 'closed', 'published'):
                open_round(round_, actor=actor, now=opens, reason=reason)
            if state in ('closed', 'published'):
                close_round(round_, actor=actor, now=closes)
            if state == 'published':
                publish_round(round_, actor=actor, now=closes + timedelta(hours=1))
            _db.session.commit()
            return round_.id

    return factory


@pytest.fixture
def join(app):
    """Factory: register ``user`` for consultation (consent given); returns the user."""

    def factory(user: User, *, sector: str = 'civil_society', province='TH-50', organisation=''):
        with app.app_context():
            person = _db.session.merge(user)
            register_participant(
                person, actor=person, sector=sector_by_code(sector), organisation=organisation,
                province=province, consent=True,
            )  # fmt: skip
            _db.session.commit()
        return user

    return factory


@pytest.fixture
def citizen(create_user_, join):
    """A registered participant without a seat, registered for consultation."""
    return join(create_user_(email='citizen@example.org', display_name='พลเมือง ดี'))


def get_round(db, round_id: int) -> ConsultationRound:
    """The round as the database has it now."""
    db.session.expire_all()
    return db.session.get(ConsultationRound, round_id)


def a_day_within(round_) -> date:
    """The latest day an input of ``round_`` may carry: today in Bangkok, or its last day.

    Never the UTC date: from 17:00 UTC Bangkok is a day ahead, and a round closed a day ago
    ended on a Bangkok day before the UTC one (a test failed only at those hours).
    """
    return min(local_date(round_.ended_at), local_today())


def record_offline(db, round_, actor, body='ข้อเสนอ', about=''):
    """An input recorded by the secretariat (a meeting, on a day within it) in ``round_``."""
    return record_offline_input(
        round_, actor=actor, about=about, channel='meeting', received_on=a_day_within(round_),
        sector=sector_by_code('civil_society'), body=body,
    )  # fmt: skip


@pytest.fixture
def three(db, make_round, secretariat):
    """An open round with three offline inputs; returns (round, actor, inputs)."""
    round_ = get_round(db, make_round('open'))
    actor = db.session.merge(secretariat)
    items = [record_offline(db, round_, actor, body=f'ข้อเสนอที่ {n}') for n in (1, 2, 3)]
    db.session.commit()
    return round_, actor, items


@pytest.fixture
def staff(auth, secretariat):
    """The secretariat, logged in."""
    auth.login('sec@example.org')
