"""A public plan whose texts are seed passages, stacked marks, control characters and emoji."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.commitments.fields import COMMITMENT_TEXTS
from forum.commitments.services import create_commitment, save_milestone, withdraw
from forum.naps.models import PolicyArea
from forum.naps.services import create_nap, move_nap
from forum.sectors.services import save_organisation, sector_by_code
from tests.exports.passages import NOISY_CLEAN, NOISY_TITLE, PASSAGES, STACKED  # noqa: F401


@dataclass(frozen=True)
class World:
    """Ids of what the fixture made."""

    nap_id: int
    planning_nap_id: int
    commitment_ids: list[int]
    noisy_id: int
    withdrawn_id: int


def _texts(th: str, en: str) -> dict:
    fields = {}
    for name, _label, _needed in COMMITMENT_TEXTS:
        fields[f'{name}_th'] = th
        fields[f'{name}_en'] = en
    return fields


@pytest.fixture
def world(db, secretariat) -> World:
    """A plan in drafting: two commitments of seed passages, a noisy one, a withdrawn one."""
    sec = db.session.get(User, secretariat.id)
    government = sector_by_code('government')
    ministry = save_organisation(
        None, actor=sec, name_th='สำนักงาน ก.พ.ร.', name_en='OPDC', sector=government
    )
    network = save_organisation(
        None, actor=sec, name_th='เครือข่ายน้ำใจ', name_en='Water Network',
        sector=sector_by_code('civil_society'),
    )  # fmt: skip
    nap = create_nap(
        actor=sec, number=1, title_th='แผนปฏิบัติการระดับชาติ ฉบับที่ 1',
        title_en='First National Action Plan', start_year=2026, length_years=2, end_month=6,
    )  # fmt: skip
    move_nap(nap, 'drafting', actor=sec)
    planning = create_nap(
        actor=sec, number=2, title_th='แผนที่ยังวางแผน', title_en='A plan in planning',
        start_year=2028, length_years=2, end_month=6,
    )  # fmt: skip
    area = db.session.scalar(select(PolicyArea).filter_by(code='anti_corruption'))
    other = db.session.scalar(select(PolicyArea).filter_by(code='civic_space'))
    passages = list(PASSAGES.values())
    ids = []
    for n, (passage, policy_area) in enumerate(((passages[0], area), (passages[1], other))):
        fields = _texts(passage, f'English text {n}')
        fields.update(
            title_th=f'พันธกรณีที่ {n + 1} {STACKED}', title_en=f'Commitment {n + 1}',
            policy_area_id=policy_area.id, lead_agency_id=ministry.id,
            value_access=True, value_access_why_th=passages[2], value_access_why_en='Why',
            contact_name='สมหญิง ใจดี', contact_email='contact@example.org',
            start_date=date(2026, 7, 1), end_date=date(2028, 6, 30), budget='2 ล้านบาท',
        )  # fmt: skip
        commitment = create_commitment(nap, actor=sec, fields=fields, supporters=[network])
        for m in (1, 2):
            save_milestone(
                commitment, None, actor=sec, base_version=commitment.version,
                fields={
                    'output_th': passages[3] if m == 1 else f'ผลผลิตที่ {m} น้ำดื่มสะอาด',
                    'output_en': f'Output {m}', 'indicator_th': 'ร้อยละของหน่วยงาน',
                    'indicator_en': 'Share of agencies', 'baseline_th': 'ร้อยละ 0',
                    'baseline_en': '0%', 'target_th': 'ร้อยละ 80', 'target_en': '80%',
                    'responsible_organisation_id': ministry.id,
                    'start_date': date(2026, 8, 1), 'end_date': date(2027, 3, 31),
                },
            )  # fmt: skip
        ids.append(commitment.id)
    noisy = create_commitment(
        nap, actor=sec,
        fields={**_texts(NOISY_TITLE, NOISY_TITLE), 'policy_area_id': area.id,
                'contact_name': '=HYPERLINK("http://evil.example")'},
    )  # fmt: skip
    gone = create_commitment(
        nap, actor=sec,
        fields={**_texts('พันธกรณีที่ถอนแล้ว', 'Withdrawn one'), 'policy_area_id': area.id},
    )  # fmt: skip
    withdraw(gone, 'ซ้ำกับพันธกรณีอื่น', actor=sec)
    db.session.commit()
    return World(nap.id, planning.id, ids, noisy.id, gone.id)


@pytest.fixture(autouse=True)
def exports_dir(app, tmp_path):
    """Each test's export jobs in a folder of its own."""
    app.config['EXPORTS_DIR'] = str(tmp_path / 'exports')
    return tmp_path / 'exports'


# The consultation fixtures, for the round's summary (tests.exports.rounds).
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: E402, F401, I001
from tests.consultations.conftest import citizen, commitments, join, make_round  # noqa: E402, F401
from tests.exports.rounds import summary_round  # noqa: E402, F401
