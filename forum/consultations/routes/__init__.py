"""Consultation pages: public (rounds, results, notice), taking part, and the secretariat's."""

from . import manage, participate, public, records, staff  # noqa: F401
