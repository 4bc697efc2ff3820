import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.comments.models import Comment
from forum.comments.services import (
    delete_comment,
    edit_comment,
    hide_comment,
    post_comment,
)
from forum.commitments.models import Commitment
from forum.core.audit import AuditEntry
from forum.core.refusals import Refused


@pytest.fixture
def setting(db, make_commitment, create_member):
    """A commitment and a member who may comment on it."""
    cid = make_commitment()
    member = create_member(email='m@example.org', display_name='มาลี')
    return db.session.get(Commitment, cid), db.session.merge(member)


def _post(commitment, user, body='ความเห็น', **kw):
    kw.setdefault('client_id', str(uuid.uuid4()))
    return post_comment(commitment, actor=user, body=body, **kw)


def test_posting_records_the_authors_sector_and_organisation(db, setting):
    commitment, member = setting
    comment, created = _post(commitment, member, '**ดี**', stance='support', anchor='problem')
    db.session.commit()
    assert created
    assert comment.sector.code == 'civil_society'
    assert comment.body_html == '<p><strong>ดี</strong></p>'
    assert (comment.stance, comment.anchor) == ('support', 'problem')
    assert db.session.scalar(select(AuditEntry).filter_by(action='comment.posted'))


def test_a_retried_client_id_returns_the_same_comment(db, setting):
    commitment, member = setting
    client_id = str(uuid.uuid4())
    first, created = _post(commitment, member, client_id=client_id)
    db.session.commit()
    again, created_again = _post(commitment, member, 'different text', client_id=client_id)
    assert (again.id, created, created_again) == (first.id, True, False)
    assert len(db.session.scalars(select(Comment)).all()) == 1


@pytest.mark.parametrize(
    ('kwargs', 'message'),
    [
        ({'body': ''}, 'empty'),
        ({'body': '   \n '}, 'empty'),
        ({'body': 'ก' * 5001}, 'at most 5000'),
        ({'body': 42}, 'empty'),
        ({'anchor': 'nowhere'}, 'does not exist'),
        ({'anchor': 'milestone:99999'}, 'does not exist'),
        ({'stance': 'anger'}, 'Unknown stance'),
        ({'parent_id': 99999}, 'does not exist'),
        ({'parent_id': 'one'}, 'does not exist'),
        ({'client_id': 'not-a-uuid'}, 'UUID'),
    ],
)
def test_bad_comments_are_refused_with_a_reason(app, db, setting, kwargs, message):
    commitment, member = setting
    kwargs = dict(kwargs)  # the parameter is shared by both database backends
    body = kwargs.pop('body', 'ok')
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        with pytest.raises(Refused) as exc:
            _post(commitment, member, body, **kwargs)
        assert message in str(exc.value.message)
    db.session.rollback()
    assert db.session.scalars(select(Comment)).all() == []


def test_replies_are_one_level_deep(db, setting, make_commitment):
    commitment, member = setting
    top, _ = _post(commitment, member, 'top', anchor='solution')
    reply, _ = _post(commitment, member, 'reply', parent_id=top.id)
    deeper, _ = _post(commitment, member, 'reply to reply', parent_id=reply.id)
    assert reply.parent_id == top.id
    assert deeper.parent_id == top.id  # joins the thread
    assert reply.anchor == 'solution'
    db.session.commit()
    other = db.session.get(Commitment, make_commitment())
    with pytest.raises(Refused):
        _post(other, member, 'wrong thread', parent_id=top.id)


def test_milestone_anchor(db, setting):
    commitment, member = setting
    milestone = commitment.milestones[0]
    comment, _ = _post(commitment, member, anchor=f'milestone:{milestone.id}')
    assert comment.anchor_key == f'milestone:{milestone.id}'
    # Stored as a reference to the milestone, not as text.
    assert (comment.anchor, comment.milestone_id) == ('milestone', milestone.id)


