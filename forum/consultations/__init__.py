"""Consultation rounds on a NAP draft: inputs from every channel, a reasoned response to each.

Above commitments and comments (a comment may be promoted to an input), below the wiring layer
(docs/architecture.md). See docs/consultations.md.
"""

from flask import Blueprint

bp = Blueprint('consultations', __name__, url_prefix='/consultations', template_folder='templates')

from . import routes  # noqa: E402, F401
