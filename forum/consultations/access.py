"""Loading rounds and inputs for a request, and which round is open on a commitment now."""

from __future__ import annotations

from datetime import datetime

from flask import abort
from flask_login import current_user
from sqlalchemy import or_, select

from ..commitments.models import Commitment
from ..core.permissions import can, deny
from ..db import utcnow
from ..extensions import db
from .models import (
    ConsultationInput,
    ConsultationRound,
    ConsultationTheme,
    RoundState,
    round_commitments,
)


def get_round(round_id: int, *, manage: bool = False) -> ConsultationRound:
    """A round the visitor may read (404 otherwise); 403 unless staff when ``manage``."""
    round_ = db.get_or_404(ConsultationRound, round_id)
    if not can(current_user, 'view_round', round_):
        abort(404)
    if manage and not can(current_user, 'manage_consultations'):
        deny()
    return round_


def get_input(input_id: int) -> ConsultationInput:
    """An input its submitter or the secretariat may see (404 for anyone else)."""
    item = db.get_or_404(ConsultationInput, input_id)
    if not can(current_user, 'view_input', item):
        abort(404)
    return item


def open_round_on(commitment, now: datetime | None = None) -> ConsultationRound | None:
    """The round taking inputs on ``commitment`` at ``now``, if any (the latest to close)."""
    if commitment.state == 'withdrawn':
        return None
    chosen = select(round_commitments.c.round_id).where(
        round_commitments.c.commitment_id == commitment.id
    )
    return db.session.scalar(
        select(ConsultationRound)
        .where(
            ConsultationRound.nap_id == commitment.nap_id,
            ConsultationRound.state == RoundState.open,
            ConsultationRound.closes_at > (now or utcnow()),
            or_(ConsultationRound.covers_all, ConsultationRound.id.in_(chosen)),
        )
        .order_by(ConsultationRound.closes_at.desc())
        .limit(1)
    )


def consultation_open(commitment) -> bool:
    """Whether a round takes inputs on ``commitment`` now (``core.permissions``' hook)."""
    return open_round_on(commitment) is not None


def rounds_of_plan(nap_id: int, *, public_only: bool = True) -> list[ConsultationRound]:
    """A plan's rounds, newest first (only announced and later ones when ``public_only``)."""
    query = select(ConsultationRound).where(ConsultationRound.nap_id == nap_id)
    if public_only:
        query = query.where(ConsultationRound.state != RoundState.draft)
    return list(db.session.scalars(query.order_by(ConsultationRound.number.desc())))


def covered_commitments(round_: ConsultationRound) -> list[Commitment]:
    """The commitments the round covers, by number (withdrawn ones are never covered)."""
    if round_.covers_all:
        found = db.session.scalars(
            select(Commitment).filter_by(nap_id=round_.nap_id).order_by(Commitment.number)
        ).unique()
    else:
        found = round_.commitments
    return [c for c in found if c.state != 'withdrawn']


def get_theme(theme_id: int) -> ConsultationTheme:
    """A theme, for the secretariat (404 for a missing one, 403 for anyone else)."""
    theme = db.get_or_404(ConsultationTheme, theme_id)
    if not can(current_user, 'manage_consultations'):
        deny()
    return theme


def commitment_codes(nap_id: int) -> dict[int, str]:
    """Every commitment of the plan: id -> code (``TH0001``)."""
    return {
        c.id: c.code
        for c in db.session.scalars(select(Commitment).filter_by(nap_id=nap_id)).unique()
    }
