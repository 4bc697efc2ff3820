"""Live discussion: comments on commitments, over HTTP and websockets."""

from flask import Blueprint

bp = Blueprint('comments', __name__, template_folder='templates')

from . import routes  # noqa: E402, F401
