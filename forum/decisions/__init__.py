"""Balanced decisions: the forum endorses a commitment or a plan's draft by a decision."""

from flask import Blueprint

bp = Blueprint('decisions', __name__, url_prefix='/decisions', template_folder='templates')

from . import routes  # noqa: E402, F401
