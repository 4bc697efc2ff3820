"""The round's row as the lock that makes the secretariat's changes to a round take turns.

Publishing counts the inputs without a response; responses, themes, merges, offline inputs,
imports, withdrawals and the close each check the round's state first. Two of them at the same
moment (two staff, two server processes) would each pass on what they read before the other's
change: publishing while an import writes its rows published a round with 1,500 unanswered
inputs, and two merges at once made two inputs duplicates of each other. Each takes the round's
row first (PostgreSQL's ``SELECT … FOR UPDATE``; SQLite serialises writers anyway) and checks
the round as it is then.
"""

from __future__ import annotations

from sqlalchemy import select

from ...core.locks import lock_row
from ...extensions import db
from ...naps.models import Nap
from ..models import ConsultationRound


def lock_round(round_: ConsultationRound) -> ConsultationRound:
    """Lock ``round_``'s row until the transaction ends, and read its state and dates afresh."""
    state, opens_at, closes_at = db.session.execute(
        select(ConsultationRound.state, ConsultationRound.opens_at, ConsultationRound.closes_at)
        .where(ConsultationRound.id == round_.id)
        .with_for_update()
    ).one()
    if (state, opens_at, closes_at) != (round_.state, round_.opens_at, round_.closes_at):
        db.session.refresh(round_)  # changed by the transaction that held the row before
    return round_


def lock_plan(nap: Nap) -> Nap:
    """Lock ``nap``'s row until the transaction ends and read it afresh.

    Opening a round (which moves a drafting plan to consultation) and moving the plan out of
    consultation take turns: both at once left an endorsed plan with a round taking inputs.
    """
    lock_row(nap)
    return nap
