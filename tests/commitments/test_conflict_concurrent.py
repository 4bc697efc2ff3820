"""Two saves loaded from the same version: exactly one wins, the other is a conflict.

On PostgreSQL two transactions run side by side, so a version check in Python alone let both
through and the second overwrote the first. The row lock (``SELECT … FOR UPDATE``) and the
mapper's ``version_id_col`` stop that; these tests run real concurrent transactions.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from forum.auth.models import User
from forum.commitments.models import Commitment, CommitmentRevision
from forum.commitments.services import Conflict, change_state, update_commitment
from forum.extensions import db as _db
from tests.races import wait_for_a_lock


def _numbers(app, cid) -> list[int]:
    with app.app_context():
        return list(
            _db.session.scalars(
                select(CommitmentRevision.number)
                .filter_by(commitment_id=cid)
                .order_by(CommitmentRevision.number)
            )
        )


@pytest.mark.postgres
def test_two_concurrent_saves_from_one_version_one_wins(postgres, make_commitment, secretariat):
    app = postgres
    cid = make_commitment()
    before = _numbers(app, cid)
    loaded = threading.Barrier(2, timeout=10)
    results: dict[str, str] = {}

    def save(who: str) -> None:
        with app.app_context():
            try:
                commitment = _db.session.get(Commitment, cid)
                actor = _db.session.get(User, secretariat.id)
                base = commitment.version
                loaded.wait()  # both hold the same version before either saves
                update_commitment(
                    commitment, actor=actor, fields={'title_en': f'Title by {who}'},
                    base_version=base,
                )  # fmt: skip
                # Keep the transaction open so the other save runs while this one holds it.
                time.sleep(0.5)
                _db.session.commit()
                results[who] = 'saved'
            except Conflict:
                _db.session.rollback()
                results[who] = 'conflict'
            except Exception as exc:  # a test failure, shown below
                _db.session.rollback()
                results[who] = f'error: {exc!r}'
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=save, args=(who,)) for who in ('a', 'b')]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values()) == ['conflict', 'saved'], results
    winner = next(who for who, r in results.items() if r == 'saved')
    assert _numbers(app, cid) == [*before, before[-1] + 1]  # one new revision, not two
    with app.app_context():
        commitment = _db.session.get(Commitment, cid)
        assert commitment.title_en == f'Title by {winner}'
        assert commitment.version == before[-1] + 1


@pytest.mark.postgres
def test_a_save_waits_for_the_other_and_then_sees_its_version(
    postgres, make_commitment, secretariat
):
    # The second save is sent while the first holds the row: it waits, then is a conflict.
    app = postgres
    cid = make_commitment()
    first_saved = threading.Event()
    outcome = {}

    with app.app_context():
        commitment = _db.session.get(Commitment, cid)
        actor = _db.session.get(User, secretariat.id)
        base = commitment.version
        update_commitment(commitment, actor=actor, fields={'budget': '1 บาท'}, base_version=base)

        def second() -> None:
            with app.app_context():
                try:
                    other = _db.session.get(Commitment, cid)
                    started = time.monotonic()
                    update_commitment(
                        other, actor=_db.session.get(User, secretariat.id),
                        fields={'budget': '2 บาท'}, base_version=base,
                    )  # fmt: skip
                    _db.session.commit()
                    outcome['result'] = 'saved'
                except Conflict:
                    _db.session.rollback()
                    outcome['result'] = 'conflict'
                    outcome['waited'] = first_saved.is_set()
                    outcome['seconds'] = time.monotonic() - started
                finally:
                    _db.session.remove()

        thread = threading.Thread(target=second)
        thread.start()
        wait_for_a_lock()
        first_saved.set()
        _db.session.commit()
        thread.join(timeout=30)
    assert outcome.get('result') == 'conflict', outcome
    assert outcome['waited'] is True  # it waited for the first to commit
    with app.app_context():
        assert _db.session.get(Commitment, cid).budget == '1 บาท'


def test_a_save_from_a_version_someone_moved_on_is_a_conflict(app, make_commitment, secretariat):
    # Loaded, then someone else saves, then this save: a conflict, never an overwrite.
    cid = make_commitment()
    with app.app_context():
        commitment = _db.session.get(Commitment, cid)
        base = commitment.version
        with app.app_context():  # another request, its own session
            other = _db.session.get(Commitment, cid)
            update_commitment(
                other, actor=_db.session.get(User, secretariat.id),
                fields={'title_en': 'Theirs'}, base_version=base,
            )  # fmt: skip
            _db.session.commit()
        with pytest.raises(Conflict):
            update_commitment(
                commitment, actor=_db.session.get(User, secretariat.id),
                fields={'title_en': 'Mine'}, base_version=base,
            )  # fmt: skip
        _db.session.rollback()
        assert _db.session.get(Commitment, cid).title_en == 'Theirs'


def test_an_update_of_a_row_that_moved_on_is_stale(app, make_commitment):
    # The mapper's version_id_col: an UPDATE says WHERE version = <loaded>.
    cid = make_commitment()
    with app.app_context():
        commitment = _db.session.get(Commitment, cid)
        with _db.engine.begin() as conn:
            conn.execute(
                update(Commitment.__table__)
                .where(Commitment.__table__.c.id == cid)
                .values(version=Commitment.__table__.c.version + 1)
            )
        commitment.budget = 'overwritten?'
        with pytest.raises(StaleDataError):
            _db.session.flush()
        _db.session.rollback()
        assert _db.session.get(Commitment, cid).budget != 'overwritten?'


def test_a_state_change_while_someone_saves_is_not_an_error(app, make_commitment, secretariat):
    # The state change loaded the row before the other save: it locks and reloads, then moves.
    cid = make_commitment()
    with app.app_context():
        commitment = _db.session.get(Commitment, cid)
        with app.app_context():
            other = _db.session.get(Commitment, cid)
            update_commitment(
                other, actor=_db.session.get(User, secretariat.id),
                fields={'title_en': 'Saved meanwhile'}, base_version=other.version,
            )  # fmt: skip
            _db.session.commit()
        change_state(commitment, 'msf_review', actor=_db.session.get(User, secretariat.id))
        _db.session.commit()
        _db.session.expire_all()
        saved = _db.session.get(Commitment, cid)
        assert (saved.state, saved.title_en) == ('msf_review', 'Saved meanwhile')
