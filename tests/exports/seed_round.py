"""A published consultation round of any size, for the benchmark and the browser test.

Run inside an app context. Inputs are written straight to the table (10,000 of them through
the service would take minutes, one ``UPDATE … RETURNING`` each); the round moves through its
states, the themes and their responses through the services. Texts are pieces of the seed
document's passages; one input in three is named with consent, one in fifty is hidden, one in
ninety-seven withdrawn.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import select

from forum.auth.models import User
from forum.auth.services import create_user
from forum.commitments.services import create_commitment
from forum.consultations.models import ConsultationInput
from forum.consultations.provinces import PROVINCES
from forum.consultations.services.responses import respond
from forum.consultations.services.rounds import (
    announce_round,
    close_round,
    create_round,
    open_round,
    publish_round,
)
from forum.consultations.services.themes import create_theme
from forum.db import utcnow
from forum.extensions import db
from forum.naps.models import Nap, PolicyArea
from forum.naps.services import create_nap, move_nap
from forum.sectors.models import Sector
from tests.exports.passages import PASSAGES, STACKED

_TEXT = ' '.join(PASSAGES.values()) + ' ' + STACKED
DISPOSITIONS = ('adopted', 'partly_adopted', 'not_adopted', 'already_covered', 'out_of_scope',
                'deferred')  # fmt: skip
#: What the browser test looks for in the PDF.
FIRST_TEXT = 'ข้อเสนอแรกเรื่องน้ำสะอาดสำหรับทุกคน'


def _secretariat() -> User:
    found = db.session.scalar(select(User).filter_by(role='secretariat').limit(1))
    if found is not None:
        return found
    sector = db.session.scalar(select(Sector).filter_by(code='government'))
    return create_user(actor=None, email='bench-sec@example.org', password='bench-password-1',
                       display_name='เลขานุการ', sector=sector, role='secretariat')  # fmt: skip


def seed_round(inputs: int, *, text_length: int = 300) -> int:
    """A plan, three commitments and a published round of ``inputs`` inputs; its id."""
    actor = _secretariat()
    number = (db.session.scalar(select(db.func.max(Nap.number))) or 0) + 1
    nap = create_nap(
        actor=actor, number=number, title_th=f'แผนปฏิบัติการระดับชาติ ฉบับที่ {number}',
        title_en=f'National Action Plan {number}', start_year=2030 + 2 * number,
        length_years=2, end_month=6,
    )  # fmt: skip
    move_nap(nap, 'drafting', actor=actor)
    area = db.session.scalar(select(PolicyArea).order_by(PolicyArea.position).limit(1))
    commitments = [
        create_commitment(
            nap,
            actor=actor,
            fields={
                'title_th': f'พันธสัญญาที่ {n} น้ำสะอาด',
                'title_en': f'Commitment {n}',
                'policy_area_id': area.id,
            },
        )  # fmt: skip
        for n in (1, 2, 3)
    ]
    now = utcnow()
    opens, closes = now - timedelta(days=40), now - timedelta(days=10)
    round_ = create_round(
        nap, actor=actor, now=opens - timedelta(days=2),
        fields={
            'title_th': 'รับฟังความคิดเห็นต่อร่างแผน', 'title_en': 'Consultation on the draft plan',
            'description_th': 'รายละเอียดของการรับฟังความคิดเห็น', 'description_en': 'Details',
            'announce_on': (opens - timedelta(days=1)).date(), 'opens_at': opens,
            'closes_at': closes, 'channels': ['online', 'meeting', 'written'],
            'covers_all': True,
        },
    )  # fmt: skip
    announce_round(round_, actor=actor, now=opens - timedelta(days=1))
    open_round(round_, actor=actor, now=opens)
    sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
    provinces = list(PROVINCES)
    targets = [None, *commitments]
    cursor = itertools.count()
    rows = []
    for n in range(1, inputs + 1):
        start = (next(cursor) * 97) % (len(_TEXT) - text_length)
        body = FIRST_TEXT if n == 1 else _TEXT[start : start + text_length]
        commitment = targets[n % len(targets)]
        status = 'withdrawn' if n % 97 == 0 else 'hidden' if n % 50 == 0 else 'active'
        rows.append(
            ConsultationInput(
                round_id=round_.id, seq=n, commitment_id=commitment.id if commitment else None,
                body=body, channel=('online', 'meeting', 'written')[n % 3],
                submitter_name=f'ผู้เสนอ {n}', organisation=f'องค์กร {n}' if n % 2 else '',
                sector_id=sectors[n % len(sectors)].id, province=provinces[n % len(provinces)],
                publish_name=n % 3 == 0, received_on=(opens + timedelta(days=n % 30)).date(),
                recorded_by_id=actor.id, status=status,
                hidden_reason='มีข้อมูลส่วนบุคคล' if status == 'hidden' else None,
            )
        )  # fmt: skip
    db.session.add_all(rows)
    round_.input_seq = inputs
    db.session.flush()
    close_round(round_, actor=actor, now=closes)
    themes = [
        create_theme(
            round_, actor=actor, title_th=f'ประเด็นที่ {t} การเข้าถึงน้ำ', title_en=f'Issue {t}'
        )  # fmt: skip
        for t in range(1, 21)
    ]
    db.session.flush()
    for n, item in enumerate(rows):
        item.theme_id = themes[n % len(themes)].id
    db.session.flush()
    for t, theme in enumerate(themes):
        respond(theme, actor=actor, disposition=DISPOSITIONS[t % len(DISPOSITIONS)],
                reason=_TEXT[t * 40 : t * 40 + 120])  # fmt: skip
    publish_round(round_, actor=actor, now=closes + timedelta(hours=1))
    db.session.commit()
    return round_.id
