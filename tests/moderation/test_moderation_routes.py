"""Moderation over HTTP: flags, hiding with a reason code, restoring, appeals, blocks, the logs."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.comments.models import Comment
from forum.core.i18n import local_today
from forum.moderation.models import Appeal, Block, Flag, ModerationAction
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _post(client, path, **data):
    return client.post(path, data={'csrf_token': csrf_token(client, '/'), **data}, headers=EN)


def _hide(client, comment_id, reason='personal_data', note='เบอร์โทรศัพท์ส่วนตัว'):
    return _post(client, f'/comments/{comment_id}/hide', reason=reason, note=note)


def test_anyone_logged_in_flags_once_and_moderators_see_the_queue(
    db, people, make_commitment, comment_on, as_user, client
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'], 'ขายของ ราคาถูก')
    reader = as_user('reader@example.org')
    page = reader.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-flag="{comment_id}"' in page
    assert f'data-moderate="{comment_id}"' not in page  # not a moderator
    assert _post(reader, f'/comments/{comment_id}/flag', reason='spam').status_code == 302
    second = _post(reader, f'/comments/{comment_id}/flag', reason='offensive')
    assert second.status_code == 409
    assert 'You have already flagged this comment.' in second.get_data(as_text=True)
    bad = _post(as_user('gov@example.org'), f'/comments/{comment_id}/flag', reason='rude')
    assert bad.status_code == 400
    assert db.session.scalar(select(func.count(Flag.id))) == 1
    # Anonymous visitors are sent to log in; the author does not flag their own comment.
    assert client.get(f'/comments/{comment_id}/flag').status_code == 302
    assert as_user('author@example.org').get(f'/comments/{comment_id}/flag').status_code == 403

    assert reader.get('/moderation/queue').status_code == 403
    queue = as_user('unimod@example.org').get('/moderation/queue', headers=EN)
    html = queue.get_data(as_text=True)
    assert queue.status_code == 200
    assert f'data-flagged="{comment_id}"' in html
    assert 'Spam: 1' in html
    assert 'ขายของ ราคาถูก' in html


def test_hide_form_shows_the_comment_author_and_commitment_then_hides_with_a_code(
    db, people, make_commitment, comment_on, as_user, client
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'], 'โทร 081-234-5678')
    moderator = as_user('unimod@example.org')
    form = moderator.get(f'/comments/{comment_id}/hide', headers=EN).get_data(as_text=True)
    assert 'โทร 081-234-5678' in form
    assert 'ผู้เขียน' in form  # the author
    assert 'TH0001' in form  # the commitment
    assert 'value="personal_data"' in form
    assert _hide(moderator, comment_id).status_code == 302

    public = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'Hidden by a moderator: Personal data' in public
    assert '081-234-5678' not in public
    thai = client.get(f'/commitments/{cid}', headers={'Accept-Language': 'th'})
    assert '081-234-5678' not in thai.get_data(as_text=True)
    # Moderators still read it on the page, and may restore it.
    other_moderator = as_user('csomod@example.org')
    theirs = other_moderator.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert '081-234-5678' in theirs
    assert 'Restore…' in theirs

    again = _hide(other_moderator, comment_id, reason='spam')
    assert again.status_code == 409
    assert 'This comment is already hidden.' in again.get_data(as_text=True)
    action = db.session.scalar(select(ModerationAction))
    assert (action.kind, action.reason, action.note) == (
        'hidden',
        'personal_data',
        'เบอร์โทรศัพท์ส่วนตัว',
    )
    assert action.sector.code == 'academia'

    restored = _post(other_moderator, f'/comments/{comment_id}/restore', note='')
    assert restored.status_code == 302
    assert '081-234-5678' in client.get(f'/commitments/{cid}').get_data(as_text=True)
    assert not db.session.get(Comment, comment_id).is_hidden


def test_bad_hide_input_is_refused_and_nothing_is_written(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    moderator = as_user('unimod@example.org')
    assert _hide(moderator, comment_id, reason='nonsense').status_code == 400
    assert _hide(moderator, comment_id, note='   ').status_code == 400
    assert _hide(moderator, comment_id, note='x' * 2001).status_code == 400
    assert not db.session.get(Comment, comment_id).is_hidden
    assert db.session.scalar(select(func.count(ModerationAction.id))) == 0


def test_non_moderators_get_403_on_every_moderation_route(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['gov'])
    member = as_user('author@example.org')
    for path in (
        f'/comments/{comment_id}/hide',
        '/moderation/queue',
        f'/moderation/commitments/{cid}/floor',
        f'/moderation/people/{people["gov"].id}/block',
        '/moderation/moderators',
        '/audit',
    ):
        assert member.get(path).status_code == 403, path
    assert _hide(member, comment_id).status_code == 403
    assert _post(member, f'/comments/{comment_id}/restore').status_code == 403
    assert (
        _post(member, f'/moderation/commitments/{cid}/floor', is_on='y', share_percent=50,
              last_n=20, wait_minutes=10).status_code == 403
    )  # fmt: skip
    assert not db.session.get(Comment, comment_id).is_hidden
    # A designated moderator does not moderate the secretariat's list of moderators or the audit.
    moderator = as_user('unimod@example.org')
    assert moderator.get('/moderation/moderators').status_code == 403
    assert moderator.get('/audit').status_code == 403


def test_moderators_cannot_act_on_their_own_comments(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    own = comment_on(cid, people['cso_mod'], 'ของผู้ดูแลเอง')
    moderator = as_user('csomod@example.org')
    page = moderator.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-moderate="{own}"' not in page
    assert moderator.get(f'/comments/{own}/hide').status_code == 403
    assert _hide(moderator, own).status_code == 403
    assert not db.session.get(Comment, own).is_hidden


def test_appeal_once_decided_by_another_sector(db, people, make_commitment, comment_on, as_user):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'], 'ข้อความที่ถูกซ่อน')
    cso_mod, uni_mod = as_user('csomod@example.org'), as_user('unimod@example.org')
    assert _hide(cso_mod, comment_id, reason='off_topic', note='นอกประเด็น').status_code == 302

    author = as_user('author@example.org')
    page = author.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert f'data-appeal="{comment_id}"' in page
    assert as_user('gov@example.org').get(f'/comments/{comment_id}/appeal').status_code == 403
    appeal = f'/comments/{comment_id}/appeal'
    assert _post(author, appeal, text='ความเห็นนี้ตรงประเด็น').status_code == 302
    twice = _post(author, appeal, text='อีกครั้ง')
    assert twice.status_code == 409
    assert 'You have already appealed' in twice.get_data(as_text=True)
    item = db.session.scalar(select(Appeal))
    assert item.state == 'pending'

    decide = f'/moderation/appeals/{item.id}'
    queue = uni_mod.get('/moderation/queue', headers=EN).get_data(as_text=True)
    assert decide in queue
    # A moderator of the same sector as the one who hid it: refused, with the reason.
    same = _post(cso_mod, decide, decision='grant', note='ผิดพลาด')
    assert same.status_code == 403
    assert 'a moderator of another sector decides' in same.get_data(as_text=True)
    assert db.session.get(Appeal, item.id).state == 'pending'
    assert _post(uni_mod, decide, decision='grant', note='ตรงประเด็นจริง').status_code == 302
    assert db.session.get(Appeal, item.id).state == 'granted'
    assert not db.session.get(Comment, comment_id).is_hidden
    again = _post(as_user('sec@example.org'), decide, decision='uphold', note='x')
    assert again.status_code == 409
    kinds = db.session.scalars(select(ModerationAction.kind).order_by(ModerationAction.id)).all()
    assert kinds == ['hidden', 'appeal_granted']


def test_restoring_by_hand_cannot_settle_an_appeal_for_the_sector_that_hid(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    cso_mod = as_user('csomod@example.org')
    assert _hide(cso_mod, comment_id, reason='off_topic', note='นอกประเด็น').status_code == 302
    author = as_user('author@example.org')
    assert _post(author, f'/comments/{comment_id}/appeal', text='ตรงประเด็น').status_code == 302
    restored = _post(cso_mod, f'/comments/{comment_id}/restore', note='')
    assert restored.status_code == 403
    assert 'The author has appealed' in restored.get_data(as_text=True)
    assert db.session.get(Comment, comment_id).is_hidden
    assert db.session.scalar(select(Appeal)).state == 'pending'
    # A moderator of another sector may restore it, and so grants the appeal.
    uni_mod = as_user('unimod@example.org')
    assert _post(uni_mod, f'/comments/{comment_id}/restore', note='ตรงประเด็น').status_code == 302
    assert not db.session.get(Comment, comment_id).is_hidden
    assert db.session.scalar(select(Appeal)).state == 'granted'


def test_a_note_of_invisible_characters_is_no_note(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    refused = _hide(as_user('unimod@example.org'), comment_id, note='\u200b \u200b')
    assert refused.status_code == 400
    assert not db.session.get(Comment, comment_id).is_hidden


@pytest.mark.parametrize('ends_on', ['9999-12-31', '0001-01-01'])
def test_a_block_ending_at_the_calendars_edge_is_refused_not_a_500(db, people, as_user, ends_on):
    moderator = as_user('unimod@example.org')
    block = f'/moderation/people/{people["author"].id}/block'
    refused = _post(moderator, block, justification='ก่อกวน', ends_on=ends_on)
    assert refused.status_code == 400
    assert db.session.scalar(select(func.count(Block.id))) == 0


def test_an_upheld_appeal_keeps_the_comment_hidden(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    assert (
        _hide(as_user('sec@example.org'), comment_id, reason='spam', note='โฆษณา').status_code
        == 302
    )
    author = as_user('author@example.org')
    assert _post(author, f'/comments/{comment_id}/appeal', text='ไม่ใช่โฆษณา').status_code == 302
    item = db.session.scalar(select(Appeal))
    # Hidden by the secretariat: any sector's moderator decides, not another staff member.
    assert _post(as_user('admin@example.org'), f'/moderation/appeals/{item.id}', decision='grant',
                 note='x').status_code == 403  # fmt: skip
    done = _post(as_user('csomod@example.org'), f'/moderation/appeals/{item.id}',
                 decision='uphold', note='ยังเป็นโฆษณา')  # fmt: skip
    assert done.status_code == 302
    assert db.session.get(Comment, comment_id).is_hidden
    assert db.session.get(Appeal, item.id).state == 'upheld'


def test_a_blocked_person_cannot_comment_over_http_and_the_box_says_why(
    db, people, make_commitment, comment_on, as_user
):
    cid = make_commitment()
    moderator = as_user('unimod@example.org')
    block = f'/moderation/people/{people["author"].id}/block'
    past = (local_today() - timedelta(days=1)).isoformat()
    refused = _post(moderator, block, justification='ก่อกวน', ends_on=past)
    assert refused.status_code == 400
    assert 'The block must end in the future.' in refused.get_data(as_text=True)
    assert _post(moderator, block, justification='', ends_on=past).status_code == 400
    until = (local_today() + timedelta(days=7)).isoformat()
    assert _post(moderator, block, justification='ก่อกวนซ้ำ', ends_on=until).status_code == 302
    assert db.session.scalar(select(func.count(Block.id))) == 1

    author = as_user('author@example.org')
    page = author.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'A moderator has blocked you from commenting until' in page
    assert 'ก่อกวนซ้ำ' in page
    client_id = '7d1c1b8e-3a4f-4e55-9a43-0b6f5f3e2f10'
    posted = _post(author, f'/commitments/{cid}/comments', body='ยังพูดได้ไหม',
                   client_id=client_id, anchor='', stance='')  # fmt: skip
    assert posted.status_code == 403
    assert db.session.scalar(select(func.count(Comment.id))) == 0
    # Others still comment.
    assert comment_on(cid, people['gov'])
    # A moderator cannot block themselves or the staff.
    assert moderator.get(f'/moderation/people/{people["uni_mod"].id}/block').status_code == 403
    assert moderator.get(f'/moderation/people/{people["sec"].id}/block').status_code == 403


def test_public_log_and_api_show_every_action_without_personal_data(
    db, people, make_commitment, comment_on, as_user, client
):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    assert _hide(as_user('unimod@example.org'), comment_id, note='บันทึกลับของผู้ดูแล').status_code == 302
    until = (local_today() + timedelta(days=3)).isoformat()
    block = f'/moderation/people/{people["gov"].id}/block'
    assert _post(as_user('sec@example.org'), block, justification='เหตุผลส่วนตัว',
                 ends_on=until).status_code == 302  # fmt: skip

    page = client.get('/moderation', headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'/commitments/{cid}#comment-{comment_id}' in html
    assert 'Personal data' in html
    assert 'Academia' in html
    assert 'Secretariat' in html
    assert 'Person blocked from commenting' in html
    names = (people['uni_mod'].display_name, people['gov'].display_name, 'ผู้เขียน')
    for private in ('บันทึกลับของผู้ดูแล', 'เหตุผลส่วนตัว', 'unimod@example.org', *names):
        assert private not in html

    data = client.get('/api/v1/moderation-log?per_page=1').get_json()
    assert (data['total'], data['count'], data['pages']) == (2, 1, 2)
    first = data['items'][0]
    assert first['kind'] == 'blocked'
    assert first['moderator_sector']['code'] == 'secretariat'
    assert first['comment_id'] is None
    second = client.get(data['next']).get_json()['items'][0]
    assert (second['kind'], second['comment_id'], second['reason']) == (
        'hidden',
        comment_id,
        'personal_data',
    )
    assert second['moderator_sector'] == {
        'code': 'academia', 'name': {'th': 'ภาควิชาการ', 'en': 'Academia'}
    }  # fmt: skip
    text = str(data) + str(second)
    assert 'บันทึกลับ' not in text
    assert '@example.org' not in text
    assert client.get('/api/v1/moderation-log?page=0').status_code == 400


def test_the_secretariat_designates_and_removes_moderators(db, people, as_user):
    staff = as_user('sec@example.org')
    assert _post(staff, '/moderation/moderators', email='gov@example.org').status_code == 302
    twice = _post(staff, '/moderation/moderators', email='gov@example.org')
    assert twice.status_code == 409
    assert _post(staff, '/moderation/moderators', email='nobody@example.org').status_code == 400
    gov = as_user('gov@example.org')
    assert gov.get('/moderation/queue').status_code == 200
    assert _post(staff, f'/moderation/moderators/{people["gov"].id}/remove').status_code == 302
    assert gov.get('/moderation/queue').status_code == 403


def test_the_moderation_log_answers_as_its_openapi_document_says(
    db, people, make_commitment, comment_on, as_user, client
):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    cid = make_commitment()
    assert _hide(as_user('sec@example.org'), comment_on(cid, people['author'])).status_code == 302
    doc = client.get('/api/v1/openapi.json').get_json()
    operation = doc['paths']['/moderation-log']['get']
    schema = operation['responses']['200']['content']['application/json']['schema']
    registry = Registry().with_resource('urn:doc', Resource.from_contents(doc, DRAFT202012))
    validator = Draft202012Validator(
        {'$ref': 'urn:doc#/components/schemas/' + schema['$ref'].rsplit('/', 1)[1]},
        registry=registry,
    )
    answer = client.get('/api/v1/moderation-log').get_json()
    validator.validate(answer)
    assert answer['items'][0]['moderator_sector']['code'] == 'secretariat'
    answer['items'][0]['note'] = 'leaked'
    assert not validator.is_valid(answer)  # the document forbids any other field
