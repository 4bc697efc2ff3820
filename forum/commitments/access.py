"""Loading a commitment for a request: 404 when the visitor may not read it, 403 to edit."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..core.permissions import can, deny
from ..extensions import db
from .models import Commitment


def get_commitment(commitment_id: int, *, edit: bool = False) -> Commitment:
    """Load a commitment the visitor may read (404 otherwise), and may edit when ``edit``."""
    commitment = db.get_or_404(Commitment, commitment_id)
    if not can(current_user, 'view_commitment', commitment):
        abort(404)
    if edit and not can(current_user, 'edit_commitment', commitment):
        deny()
    return commitment
