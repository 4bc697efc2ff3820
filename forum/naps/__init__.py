"""National Action Plans: their pages and the secretariat's management of their cycle."""

from flask import Blueprint

bp = Blueprint('naps', __name__, url_prefix='/naps', template_folder='templates')

from . import routes  # noqa: E402, F401
