import threading

import pytest
from sqlalchemy import select

from forum.commitments.checklist import check
from forum.commitments.models import Commitment, CommitmentRevision
from forum.commitments.services import (
    Conflict,
    create_commitment,
    restore_revision,
    update_commitment,
)
from forum.core.audit import AuditEntry
from forum.naps.models import Nap
from tests.commitments.conftest import complete_fields


def test_numbers_are_per_plan_and_never_reused(db, make_commitment):
    first = db.session.get(Commitment, make_commitment(milestones=0))
    second = db.session.get(Commitment, make_commitment(milestones=0))
    assert (first.code, second.code) == ('TH0001', 'TH0002')
    db.session.delete(second)
    db.session.commit()
    third = db.session.get(Commitment, make_commitment(milestones=0))
    assert third.code == 'TH0003'


def test_concurrent_creation_gets_distinct_numbers(app, db, orgs, nap_id, secretariat):
    """Four threads create commitments at once: four numbers, no collision, nothing lost."""
    errors = []

    def worker():
        try:
            with app.app_context():
                nap = db.session.get(Nap, nap_id)
                user = db.session.merge(secretariat)
                create_commitment(nap, actor=user, fields=complete_fields(orgs))
                db.session.commit()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(db.session.scalars(select(Commitment.number)))
    assert numbers == [1, 2, 3, 4]


def test_every_save_is_a_revision_with_who_and_which_fields(db, make_commitment, secretariat):
    cid = make_commitment(milestones=1)
    commitment = db.session.get(Commitment, cid)
    assert commitment.version == 2  # created, then one milestone
    user = db.session.merge(secretariat)
    revision = update_commitment(
        commitment, actor=user, fields={'title_en': 'Open budget data'}, base_version=2
    )
    db.session.commit()
    assert revision.number == 3
    assert revision.author_id == secretariat.id
    assert revision.changed_fields == ['title_en']
    # Saving the same values again makes no revision.
    assert update_commitment(
        commitment, actor=user, fields={'title_en': 'Open budget data'}, base_version=3
    ) is None  # fmt: skip
    entry = db.session.scalar(select(AuditEntry).filter_by(action='commitment.revised').order_by(
        AuditEntry.id.desc()))  # fmt: skip
    assert entry.data['fields'] == ['title_en']


def test_a_stale_save_is_a_conflict_and_changes_nothing(db, make_commitment, secretariat):
    cid = make_commitment(milestones=0)
    commitment = db.session.get(Commitment, cid)
    user = db.session.merge(secretariat)
    update_commitment(commitment, actor=user, fields={'title_th': 'ฉบับใหม่'}, base_version=1)
    db.session.commit()
    with pytest.raises(Conflict):
        update_commitment(commitment, actor=user, fields={'title_th': 'ทับ'}, base_version=1)
    db.session.rollback()
    assert db.session.get(Commitment, cid).title_th == 'ฉบับใหม่'


def test_restore_makes_a_new_revision(db, make_commitment, secretariat):
    cid = make_commitment(milestones=2)
    commitment = db.session.get(Commitment, cid)
    user = db.session.merge(secretariat)
    original_title = commitment.title_th
    update_commitment(commitment, actor=user, fields={'title_th': 'แก้ไข'}, base_version=3)
    commitment.milestones[0].target_en = 'changed target'
    db.session.commit()
    old = db.session.scalar(select(CommitmentRevision).filter_by(commitment_id=cid, number=3))
    new = restore_revision(commitment, old, actor=user, base_version=4)
    db.session.commit()
    assert new.number == 5
    assert new.restored_from == 3
    assert commitment.title_th == original_title
    assert len(commitment.milestones) == 2
    assert [r.number for r in db.session.scalars(select(CommitmentRevision).filter_by(
        commitment_id=cid).order_by(CommitmentRevision.number))] == [1, 2, 3, 4, 5]  # fmt: skip


def test_checklist_passes_only_when_verifiable_and_complete(app, db, make_commitment):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        complete = db.session.get(Commitment, make_commitment())
        assert check(complete) == []
        complete.milestones[1].indicator_en = ''
        complete.milestones[1].baseline_en = ''
        complete.milestones[1].target_en = ''
        complete.milestones[1].responsible_organisation_id = None
        complete.title_en = ''
        messages = [str(p.message) for p in check(complete)]
        assert 'Title has no English version.' in messages
        assert 'Milestone 2: the indicator has no English version.' in messages
        assert 'Milestone 2 has no responsible organisation.' in messages
        db.session.rollback()
        draft = db.session.get(Commitment, make_commitment(complete=False, milestones=0))
        codes = {(p.code, p.field) for p in check(draft)}
        assert ('missing', 'lead_agency') in codes
        assert ('missing', 'milestones') in codes
        assert ('untranslated', 'title_en') in codes
        assert ('missing', 'ogp_values') in codes
