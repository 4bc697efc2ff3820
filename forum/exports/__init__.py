"""Exports: the plan (and later the consultation summary) as PDF, DOCX, CSV and JSON.

One registry (``registry.py``) of exporters serves the download routes and ``flask forum export``.
A wiring-layer package: an export reads several areas.
"""

from flask import Blueprint

bp = Blueprint('exports', __name__, template_folder='templates')

from . import routes  # noqa: E402, F401
