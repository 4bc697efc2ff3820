import pytest
from flask_login import AnonymousUserMixin

from forum.auth.models import Role, User
from forum.core.permissions import can


@pytest.mark.parametrize(
    ('role', 'allowed'),
    [
        (Role.admin, True),
        (Role.secretariat, True),
        (Role.participant, False),
    ],
)
def test_only_staff_manage_the_forum(role, allowed):
    user = User(role=role, is_active_account=True)
    for action in ('manage_members', 'manage_sectors', 'manage_organisations', 'view_audit'):
        assert can(user, action) is allowed


def test_only_admins_manage_accounts():
    assert can(User(role=Role.admin, is_active_account=True), 'manage_users')
    assert not can(User(role=Role.secretariat, is_active_account=True), 'manage_users')


def test_anonymous_visitors_read_public_pages_only():
    anonymous = AnonymousUserMixin()
    assert can(anonymous, 'view_members')
    assert not can(anonymous, 'manage_members')


def test_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError):
        can(User(role=Role.admin, is_active_account=True), 'launch_rockets')
