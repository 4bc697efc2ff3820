"""Loading a plan for the current visitor."""

from flask import abort
from flask_login import current_user

from ..core.permissions import can
from ..extensions import db
from .models import Nap


def get_nap(nap_id: int) -> Nap:
    """Load a plan the visitor may read, or 404 (a plan in planning is not public)."""
    nap = db.get_or_404(Nap, nap_id)
    if not can(current_user, 'view_nap', nap):
        abort(404)
    return nap
