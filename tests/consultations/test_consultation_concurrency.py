"""Tracking numbers follow commit order, and an input racing the close is refused (PostgreSQL).

SQLite serialises writers, so these races only show on PostgreSQL with real concurrent
transactions: one holds the round's row, the other is seen waiting for it, then goes on.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.consultations.models import ConsultationInput, ConsultationRound
from forum.consultations.services.inputs import submit_input
from forum.consultations.services.rounds import close_round
from forum.core.refusals import Refused
from forum.extensions import db as _db
from tests.races import wait_for_a_lock


def _submit_in_another_transaction(app, round_id, user_id, outcome: dict) -> threading.Thread:
    def submit() -> None:
        with app.app_context():
            try:
                item = submit_input(
                    _db.session.get(ConsultationRound, round_id),
                    actor=_db.session.get(User, user_id), about='', body='ข้อคิดเห็นที่สอง',
                )  # fmt: skip
                _db.session.commit()
                outcome['tracking'] = item.tracking_number
            except Refused as exc:
                _db.session.rollback()
                outcome['refused'] = (exc.status, str(exc.message))
            finally:
                _db.session.remove()

    thread = threading.Thread(target=submit)
    thread.start()
    return thread


@pytest.mark.postgres
def test_numbers_follow_commit_order(postgres, make_round, citizen):
    app = postgres
    round_id = make_round('open')
    outcome: dict = {}
    with app.app_context():
        first = submit_input(
            _db.session.get(ConsultationRound, round_id),
            actor=_db.session.get(User, citizen.id), about='', body='ข้อคิดเห็นแรก',
        )  # fmt: skip
        thread = _submit_in_another_transaction(app, round_id, citizen.id, outcome)
        wait_for_a_lock()  # the second waits for the first's round row
        assert first.tracking_number == 'C1-000001'
        _db.session.commit()
        thread.join(timeout=30)
    assert outcome == {'tracking': 'C1-000002'}


@pytest.mark.postgres
def test_an_input_racing_the_close_is_refused_once_the_close_commits(postgres, make_round, citizen):
    app = postgres
    round_id = make_round('open')
    outcome: dict = {}
    with app.app_context():
        close_round(_db.session.get(ConsultationRound, round_id), actor=None)
        thread = _submit_in_another_transaction(app, round_id, citizen.id, outcome)
        wait_for_a_lock()  # it read "open", then waits on the row
        _db.session.commit()
        thread.join(timeout=30)
    assert outcome['refused'][0] == 409, outcome
    with app.app_context():
        assert _db.session.scalar(select(ConsultationInput.id)) is None
        assert _db.session.get(ConsultationRound, round_id).input_seq == 0
