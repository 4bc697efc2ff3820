"""What the server renders for each comment: its seq, and its author's edit link in time.

Comments loaded by "show earlier" carry their seq; the edit link shows only within the edit
window, with the window's end for static/js/comments.js.
"""

import re
from datetime import timedelta

from sqlalchemy import select, update

from forum.comments.models import Comment
from tests.comments.test_comment_routes import EN, _form_post


def test_comments_loaded_by_show_earlier_carry_their_seq(
    client, auth, db, make_commitment, create_member
):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    for body in ('first', 'second'):
        assert _form_post(client, cid, body=body).status_code == 302
    first, second = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    fragment = client.get(f'/commitments/{cid}/comments?before={second.id}', headers=EN)
    assert fragment.status_code == 200
    html = fragment.get_data(as_text=True)
    assert re.search(rf'id="comment-{first.id}"[^>]*data-seq="{first.seq}"', html)


def test_the_edit_link_goes_when_the_edit_window_closes(
    client, auth, db, make_commitment, create_member
):
    cid = make_commitment()
    create_member(email='m@example.org')
    auth.login('m@example.org')
    assert _form_post(client, cid, body='mine').status_code == 302
    comment = db.session.scalar(select(Comment))
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-edit="{comment.id}"' in html
    until = re.search(r'data-editable-until="([^"]+)"', html).group(1)
    assert until == comment.editable_until.isoformat()

    db.session.execute(
        update(Comment).values(created_dt=comment.created_dt - timedelta(minutes=16))
    )
    db.session.commit()
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-edit="{comment.id}"' not in html
    assert f'data-delete="{comment.id}"' in html  # deleting stays possible


def test_the_reply_banner_names_the_person_without_javascript(
    client, auth, db, make_commitment, create_member
):
    cid = make_commitment()
    create_member(email='m@example.org', display_name='มาลี ใจดี')
    auth.login('m@example.org')
    assert _form_post(client, cid, body='first').status_code == 302
    comment = db.session.scalar(select(Comment))
    html = client.get(f'/commitments/{cid}?reply={comment.id}', headers=EN).get_data(as_text=True)
    assert '<span id="replying-to">Replying to มาลี ใจดี.</span>' in html
