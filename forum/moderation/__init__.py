"""Moderation in the open: flags, hiding, appeals, blocks, the floor, logs (docs/moderation.md)."""

from flask import Blueprint

bp = Blueprint('moderation', __name__, template_folder='templates')

from . import audit_routes, routes  # noqa: E402, F401
