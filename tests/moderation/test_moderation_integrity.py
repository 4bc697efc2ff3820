"""Moderators acting at once take turns; blocks end at the forum's midnight; the log's API pages.

Found by an outside review on PostgreSQL with two processes: two decisions of one appeal, four
hidings of one comment, a double flag or appeal (a 500), blocks 18 minutes long (pytz's local
mean time), a staff member "designated" a moderator, the API reading the whole log.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.comments.models import Comment
from forum.core.i18n import local_today
from forum.moderation.models import Appeal, Block, ModerationAction
from forum.moderation.services import appeal, decide_appeal, hide, restore
from tests.moderation.test_moderation_routes import EN, _hide, _post
from tests.races import after_the_first_commits


def _kinds(db) -> list[str]:
    return db.session.scalars(select(ModerationAction.kind).order_by(ModerationAction.id)).all()


@pytest.mark.postgres
def test_two_moderators_hiding_one_comment_at_once_hide_it_once(
    postgres, db, people, make_commitment, comment_on
):
    app = postgres
    comment_id = comment_on(make_commitment(), people['author'])
    with app.test_request_context(headers=EN):
        hide(db.session.get(Comment, comment_id), actor=db.session.get(User, people['uni_mod'].id),
             reason='off_topic', note='นอกประเด็น')  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: hide(
                db.session.get(Comment, comment_id),
                actor=db.session.get(User, people['sec'].id),
                reason='personal_data',
                note='ข้อมูลส่วนบุคคล',
            ),  # fmt: skip
            headers=EN,
        )
    assert other.refused is not None
    assert other.refused.status == 409
    assert other.message == 'This comment is already hidden.'
    with app.app_context():
        assert _kinds(db) == ['hidden']
        assert db.session.get(Comment, comment_id).hidden_reason == 'off_topic'


@pytest.mark.postgres
def test_two_decisions_of_one_appeal_at_once_decide_it_once(
    postgres, db, people, make_commitment, comment_on
):
    app = postgres
    comment_id = comment_on(make_commitment(), people['author'])
    with app.test_request_context():
        comment = db.session.get(Comment, comment_id)
        hide(comment, actor=db.session.get(User, people['cso_mod'].id), reason='off_topic',
             note='นอกประเด็น')  # fmt: skip
        item = appeal(comment, actor=db.session.get(User, people['author'].id), text='ตรงประเด็น')
        db.session.commit()
        appeal_id = item.id
    with app.test_request_context(headers=EN):
        decide_appeal(db.session.get(Appeal, appeal_id),
                      actor=db.session.get(User, people['uni_mod'].id), grant=False,
                      note='ยังนอกประเด็น')  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: decide_appeal(
                db.session.get(Appeal, appeal_id),
                actor=db.session.get(User, people['sec'].id),
                grant=True,
                note='ตรงประเด็นจริง',
            ),  # fmt: skip
            headers=EN,
        )
    assert other.refused is not None
    assert other.message == 'This appeal is already decided.'
    with app.app_context():
        assert _kinds(db) == ['hidden', 'appeal_upheld']
        assert db.session.get(Appeal, appeal_id).state == 'upheld'
        assert db.session.get(Comment, comment_id).is_hidden


@pytest.mark.postgres
def test_a_restoring_racing_a_decision_of_the_appeal_waits_for_it(
    postgres, db, people, make_commitment, comment_on
):
    app = postgres
    comment_id = comment_on(make_commitment(), people['author'])
    with app.test_request_context():
        comment = db.session.get(Comment, comment_id)
        hide(comment, actor=db.session.get(User, people['cso_mod'].id), reason='off_topic',
             note='นอกประเด็น')  # fmt: skip
        item = appeal(comment, actor=db.session.get(User, people['author'].id), text='ตรงประเด็น')
        db.session.commit()
        appeal_id = item.id
    with app.test_request_context(headers=EN):
        decide_appeal(db.session.get(Appeal, appeal_id),
                      actor=db.session.get(User, people['uni_mod'].id), grant=True,
                      note='ตรงประเด็นจริง')  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: restore(
                db.session.get(Comment, comment_id), actor=db.session.get(User, people['sec'].id)
            ),
            headers=EN,
        )
    assert other.message == 'This comment is not hidden.'
    with app.app_context():
        assert _kinds(db) == ['hidden', 'appeal_granted']


@pytest.mark.postgres
def test_two_appeals_of_one_hiding_at_once_are_one(
    postgres, db, people, make_commitment, comment_on
):
    app = postgres
    comment_id = comment_on(make_commitment(), people['author'])
    with app.test_request_context(headers=EN):
        comment = db.session.get(Comment, comment_id)
        hide(comment, actor=db.session.get(User, people['cso_mod'].id), reason='off_topic',
             note='นอกประเด็น')  # fmt: skip
        db.session.commit()
        appeal(db.session.get(Comment, comment_id),
               actor=db.session.get(User, people['author'].id), text='ครั้งแรก')  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: appeal(
                db.session.get(Comment, comment_id),
                actor=db.session.get(User, people['author'].id),
                text='ครั้งที่สอง',
            ),  # fmt: skip
            headers=EN,
        )
    assert other.refused is not None
    assert other.refused.status == 409
    assert 'You have already appealed' in other.message
    with app.app_context():
        assert db.session.scalars(select(Appeal.text)).all() == ['ครั้งแรก']


def test_a_block_ends_at_the_forums_midnight(db, people, as_user):
    until = local_today() + timedelta(days=7)
    block = f'/moderation/people/{people["author"].id}/block'
    moderator = as_user('unimod@example.org')
    assert (
        _post(moderator, block, justification='ก่อกวน', ends_on=until.isoformat()).status_code == 302
    )
    ends = db.session.scalar(select(Block.ends_dt))
    # "Until the end of" that day: the next day's 00:00 in Bangkok, not 00:18 (local mean time).
    assert ends.astimezone(ZoneInfo('Asia/Bangkok')).replace(tzinfo=None) == datetime.combine(
        until + timedelta(days=1), datetime.min.time()
    )
    assert ends.astimezone(UTC).minute == 0


def test_the_audit_filter_days_start_at_the_forums_midnight(app):
    from forum.moderation.routes import _end_of

    with app.test_request_context():
        start = _end_of(date(2026, 3, 1), days=0)
    assert start == datetime(2026, 2, 28, 17, 0, tzinfo=UTC)


def test_staff_moderate_by_their_role_and_are_not_designated(db, people, as_user):
    staff = as_user('sec@example.org')
    response = _post(staff, '/moderation/moderators', email='admin@example.org')
    assert response.status_code == 409
    assert 'moderates already, as staff of the secretariat' in response.get_data(as_text=True)


def test_the_api_log_pages_from_the_database_and_filters_by_kind(
    db, people, make_commitment, comment_on, as_user, client
):
    cid = make_commitment()
    moderator = as_user('unimod@example.org')
    hidden = [comment_on(cid, people['author'], f'ความเห็น {n}') for n in range(3)]
    for comment_id in hidden:
        assert _hide(moderator, comment_id).status_code == 302
    restored = _post(as_user('sec@example.org'), f'/comments/{hidden[0]}/restore', note='')
    assert restored.status_code == 302
    data = client.get('/api/v1/moderation-log?kind=hidden&per_page=2').get_json()
    assert (data['total'], data['pages'], data['count']) == (3, 2, 2)
    assert [i['comment_id'] for i in data['items']] == [hidden[2], hidden[1]]  # newest first
    assert 'kind=hidden' in data['next']
    rest = client.get(data['next']).get_json()
    assert [(i['kind'], i['comment_id']) for i in rest['items']] == [('hidden', hidden[0])]
    everything = client.get('/api/v1/moderation-log').get_json()
    assert [i['kind'] for i in everything['items']] == ['restored', 'hidden', 'hidden', 'hidden']
    wrong = client.get('/api/v1/moderation-log?kind=nonsense', headers=EN)
    assert wrong.status_code == 400
    assert "Unknown kind 'nonsense'; known kinds: hidden" in wrong.get_json()['error']
