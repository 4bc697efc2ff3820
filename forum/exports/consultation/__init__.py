"""A consultation round's summary: PDF and DOCX reports, XLSX, CSV and JSON data."""

from ..registry import Exporter, Kind, register, register_kind
from . import data, report, summary
from .load import load_round, round_filename

DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

register_kind(Kind('consultation', load=load_round, filename=round_filename))
for fmt, media_type, render, background in (
    ('pdf', 'application/pdf', report.render_pdf_file, True),
    ('docx', DOCX, report.render_docx_file, True),
    ('xlsx', XLSX, data.render_xlsx, False),
    ('csv', 'text/csv; charset=utf-8', data.render_csv, False),
    ('json', 'application/json', data.render_json, False),
):
    register(
        Exporter('consultation', fmt, media_type, summary.collect, render, background,
                 shape=summary.shape)
    )  # fmt: skip
