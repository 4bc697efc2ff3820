"""Pages composed of several areas: a plan with its commitments, a commitment with its discussion.

Each area keeps its own pages; the pages here show more than one area at once, and so do the
actions whose refusal shows such a page again (a refused comment comes back on the commitment
page with its text). They sit above the areas they compose (docs/architecture.md, "Layers").
"""

from flask import Blueprint

bp = Blueprint('pages', __name__, template_folder='templates')

from . import commitment, plan  # noqa: E402, F401