def test_rate_limit(app, db, setting):
    commitment, member = setting
    app.config['COMMENT_RATE_LIMIT'] = 3
    for _ in range(3):
        _post(commitment, member)
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        with pytest.raises(Refused) as exc:
            _post(commitment, member)
        assert 'at most 3 comments a minute' in str(exc.value.message)


def test_the_rate_limit_counts_only_the_last_minute(app, db, setting):
    commitment, member = setting
    app.config['COMMENT_RATE_LIMIT'] = 2
    earlier = [_post(commitment, member)[0] for _ in range(2)]
    for comment in earlier:
        comment.created_dt = comment.created_dt - timedelta(seconds=61)
    db.session.flush()
    assert all(created for _comment, created in (_post(commitment, member) for _ in range(2)))
    with pytest.raises(Refused):
        _post(commitment, member)


def test_a_retry_at_the_rate_limit_still_gets_its_comment(app, db, setting):
    commitment, member = setting
    app.config['COMMENT_RATE_LIMIT'] = 2
    client_id = str(uuid.uuid4())
    first, _ = _post(commitment, member, client_id=client_id)
    _post(commitment, member)
    again, created = _post(commitment, member, client_id=client_id)
    assert (again.id, created) == (first.id, False)
    with pytest.raises(Refused):
        _post(commitment, member)


def test_a_client_id_used_on_another_commitment_is_refused(app, db, setting, make_commitment):
    commitment, member = setting
    other = db.session.get(Commitment, make_commitment())
    client_id = str(uuid.uuid4())
    _post(commitment, member, client_id=client_id)
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        with pytest.raises(Refused) as exc:
            _post(other, member, client_id=client_id)
        assert 'already used for another comment' in str(exc.value.message)
    assert len(db.session.scalars(select(Comment)).all()) == 1


def test_edit_keeps_history_within_the_window(db, setting, create_member):
    commitment, member = setting
    comment, _ = _post(commitment, member, 'first')
    edit_comment(comment, actor=member, body='second')
    db.session.commit()
    assert comment.body == 'second'
    assert comment.edited_dt is not None
    assert [v.body for v in comment.versions] == ['first']
    other = db.session.merge(create_member(email='o@example.org'))
    with pytest.raises(Refused):
        edit_comment(comment, actor=other, body='not mine')
    comment.created_dt = comment.created_dt - timedelta(minutes=16)
    with pytest.raises(Refused):
        edit_comment(comment, actor=member, body='too late')


def test_delete_leaves_a_placeholder_and_hide_needs_a_reason(db, setting, secretariat):
    commitment, member = setting
    top, _ = _post(commitment, member, 'top')
    reply, _ = _post(commitment, member, 'reply', parent_id=top.id)
    delete_comment(top, actor=member)
    db.session.commit()
    assert top.is_deleted
    assert top.body == ''
    assert top.body_html == ''
    assert reply.parent_id == top.id  # the reply keeps its context
    staff = db.session.merge(secretariat)
    with pytest.raises(Refused):
        hide_comment(reply, actor=staff, reason=' ')
    hide_comment(reply, actor=staff, reason='ข้อมูลส่วนบุคคล')
    assert reply.is_hidden
    assert reply.hidden_reason == 'ข้อมูลส่วนบุคคล'


def test_the_public_form_is_built_once_per_state_of_the_comment(db, setting, secretariat):
    from forum.comments.serialize import comment_json

    commitment, member = setting
    comment, _ = _post(commitment, member, 'first')
    posted = comment_json(comment)
    # The broadcast and the ack of one post share what was built.
    assert comment_json(comment) is posted
    assert posted['body_html'] == '<p>first</p>'
    edit_comment(comment, actor=member, body='*second*')
    edited = comment_json(comment)
    assert (edited['body_html'], edited['edited']) == ('<p><em>second</em></p>', True)
    assert posted['body_html'] == '<p>first</p>'
    hide_comment(comment, actor=db.session.merge(secretariat), reason='off topic')
    hidden = comment_json(comment)
    assert (hidden['is_hidden'], hidden['hidden_reason'], hidden['body_html']) == (
        True,
        'off topic',
        '',
    )
