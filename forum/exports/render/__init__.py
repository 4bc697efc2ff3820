"""Renderers: plain documents (dicts of text) to files, with no database and no request.

They run wherever the work is cheapest to isolate: in a worker process for PDF and DOCX (see
``forum.exports.jobs``), in the request for CSV and JSON, in the CLI for everything.
"""
