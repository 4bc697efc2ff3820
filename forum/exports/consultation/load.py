"""A consultation round for its summary: who may download it, and the file's name."""

from __future__ import annotations

from ...consultations.models import ConsultationRound
from ...core.permissions import can
from ...extensions import db
from ..registry import Options, digits_suffix


def load_round(round_id: int, viewer) -> ConsultationRound | None:
    """The round, or None when the viewer may not read its results.

    Published rounds: anyone who may read the round; before publication (a preview): the
    secretariat only.
    """
    round_ = db.session.get(ConsultationRound, round_id)
    if round_ is None:
        return None
    if can(viewer, 'view_results', round_):
        return round_
    if can(viewer, 'manage_consultations') and can(viewer, 'view_round', round_):
        return round_
    return None


def round_filename(round_: ConsultationRound, options: Options) -> str:
    """``TH-C1-summary-th``: the country, the round's code, the language (and Thai digits)."""
    from flask import current_app

    name = f'{current_app.config["COUNTRY_CODE"]}-{round_.code}-summary-{options.lang}'
    return name + digits_suffix(options)
