"""Exports: the plan (and later the consultation summary) as PDF, DOCX, CSV and JSON.

One registry (``registry.py``) of exporters serves the download routes and ``flask forum export``.
A wiring-layer package: an export reads several areas.
"""

from flask import Blueprint

bp = Blueprint('exports', __name__, template_folder='templates')


@bp.record_once
def _check_pdf_libraries(state) -> None:
    # At start-up, not at the first PDF: the PDF code relies on exact versions (pdf_numbers.py).
    from .render.pdf_numbers import check_versions

    check_versions()


from . import routes  # noqa: E402, F401
