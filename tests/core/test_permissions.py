import pytest
from flask_login import AnonymousUserMixin

from forum.auth.models import Role, User
from forum.comments.models import Comment
from forum.core import permissions
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


def test_only_the_author_edits_or_deletes_a_comment():
    author = User(id=1, role=Role.participant, is_active_account=True)
    comment = Comment(author_id=1)
    for action in ('edit_comment', 'delete_comment'):
        assert can(author, action, comment) is True
        # Not even staff: moderators hide a comment, they do not change it.
        for other in (Role.participant, Role.secretariat, Role.admin):
            assert can(User(id=2, role=other, is_active_account=True), action, comment) is False
        assert can(AnonymousUserMixin(), action, comment) is False


def test_staff_are_named_in_presence_and_members_only_while_seated(monkeypatch):
    seated = {3}
    monkeypatch.setattr(permissions, '_seat_check', lambda user: user.id in seated)
    assert can(User(id=1, role=Role.secretariat, is_active_account=True), 'be_named_in_presence')
    assert can(User(id=2, role=Role.admin, is_active_account=True), 'be_named_in_presence')
    member = User(id=3, role=Role.participant, is_active_account=True)
    assert can(member, 'be_named_in_presence') is True
    seated.clear()  # the seat ended
    assert can(member, 'be_named_in_presence') is False
    assert can(AnonymousUserMixin(), 'be_named_in_presence') is False
