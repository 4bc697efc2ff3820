"""Socket tests reuse the plan and commitment fixtures."""

from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401
