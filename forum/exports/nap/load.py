"""A plan and the commitments of it the viewer may read, loaded once for every format."""

from __future__ import annotations

from sqlalchemy import select

from ...commitments.models import Commitment
from ...core.permissions import can
from ...extensions import db
from ...naps.models import Nap, PolicyArea
from ..registry import Options, digits_suffix


def load_nap(nap_id: int, viewer) -> Nap | None:
    """The plan, or None when there is none the viewer may read (a plan in planning)."""
    nap = db.session.get(Nap, nap_id)
    if nap is None or not can(viewer, 'view_nap', nap):
        return None
    return nap


def readable_commitments(nap: Nap, viewer) -> list[Commitment]:
    """The plan's commitments the viewer may read, by policy area and number."""
    commitments = db.session.scalars(
        select(Commitment)
        .filter_by(nap_id=nap.id)
        .join(Commitment.policy_area)
        .order_by(PolicyArea.position, Commitment.number)
    ).unique()
    return [c for c in commitments if can(viewer, 'view_commitment', c)]


def nap_filename(nap: Nap, options: Options) -> str:
    """``TH-NAP1-th``: the country, the plan's number, the language (and Thai digits)."""
    from flask import current_app

    name = f'{current_app.config["COUNTRY_CODE"]}-NAP{nap.number}-{options.lang}'
    return name + digits_suffix(options)
