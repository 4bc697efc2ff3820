"""``flask forum demo`` also drafts Thailand's first NAP: bilingual commitments, one unfinished."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from forum.commitments.checklist import check
from forum.commitments.fields import COMMITMENT_TEXTS, MILESTONE_TEXTS, OGP_VALUES
from forum.commitments.models import Commitment, CommitmentRevision, Milestone
from forum.core.audit import AuditEntry
from forum.demo.data import ORGANISATIONS
from forum.demo.nap_data import COMMITMENTS, NAP
from forum.naps.models import Nap, NapState
from forum.sectors.models import Organisation

THAI = re.compile('[\u0e00-\u0e7f]')


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def demo(runner, db):
    """Run ``flask forum demo`` once; return its output."""
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    return result.output


def _plan(db) -> Nap:
    return db.session.scalar(select(Nap).filter_by(number=1))


def _commitments(db) -> list[Commitment]:
    return list(
        db.session.scalars(
            select(Commitment).filter_by(nap_id=_plan(db).id).order_by(Commitment.number)
        )
    )


def test_the_plan_is_in_drafting_for_two_years_ending_in_june(db, demo):
    nap = _plan(db)
    assert nap.state == NapState.drafting
    assert (nap.start_date, nap.end_date) == (date(2026, 7, 1), date(2028, 6, 30))
    assert nap.length_years == 2
    assert nap.title_th == 'แผนปฏิบัติการระดับชาติว่าด้วยรัฐบาลเปิด ฉบับที่ 1 (พ.ศ. 2569–2571)'
    assert nap.title_en == "Thailand's First Open Government National Action Plan 2026–2028"
    assert '1 NAP(s), 7 commitments' in demo


def test_commitments_cover_six_policy_areas_or_more(db, demo):
    commitments = _commitments(db)
    assert len(commitments) >= 6
    assert len({c.policy_area.code for c in commitments}) >= 6
    assert [c.number for c in commitments] == list(range(1, len(commitments) + 1))
    assert {c.code for c in commitments} >= {'TH0001', 'TH0006'}


def test_exactly_one_commitment_fails_its_checklist(db, demo):
    failing = {c.code: check(c) for c in _commitments(db) if check(c)}
    assert len(failing) == 1
    (problems,) = failing.values()
    codes = {(p.code, p.field) for p in problems}
    # The unfinished milestone: no metric, and its output has no English yet.
    assert ('no_metric', 'milestones.2.indicator') in codes
    assert ('untranslated', 'milestones.2.output_en') in codes


def _complete(db) -> list[Commitment]:
    return [c for c in _commitments(db) if not check(c)]


def test_every_text_of_a_complete_commitment_is_in_thai_and_english(db, demo):
    complete = _complete(db)
    assert len(complete) >= 6
    for c in complete:
        names = [name for name, _label, _needed in COMMITMENT_TEXTS]
        ticked = [why for flag, why, _label in OGP_VALUES if getattr(c, flag)]
        assert ticked, c.code
        for name in names + ticked:
            th, en = getattr(c, f'{name}_th'), getattr(c, f'{name}_en')
            assert THAI.search(th), (c.code, name)
            assert en.strip(), (c.code, name)
            assert not THAI.search(en), (c.code, name)
        for m in c.milestones:
            for name, _label in MILESTONE_TEXTS:
                th, en = getattr(m, f'{name}_th'), getattr(m, f'{name}_en')
                assert THAI.search(th), (c.code, m.position, name)
                assert en.strip(), (c.code, m.position, name)
                assert not THAI.search(en), (c.code, m.position, name)


def test_the_problem_states_a_baseline_in_both_languages(db, demo):
    for c in _complete(db):
        assert 'ข้อมูลพื้นฐาน' in c.problem_th, c.code
        assert 'Baseline' in c.problem_en, c.code


def test_owners_contacts_and_supporters_come_from_the_demo(db, demo):
    demo_orgs = {en for _key, _sector, _th, en in ORGANISATIONS}
    for c in _commitments(db):
        assert c.lead_agency.name_en in demo_orgs
        assert c.lead_agency.sector.code == 'government'
        assert c.supporters
        assert {o.name_en for o in c.supporters} <= demo_orgs
        assert c.lead_agency not in c.supporters
        assert c.contact_name.startswith('ผู้ประสานงาน')
        assert c.contact_email.endswith('@example.org')
        assert c.editors, c.code
        for m in c.milestones:
            assert m.responsible_organisation.name_en in demo_orgs


def test_dates_nest_plan_commitment_milestone(db, demo):
    nap = _plan(db)
    for c in _commitments(db):
        assert nap.contains(c.start_date), c.code
        assert nap.contains(c.end_date), c.code
        assert c.start_date < c.end_date
        assert 2 <= len(c.milestones) <= 4, c.code
        assert [m.position for m in c.milestones] == list(range(1, len(c.milestones) + 1))
        for m in c.milestones:
            assert c.start_date <= m.start_date <= m.end_date <= c.end_date, (c.code, m.position)


def test_each_save_is_a_revision(db, demo):
    for c in _commitments(db):
        revisions = _count_revisions(db, c)
        assert revisions == 1 + len(c.milestones) == c.version, c.code


def _count_revisions(db, commitment) -> int:
    return db.session.scalar(
        select(func.count()).select_from(CommitmentRevision).filter_by(commitment_id=commitment.id)
    )


def test_running_demo_twice_creates_nothing(runner, db, demo):
    models = (Nap, Commitment, Milestone, CommitmentRevision, Organisation, AuditEntry)
    before = [_count(db, m) for m in models]
    versions = {c.id: c.version for c in _commitments(db)}
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    assert '0 NAP(s), 0 commitments, 0 milestones created' in result.output
    db.session.expire_all()
    assert [_count(db, m) for m in models] == before
    assert {c.id: c.version for c in _commitments(db)} == versions


def test_an_edited_title_is_not_duplicated_while_the_other_language_matches(runner, db, demo):
    first = _commitments(db)[0]
    first.title_en = 'A title the drafting team changed'
    db.session.commit()
    result = runner.invoke(args=['forum', 'demo'])
    assert '0 commitments' in result.output
    assert len(_commitments(db)) == len(COMMITMENTS)


def test_the_data_names_known_areas_and_organisations():
    # The data module alone: one commitment per policy area, organisations from data.py.
    assert NAP['number'] == 1
    assert NAP['state'] == 'drafting'
    assert len({c['policy_area'] for c in COMMITMENTS}) == len(COMMITMENTS)
    keys = {key for key, *_rest in ORGANISATIONS}
    for c in COMMITMENTS:
        assert c['lead'] in keys
        assert set(c['supporters']) <= keys
        assert all(m['responsible'] in keys for m in c['milestones'])
