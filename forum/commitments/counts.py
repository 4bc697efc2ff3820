"""Counts over a plan's commitments, one aggregate query each."""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..naps.models import Nap
from .models import Commitment


def commitments_by_area(nap: Nap) -> dict[int, int]:
    """Return how many commitments ``nap`` has in each policy area (one GROUP BY query)."""
    rows = db.session.execute(
        select(Commitment.policy_area_id, func.count(Commitment.id))
        .where(Commitment.nap_id == nap.id)
        .group_by(Commitment.policy_area_id)
    ).all()
    return dict(rows)
