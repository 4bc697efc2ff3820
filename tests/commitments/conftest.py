"""Fixtures for plans and commitments: a plan in drafting, organisations, complete texts."""

from datetime import date

import pytest

from forum.commitments.fields import commitment_text_columns, milestone_text_columns
from forum.commitments.services import create_commitment, save_milestone
from forum.extensions import db as _db
from forum.naps.models import PolicyArea
from forum.naps.services import create_nap, move_nap
from forum.sectors.services import save_organisation, sector_by_code


@pytest.fixture
def orgs(app):
    """Three organisations: a ministry, a civil-society group, a university."""
    with app.app_context():
        made = {
            key: save_organisation(
                None, actor=None, name_th=th, name_en=en, sector=sector_by_code(sector)
            ).id
            for key, th, en, sector in (
                ('ministry', 'กระทรวงการคลัง', 'Ministry of Finance', 'government'),
                ('cso', 'เครือข่ายงบประมาณเปิด', 'Open Budget Network', 'civil_society'),
                ('uni', 'มหาวิทยาลัยตัวอย่าง', 'Example University', 'academia'),
            )
        }
        _db.session.commit()
    return made


@pytest.fixture
def nap_id(app, secretariat):
    """A two-year plan ending 30 June 2028, in drafting."""
    with app.app_context():
        user = _db.session.merge(secretariat)
        nap = create_nap(
            actor=user, number=1, title_th='แผนปฏิบัติการฯ ฉบับที่ 1', title_en='First NAP',
            start_year=2026, length_years=2, end_month=6,
        )  # fmt: skip
        move_nap(nap, 'drafting', actor=user)
        _db.session.commit()
        return nap.id


def complete_fields(orgs: dict, area_code: str = 'fiscal_openness') -> dict:
    """Every commitment field filled in Thai and English."""
    fields = {name: f'ข้อความ {name}' if name.endswith('_th') else f'Text {name}'
              for name in commitment_text_columns()}  # fmt: skip
    fields.update(
        policy_area_id=_db.session.query(PolicyArea.id).filter_by(code=area_code).scalar(),
        lead_agency_id=orgs['ministry'],
        contact_name='ผู้ประสานงาน',
        contact_email='contact@example.org',
        start_date=date(2026, 7, 1),
        end_date=date(2028, 6, 30),
        value_access=True,
        value_participation=False,
        value_accountability=False,
        value_technology=False,
    )
    return fields


def milestone_fields(orgs: dict, n: int = 1) -> dict:
    """A complete milestone."""
    fields = {name: f'ผลผลิต {n} {name}' if name.endswith('_th') else f'Output {n} {name}'
              for name in milestone_text_columns()}  # fmt: skip
    fields.update(
        responsible_organisation_id=orgs['ministry'],
        start_date=date(2026, 8, 1),
        end_date=date(2027, 3, 31),
        status='not_started',
        evidence_url='',
    )
    return fields


@pytest.fixture
def make_commitment(app, orgs, nap_id, secretariat):
    """Factory: a commitment (complete unless told otherwise) with ``milestones`` milestones."""

    def factory(*, complete: bool = True, milestones: int = 2, actor=None, **overrides) -> int:
        with app.app_context():
            from forum.naps.models import Nap

            nap = _db.session.get(Nap, nap_id)
            user = _db.session.merge(actor or secretariat)
            fields = complete_fields(orgs) if complete else {
                'policy_area_id': complete_fields(orgs)['policy_area_id'],
                'title_th': 'ร่างพันธสัญญา',
            }  # fmt: skip
            fields.update(overrides)
            commitment = create_commitment(nap, actor=user, fields=fields)
            for n in range(1, milestones + 1):
                save_milestone(
                    commitment, None, actor=user, fields=milestone_fields(orgs, n),
                    base_version=commitment.version,
                )  # fmt: skip
            _db.session.commit()
            return commitment.id

    return factory
