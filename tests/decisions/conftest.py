"""Decisions are tried on real plans and commitments."""

import pytest

from forum.commitments.models import Commitment
from forum.commitments.services import change_state
from forum.extensions import db as _db
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401


@pytest.fixture
def in_review(app, make_commitment, secretariat):  # noqa: F811
    """A complete commitment sent to MSF review; its id."""
    commitment_id = make_commitment()
    with app.app_context():
        commitment = _db.session.get(Commitment, commitment_id)
        change_state(commitment, 'msf_review', actor=_db.session.merge(secretariat))
        _db.session.commit()
    return commitment_id


@pytest.fixture
def members(create_member):
    """Two government and two civil-society members, and one academic."""
    made = {}
    for key, sector in (
        ('gov1', 'government'),
        ('gov2', 'government'),
        ('cso1', 'civil_society'),
        ('cso2', 'civil_society'),
        ('aca', 'academia'),
    ):
        made[key] = create_member(sector=sector, email=f'{key}@example.org')
    return made
