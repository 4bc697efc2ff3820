"""Seat rights are tried on real plans and commitments."""

from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401
