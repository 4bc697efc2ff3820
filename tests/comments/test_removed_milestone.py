"""Comments about a milestone that is then deleted: they stay, about "a milestone since removed".

``comments.milestone_id`` is a foreign key emptied by the database (ON DELETE SET NULL); the
page, the socket's comment objects and the part filter show the label, never ``milestone:<id>``.
"""

import json
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from forum.comments.models import Comment
from forum.comments.services import post_comment
from forum.commitments.models import Commitment, CommitmentRevision
from forum.commitments.services import restore_revision, save_milestone
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}
TH = {'Accept-Language': 'th'}
REMOVED = {'th': 'หมุดหมายที่ถูกนำออกไปแล้ว', 'en': 'A milestone since removed'}


@pytest.fixture
def removed(client, auth, db, make_commitment, create_member):
    """A commitment whose first milestone had a thread with a reply, then was deleted."""
    cid = make_commitment(milestones=2)
    create_member(email='m@example.org', display_name='มาลี ใจดี')
    commitment = db.session.get(Commitment, cid)
    first, second = commitment.milestones
    member = db.session.merge(create_member(email='n@example.org'))

    def post(body, **kw):
        comment, _new = post_comment(
            commitment, actor=member, body=body, client_id=str(uuid.uuid4()), **kw
        )
        return comment

    thread = post('on the first milestone', anchor=f'milestone:{first.id}')
    reply = post('a reply on it', parent_id=thread.id)
    other = post('on the second milestone', anchor=f'milestone:{second.id}')
    db.session.commit()
    ids = SimpleNamespace(
        cid=cid, first=first.id, second=second.id, thread=thread.id, reply=reply.id, other=other.id
    )
    auth.login('sec@example.org')
    response = client.post(
        f'/commitments/{cid}/milestones/{first.id}/delete',
        data={'version': str(commitment.version), 'csrf_token': csrf_token(client)},
    )
    assert response.status_code == 302  # to the commitment: removed
    auth.logout()
    db.session.expire_all()
    assert [m.id for m in db.session.get(Commitment, cid).milestones] == [second.id]
    return ids


def test_the_comments_stay_and_lose_only_their_milestone(db, removed):
    rows = {
        c.id: (c.anchor, c.milestone_id, c.anchor_key, c.is_visible)
        for c in db.session.scalars(db.select(Comment))
    }
    assert rows == {
        removed.thread: ('milestone', None, 'milestone', True),
        removed.reply: ('milestone', None, 'milestone', True),
        removed.other: ('milestone', removed.second, f'milestone:{removed.second}', True),
    }


@pytest.mark.parametrize('lang', ['th', 'en'])
def test_the_page_shows_them_about_a_milestone_since_removed(client, removed, lang):
    page = client.get(f'/commitments/{removed.cid}', headers={'Accept-Language': lang}).get_data(
        as_text=True
    )
    assert 'on the first milestone' in page
    assert 'a reply on it' in page
    assert f'<span class="anchor-link removed">{REMOVED[lang]}</span>' in page
    assert f'milestone:{removed.first}' not in page
    assert f'milestone-{removed.first}' not in page  # no link to a place that is gone
    # The other milestone moved up to number 1, and its comment says so.
    label = {'th': 'หมุดหมายที่ 1', 'en': 'Milestone 1'}[lang]
    assert f'<a class="anchor-link" href="#milestone-{removed.second}">{label}</a>' in page


