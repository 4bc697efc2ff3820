"""The public read-only JSON API, version 1 (``/api/v1``)."""

from flask import Blueprint

bp = Blueprint('api', __name__, url_prefix='/api/v1')

from . import consultations, http, members, moderation, openapi, routes  # noqa: E402, F401
