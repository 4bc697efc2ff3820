"""The balance panel: seats, comments, inputs and votes by sector, public at /balance."""

from flask import Blueprint

bp = Blueprint('balance', __name__, url_prefix='/balance', template_folder='templates')

from . import routes  # noqa: E402, F401