def test_the_part_filter_lists_them(client, removed):
    page = client.get(f'/commitments/{removed.cid}?about=milestone', headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'Comments on: {REMOVED["en"]}.' in html
    assert 'on the first milestone' in html
    assert 'on the second milestone' not in html
    fragment = client.get(f'/commitments/{removed.cid}/comments?about=milestone', headers=TH)
    html = fragment.get_data(as_text=True)
    assert f'<span class="anchor-link removed">{REMOVED["th"]}</span>' in html
    assert 'on the second milestone' not in html
    # The deleted milestone's own key names no part any more.
    gone = client.get(f'/commitments/{removed.cid}?about=milestone:{removed.first}', headers=EN)
    assert gone.status_code == 400


def test_the_join_payload_labels_them(app, removed, socket_client):
    watcher = socket_client(app.test_client())
    ack = watcher.emit('join', {'commitment_id': removed.cid}, callback=True)
    assert ack['ok'] is True
    comments = {c['id']: c for c in ack['comments']}
    for cid in (removed.thread, removed.reply):
        assert comments[cid]['anchor'] == 'milestone'
        assert comments[cid]['anchor_label'] == REMOVED
    assert comments[removed.other]['anchor'] == f'milestone:{removed.second}'
    assert comments[removed.other]['anchor_label'] == {'th': 'หมุดหมายที่ 1', 'en': 'Milestone 1'}
    assert f'milestone:{removed.first}' not in json.dumps(ack)


def test_replies_go_on_and_no_new_comment_can_name_it(client, auth, removed, socket_client):
    auth.login('m@example.org')
    member = socket_client(client, logged_in=True)
    assert member.emit('join', {'commitment_id': removed.cid}, callback=True)['ok']

    def post(**extra):
        payload = {'commitment_id': removed.cid, 'body': 'ต่อ', 'client_id': str(uuid.uuid4())}
        return member.emit('post_comment', {**payload, **extra}, callback=True)

    ack = post(parent_id=removed.thread)
    assert ack['ok'] is True
    assert (ack['comment']['anchor'], ack['comment']['anchor_label']) == ('milestone', REMOVED)
    for anchor in (f'milestone:{removed.first}', 'milestone'):
        ack = post(anchor=anchor)
        assert ack == {'ok': False, 'error': 'This part of the commitment does not exist.'}


def test_comment_objects_label_every_part(app, db, make_commitment, dummy_member, socket_client):
    cid = make_commitment(milestones=1)
    commitment = db.session.get(Commitment, cid)
    actor = db.session.merge(dummy_member)
    for anchor in ('', 'problem', f'milestone:{commitment.milestones[0].id}'):
        post_comment(commitment, actor=actor, body=anchor or 'whole', client_id=str(uuid.uuid4()),
                     anchor=anchor)  # fmt: skip
    db.session.commit()
    ack = socket_client(app.test_client()).emit('join', {'commitment_id': cid}, callback=True)
    labels = [(c['anchor'], c['anchor_label']) for c in ack['comments']]
    assert labels == [
        ('', None),
        (
            'problem',
            {'th': 'ปัญหาสาธารณะและสถานการณ์ปัจจุบัน', 'en': 'The public problem, with its baseline'},
        ),
        (f'milestone:{commitment.milestones[0].id}', {'th': 'หมุดหมายที่ 1', 'en': 'Milestone 1'}),
    ]


@pytest.mark.parametrize(
    ('change', 'refused_by'),
    [
        ("anchor = 'milestone:{mid}', milestone_id = NULL", 'ck_comments_anchor'),  # id as text
        ("anchor = 'problem'", 'ck_comments_milestone_id'),  # a field with a milestone
        # No such milestone: the foreign key (SQLite does not name it).
        ('milestone_id = 2147483647', 'fk_comments_milestone_id_milestones|FOREIGN KEY'),
    ],
)
def test_the_database_refuses_a_milestone_written_wrong(db, removed, change, refused_by):
    """A raw UPDATE, past the ORM and the services, fails on a CHECK or the foreign key."""
    statement = f'UPDATE comments SET {change.format(mid=removed.second)} WHERE id = :id'
    with pytest.raises(IntegrityError, match=refused_by), db.engine.begin() as conn:
        conn.execute(text(statement), {'id': removed.other})
    db.session.expire_all()
    assert db.session.get(Comment, removed.other).anchor_key == f'milestone:{removed.second}'


def test_the_model_refuses_an_id_in_the_anchor():
    with pytest.raises(ValueError, match='anchor_key'):
        Comment(anchor='milestone:5')
    comment = Comment(anchor_key='milestone:5')
    assert (comment.anchor, comment.milestone_id) == ('milestone', 5)
    with pytest.raises(ValueError, match='not an anchor'):
        Comment(anchor_key='milestone:²')


def test_restoring_a_revision_without_the_milestone_keeps_its_comments(
    db, make_commitment, dummy_member, secretariat
):
    """The other way a milestone goes: a restored revision that did not have it."""
    cid = make_commitment(milestones=1)
    commitment = db.session.get(Commitment, cid)
    user = db.session.merge(secretariat)
    before = db.session.scalar(
        db.select(CommitmentRevision).filter_by(commitment_id=cid, number=commitment.version)
    )
    added = save_milestone(commitment, None, actor=user, fields={'output_en': 'Later'},
                           base_version=commitment.version)  # fmt: skip
    db.session.commit()
    comment, _new = post_comment(
        commitment, actor=db.session.merge(dummy_member), body='on the later one',
        client_id=str(uuid.uuid4()), anchor=f'milestone:{added.id}',
    )  # fmt: skip
    db.session.commit()
    restore_revision(commitment, before, actor=user, base_version=commitment.version)
    db.session.commit()
    db.session.expire_all()
    assert [m.position for m in db.session.get(Commitment, cid).milestones] == [1]
    comment = db.session.get(Comment, comment.id)
    assert (comment.anchor_key, comment.body) == ('milestone', 'on the later one')
    assert comment.anchor_label_in('th') == REMOVED['th']
