"""A published consultation round whose inputs are seed passages, noise, and people who hid."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.commitments.models import CommitmentRevision
from forum.consultations.services.inputs import (
    hide_input,
    record_offline_input,
    submit_input,
    withdraw_input,
)
from forum.consultations.services.responses import respond
from forum.consultations.services.rounds import close_round, publish_round
from forum.consultations.services.themes import create_theme, set_theme
from forum.db import utcnow
from forum.sectors.services import sector_by_code
from tests.consultations.conftest import get_round
from tests.exports.passages import NOISY_TITLE, PASSAGES, STACKED

PASSAGE = list(PASSAGES.values())
PHONE = '081-555-0199'
#: Names that must never appear in any file: people who did not agree, or whose input is gone.
SECRET_NAMES = ('คนขี้อาย', 'มหาวิทยาลัยเงียบ', 'สมาคมลับ', 'หอการค้าลับ', 'ผู้ร่วมเวทีซ่อน',
                'shy@example.org', 'citizen@example.org', PHONE)  # fmt: skip
WITHDRAWN_TEXT = 'ข้อความที่ถอนแล้วห้ามเผยแพร่'
HIDDEN_TEXT = f'โทรหาฉันที่ {PHONE} ข้อความซ่อน'
NAMED = 'พลเมือง ดี'
REASON = f'รับไว้พิจารณา {STACKED}'


@pytest.fixture
def summary_round(db, make_round, secretariat, citizen, join, create_user_, commitments):
    """A published round: named, anonymous, noisy, withdrawn and hidden inputs, a theme."""
    round_ = get_round(db, make_round('open'))
    actor = db.session.merge(secretariat)
    person = db.session.merge(citizen)
    shy = create_user_(email='shy@example.org', display_name='คนขี้อาย')
    join(shy, sector='academia', province='TH-40', organisation='มหาวิทยาลัยเงียบ')
    shy = db.session.merge(shy)
    today = (utcnow() + timedelta(hours=7)).date()
    named = submit_input(round_, actor=person, about=f'c{commitments[0]}:problem',
                         body=PASSAGE[0], publish_name=True)  # fmt: skip
    anonymous = submit_input(round_, actor=shy, about='', body=f'{PASSAGE[1]} {STACKED}')
    withdrawn = submit_input(round_, actor=shy, about='', body=WITHDRAWN_TEXT)
    withdraw_input(withdrawn, actor=shy)
    noisy = record_offline_input(
        round_, actor=actor, about=f'c{commitments[1]}', channel='written', received_on=today,
        sector=sector_by_code('private_sector'), body=NOISY_TITLE, name='สมาคมลับ',
        organisation='หอการค้าลับ', province='TH-20', publish_name=False, contact=PHONE,
    )  # fmt: skip
    hidden = record_offline_input(
        round_, actor=actor, about='', channel='meeting', received_on=today,
        sector=sector_by_code('other'), body=HIDDEN_TEXT, name='ผู้ร่วมเวทีซ่อน', publish_name=True,
    )  # fmt: skip
    hide_input(hidden, actor=actor, reason='มีหมายเลขโทรศัพท์')
    theme = create_theme(round_, actor=actor, title_th='ความโปร่งใส', title_en='Transparency')
    set_theme(named, theme, actor=actor)
    set_theme(anonymous, theme, actor=actor)
    revision = db.session.scalar(
        select(CommitmentRevision).filter_by(commitment_id=commitments[0]).limit(1)
    )
    respond(theme, actor=actor, disposition='partly_adopted', reason=REASON)
    respond(named, actor=actor, disposition='adopted', revision_ids=[revision.id])
    respond(noisy, actor=actor, disposition='out_of_scope', reason=PASSAGE[2])
    close_round(round_, actor=actor)
    publish_round(round_, actor=actor)
    db.session.commit()
    return round_.id
