"""The MSF's composition: sectors, organisations and seats, and the public members page."""

from flask import Blueprint

bp = Blueprint('members', __name__, url_prefix='/members', template_folder='templates')

from . import composition_routes, people_routes, routes  # noqa: E402, F401
