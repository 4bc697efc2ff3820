"""Comments without JavaScript: the form posts over HTTP and the page reloads with the comment."""

import re
import uuid

from sqlalchemy import func, select

from forum.comments.models import Comment
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _form_post(client, cid, **fields):
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    client_id = re.search(r'name="client_id" type="hidden" value="([^"]+)"', page).group(1)
    data = {'csrf_token': csrf_token(client, f'/commitments/{cid}'), 'client_id': client_id,
            'anchor': '', 'stance': '', 'parent_id': '', 'body': 'ข้อเสนอ', **fields}  # fmt: skip
    return client.post(f'/commitments/{cid}/comments', data=data, headers=EN)


def test_member_posts_without_javascript(client, auth, db, make_commitment, create_member):
    cid = make_commitment()
    create_member(email='m@example.org', display_name='มาลี')
    auth.login('m@example.org')
    response = _form_post(client, cid, body='*สำคัญ* มาก', stance='concern', anchor='causes')
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert response.headers['Location'].endswith(f'/commitments/{cid}#comment-{comment.id}')
    page = client.get(f'/commitments/{cid}', headers={'Accept-Language': 'th'})
    html = page.get_data(as_text=True)
    assert '<em>สำคัญ</em> มาก' in html
    assert 'ข้อกังวล' in html  # the stance, in Thai
    assert 'ภาคประชาสังคม' in html  # the author's sector badge
    assert re.search(r'<time datetime="[^"]+">[^<]*25[67]\d', html)  # Buddhist-Era year


def test_refused_text_is_kept_in_the_form(client, auth, db, make_commitment, create_member):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    response = _form_post(client, cid, body='x' * 5001)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'At most 5,000 characters.' in html
    assert 'x' * 5001 in html
    response = _form_post(client, cid, body='ok', anchor='nowhere')
    assert response.status_code == 400
    assert 'This part of the commitment does not exist.' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_a_double_submitted_form_posts_once(client, auth, db, make_commitment, create_member):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    client_id = str(uuid.uuid4())
    token = csrf_token(client)
    for _ in range(2):
        client.post(f'/commitments/{cid}/comments',
                    data={'csrf_token': token, 'client_id': client_id, 'body': 'once'})  # fmt: skip
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_who_sees_the_form(client, auth, make_commitment, create_user_):
    cid = make_commitment()
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'Log in to comment' in html
    assert 'id="comment-form"' not in html
    create_user_(email='p@example.org')
    auth.login('p@example.org')
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'while a consultation on it is open' in html
    assert client.post(f'/commitments/{cid}/comments', data={
        'csrf_token': csrf_token(client), 'body': 'x'}).status_code == 403  # fmt: skip


def test_edit_delete_and_hide_over_http(client, auth, db, make_commitment, create_member, app):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    _form_post(client, cid, body='first text')
    comment_id = db.session.scalar(select(Comment.id))
    path = f'/comments/{comment_id}/edit'
    response = client.post(
        path, data={'body': 'second text', 'csrf_token': csrf_token(client, path)}
    )
    assert response.status_code == 302
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'second text' in html
    assert 'edited' in html
    staff = app.test_client()
    type(auth)(staff).login('sec@example.org')
    hide = f'/comments/{comment_id}/hide'
    response = staff.post(
        hide,
        data={
            'reason': 'personal_data',
            'note': 'เบอร์โทรศัพท์',
            'csrf_token': csrf_token(staff, hide),
        },
    )
    assert response.status_code == 302
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'Hidden by a moderator: Personal data' in html
    assert 'second text' not in html
    response = client.post(
        f'/comments/{comment_id}/delete', data={'csrf_token': csrf_token(client)}
    )
    assert response.status_code == 302
    assert db.session.get(Comment, comment_id).is_deleted


def test_members_cannot_hide_or_edit_others(client, auth, db, make_commitment, create_member, app):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    _form_post(client, cid, body='mine')
    comment_id = db.session.scalar(select(Comment.id))
    create_member(email='o@example.org')
    other = app.test_client()
    type(auth)(other).login('o@example.org')
    assert other.get(f'/comments/{comment_id}/edit').status_code == 403
    assert other.get(f'/comments/{comment_id}/hide').status_code == 403
    token = csrf_token(other, f'/commitments/{cid}')
    for action, data in (('edit', {'body': 'theirs'}), ('delete', {}), ('hide', {'reason': 'x'})):
        response = other.post(
            f'/comments/{comment_id}/{action}', data={'csrf_token': token, **data}
        )
        assert response.status_code == 403, action
    comment = db.session.get(Comment, comment_id)
    assert (comment.body, comment.is_deleted, comment.is_hidden) == ('mine', False, False)
    # Only the author's page offers to edit or delete it.
    theirs = other.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-edit="{comment_id}"' not in theirs
    assert f'data-delete="{comment_id}"' not in theirs
    assert 'data-editable-until' not in theirs
    mine = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-edit="{comment_id}"' in mine
    assert f'data-delete="{comment_id}"' in mine
    assert 'data-editable-until' in mine


def test_anonymous_visitors_are_sent_to_log_in_to_delete(client, auth, db, make_commitment,
                                                         create_member, app):  # fmt: skip
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    _form_post(client, cid, body='mine')
    comment_id = db.session.scalar(select(Comment.id))
    visitor = app.test_client()
    token = csrf_token(visitor, f'/commitments/{cid}')
    response = visitor.post(f'/comments/{comment_id}/delete', data={'csrf_token': token})
    assert response.status_code == 302
    assert '/auth/login' in response.headers['Location']
    assert db.session.get(Comment, comment_id).is_deleted is False


def test_ids_no_row_can_have_are_refused_with_a_reason(client, auth, db, make_commitment,
                                                      create_member):  # fmt: skip
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    for fields, reason in [
        ({'parent_id': '²'}, 'The comment you reply to does not exist.'),
        ({'parent_id': '99999999999999999999'}, 'The comment you reply to does not exist.'),
        ({'anchor': 'milestone:²'}, 'This part of the commitment does not exist.'),
        (
            {'anchor': 'milestone:99999999999999999999'},
            'This part of the commitment does not exist.',
        ),
    ]:
        response = _form_post(client, cid, **fields)
        assert response.status_code == 400, fields
        assert reason in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_a_long_hiding_reason_gets_a_form_message(client, auth, db, make_commitment,
                                                  create_member, app):  # fmt: skip
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    _form_post(client, cid, body='text')
    comment_id = db.session.scalar(select(Comment.id))
    staff = app.test_client()
    type(auth)(staff).login('sec@example.org')
    hide = f'/comments/{comment_id}/hide'
    response = staff.post(
        hide,
        data={'reason': 'spam', 'note': 'x' * 2001, 'csrf_token': csrf_token(staff, hide)},
        headers=EN,
    )
    assert response.status_code in (302, 400)
    assert not db.session.get(Comment, comment_id).is_hidden
