"""A commitment with comments by members of two sectors, moderators of three, and their clients."""

import uuid

import pytest

from forum.auth.models import Role
from forum.comments.services import post_comment
from forum.commitments.models import Commitment
from forum.extensions import db as _db
from forum.moderation.services import designate_moderator
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401


@pytest.fixture
def people(app, create_member, create_user_, secretariat):
    """A civil-society author, a government member, a civil-society moderator, an academic one."""
    made = {
        'author': create_member(email='author@example.org', display_name='ผู้เขียน'),
        'gov': create_member(sector='government', email='gov@example.org'),
        'cso_mod': create_member(email='csomod@example.org', display_name='ผู้ดูแล ภาคประชา'),
        'uni_mod': create_member(sector='academia', email='unimod@example.org'),
        'reader': create_user_(email='reader@example.org'),
        'admin': create_user_(role=Role.admin, sector='government', email='admin@example.org'),
        'sec': secretariat,
    }
    with app.app_context():
        staff = _db.session.merge(secretariat)
        for key in ('cso_mod', 'uni_mod'):
            designate_moderator(_db.session.merge(made[key]), actor=staff)
        _db.session.commit()
    return made


@pytest.fixture
def comment_on(app):
    """Factory: ``comment_on(cid, user, body)`` posts a comment and returns its id."""

    def factory(cid, user, body='ความเห็น'):
        with app.app_context():
            commitment = _db.session.get(Commitment, cid)
            comment, _new = post_comment(
                commitment, actor=_db.session.merge(user), body=body, client_id=str(uuid.uuid4())
            )
            _db.session.commit()
            return comment.id

    return factory


@pytest.fixture
def as_user(app, auth):
    """Factory: ``as_user(email)`` is a new test client logged in as ``email``."""

    def factory(email):
        client = app.test_client()
        type(auth)(client).login(email)
        return client

    return factory
