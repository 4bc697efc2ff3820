"""The National Action Plan: PDF and DOCX reports, CSV and JSON data (OGP's column names)."""

from ..registry import Exporter, Kind, register, register_kind
from . import records, report, report_docx, report_pdf
from .load import load_nap, nap_filename

DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

register_kind(Kind('nap', load=load_nap, filename=nap_filename))
register(Exporter('nap', 'pdf', 'application/pdf', report.build, report_pdf.render, True))
register(Exporter('nap', 'docx', DOCX, report.build, report_docx.render, True))
register(Exporter('nap', 'csv', 'text/csv; charset=utf-8', records.build, records.render_csv))
register(Exporter('nap', 'json', 'application/json', records.build, records.render_json))
