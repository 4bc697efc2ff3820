"""A comment's author and its moderators at once, and one person's posts at once.

Found by an outside review with socket.io-client against two processes on PostgreSQL: an edit
racing a hiding broadcast the hidden text again; twenty posts sent at once passed a limit of ten
a minute; a blocked person could still edit; control characters and a right-to-left override were
stored and broadcast.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.auth.models import User
from forum.comments.models import Comment
from forum.comments.services import edit_comment, post_comment
from forum.commitments.models import Commitment
from forum.core.refusals import Refused
from forum.db import utcnow
from forum.moderation.services import block, hide
from tests.moderation.test_moderation_routes import EN
from tests.races import after_the_first_commits


@pytest.mark.postgres
def test_an_edit_racing_a_hiding_finds_the_comment_hidden(
    postgres, db, people, make_commitment, comment_on
):
    app = postgres
    comment_id = comment_on(make_commitment(), people['author'], 'ข้อความเดิม')
    with app.test_request_context(headers=EN):
        hide(db.session.get(Comment, comment_id), actor=db.session.get(User, people['uni_mod'].id),
             reason='personal_data', note='เบอร์โทรศัพท์')  # fmt: skip
        editing = after_the_first_commits(
            app,
            lambda: edit_comment(
                db.session.get(Comment, comment_id),
                actor=db.session.get(User, people['author'].id),
                body='ข้อความใหม่',
            ),  # fmt: skip
            headers=EN,
        )
    assert editing.message == 'This comment can no longer be edited.'
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        assert comment.is_hidden
        assert comment.body == 'ข้อความเดิม'  # not overwritten under the moderator's hiding


@pytest.mark.postgres
def test_posts_sent_at_once_are_counted_against_the_limit_together(
    postgres, db, people, make_commitment
):
    app = postgres
    cid = make_commitment()
    app.config['COMMENT_RATE_LIMIT'] = 1
    author_id = people['author'].id

    def post(body):
        return post_comment(db.session.get(Commitment, cid), actor=db.session.get(User, author_id),
                            body=body, client_id=str(uuid.uuid4()))  # fmt: skip

    with app.test_request_context(headers=EN):
        post('ครั้งแรก')
        second = after_the_first_commits(app, lambda: post('ครั้งที่สอง'), headers=EN)
    assert second.refused is not None
    assert 'at most 1 comments a minute' in second.message
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_a_blocked_person_cannot_edit_their_comment(app, db, people, make_commitment, comment_on):
    comment_id = comment_on(make_commitment(), people['author'], 'ข้อความเดิม')
    with app.test_request_context(headers=EN):
        block(db.session.get(User, people['author'].id),
              actor=db.session.get(User, people['uni_mod'].id), justification='ก่อกวน',
              ends_dt=utcnow() + timedelta(days=3))  # fmt: skip
        db.session.commit()
        with pytest.raises(Refused, match='blocked you from commenting') as refused:
            edit_comment(
                db.session.get(Comment, comment_id),
                actor=db.session.get(User, people['author'].id), body='แก้ไขหลังถูกระงับ',
            )  # fmt: skip
        assert refused.value.status == 403
        db.session.rollback()
        assert db.session.get(Comment, comment_id).body == 'ข้อความเดิม'


def test_a_person_without_a_seat_any_more_cannot_edit(app, db, people, make_commitment, comment_on):
    from forum.members.models import Membership

    comment_id = comment_on(make_commitment(), people['author'], 'ข้อความเดิม')
    with app.test_request_context(headers=EN):
        seat = db.session.scalar(select(Membership).filter_by(user_id=people['author'].id))
        seat.term_end = seat.term_start  # the term ran out long ago
        db.session.commit()
        with pytest.raises(
            Refused, match='You may no longer comment on this commitment'
        ) as refused:
            edit_comment(db.session.get(Comment, comment_id),
                         actor=db.session.get(User, people['author'].id), body='แก้ไข')  # fmt: skip
        assert refused.value.status == 403


@pytest.mark.parametrize('body', ['สวัสดี \x1b[31m แดง', 'gro.elpmaxe\u202e', 'ระฆัง\x07', 'x\x85y'])
def test_control_and_direction_characters_are_refused_in_a_comment(
    app, db, people, make_commitment, body
):
    cid = make_commitment()
    with app.test_request_context(headers=EN):
        with pytest.raises(Refused, match='Remove the control characters from this text'):
            post_comment(db.session.get(Commitment, cid),
                         actor=db.session.get(User, people['author'].id), body=body,
                         client_id=str(uuid.uuid4()))  # fmt: skip
        db.session.rollback()
        # Thai writers' zero-width space and line breaks stay text.
        comment, _new = post_comment(
            db.session.get(Commitment, cid), actor=db.session.get(User, people['author'].id),
            body='ความ\u200bเห็น\nบรรทัดที่สอง\tแท็บ', client_id=str(uuid.uuid4()),
        )  # fmt: skip
        assert comment.body == 'ความ\u200bเห็น\nบรรทัดที่สอง\tแท็บ'
