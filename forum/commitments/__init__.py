"""Commitments of a NAP: drafting in the OGP template, milestones, checklist, revisions."""

from flask import Blueprint

bp = Blueprint('commitments', __name__, template_folder='templates')

from . import history_routes, milestone_routes, routes  # noqa: E402, F401
