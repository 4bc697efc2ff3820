"""Themes, duplicates, reasoned responses, hiding, promoting a comment; publishing."""

from __future__ import annotations

import uuid

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from forum.comments.models import Comment
from forum.commitments.models import CommitmentRevision
from forum.consultations.models import ConsultationInput, ConsultationTheme
from forum.consultations.services.responses import respond, unanswered_inputs
from forum.consultations.services.rounds import close_round, publish_round
from forum.consultations.services.themes import (
    create_theme,
    merge_input,
    merge_theme,
    set_theme,
    unmerge_input,
)
from forum.core.refusals import Refused
from tests.conftest import csrf_token
from tests.consultations.conftest import EN


def test_a_theme_response_applies_to_each_input_without_its_own(db, three):
    round_, actor, (a, b, c) = three
    theme = create_theme(round_, actor=actor, title_th='ข้อมูลเปิด', title_en='Open data')
    set_theme(a, theme, actor=actor)
    set_theme(b, theme, actor=actor)
    assert len(unanswered_inputs(round_)) == 3
    respond(theme, actor=actor, disposition='partly_adopted', reason='บางส่วน')
    assert a.effective_response()[1] == 'theme'
    assert [i.id for i in unanswered_inputs(round_)] == [c.id]
    own = respond(b, actor=actor, disposition='adopted')
    assert b.effective_response() == (own, 'input')
    assert (own.reason, own.decided_by_id) == ('', actor.id)  # adopted: no reason needed
    assert a.effective_response()[0].disposition == 'partly_adopted'


def test_a_reason_is_required_unless_adopted(db, three):
    round_, actor, (a, _b, _c) = three
    for disposition in ('partly_adopted', 'not_adopted', 'already_covered', 'out_of_scope',
                        'deferred'):  # fmt: skip
        with force_locale('en'), pytest.raises(Refused, match='a reason is required unless'):
            respond(a, actor=actor, disposition=disposition, reason='  ')
    with force_locale('en'), pytest.raises(Refused, match='Choose what became of the input.'):
        respond(a, actor=actor, disposition='approved', reason='x')
    assert a.response is None


def test_revisions_carry_a_response_only_from_the_plans_commitments(db, three, commitments):
    round_, actor, (a, _b, _c) = three
    revision = db.session.scalar(
        select(CommitmentRevision).filter_by(commitment_id=commitments[0]).limit(1)
    )
    response = respond(a, actor=actor, disposition='adopted', revision_ids=[revision.id])
    assert response.revisions == [revision]
    with force_locale('en'), pytest.raises(Refused, match='Choose revisions of the commitments'):
        respond(a, actor=actor, disposition='adopted', revision_ids=[revision.id, 999_999])


def test_duplicates_are_merged_without_losing_either(db, three):
    round_, actor, (a, b, c) = three
    theme = create_theme(round_, actor=actor, title_th='ประเด็น')
    set_theme(a, theme, actor=actor)
    merge_input(b, a, actor=actor)
    merge_input(c, b, actor=actor)  # a duplicate of a duplicate points to the original
    assert (b.duplicate_of, c.duplicate_of) == (a, a)
    assert (b.theme, c.theme) == (theme, theme)
    respond(a, actor=actor, disposition='not_adopted', reason='เหตุผล')
    assert b.effective_response()[1] in ('duplicate', 'theme')
    db.session.commit()
    assert db.session.scalar(select(ConsultationInput.body).filter_by(id=b.id)) == 'ข้อเสนอที่ 2'
    unmerge_input(c, actor=actor)
    assert c.duplicate_of is None
    with pytest.raises(Refused):
        merge_input(a, a, actor=actor)


def test_merging_a_theme_moves_its_inputs_and_keeps_it(db, three):
    round_, actor, (a, b, _c) = three
    first = create_theme(round_, actor=actor, title_th='หนึ่ง')
    second = create_theme(round_, actor=actor, title_th='สอง')
    set_theme(a, first, actor=actor)
    set_theme(b, second, actor=actor)
    merge_theme(first, second, actor=actor)
    db.session.commit()
    assert (a.theme, first.merged_into) == (second, second)
    assert db.session.get(ConsultationTheme, first.id).title_th == 'หนึ่ง'
    # Putting an input under the merged theme puts it under the one it went into.
    set_theme(a, first, actor=actor)
    assert a.theme == second


def test_publishing_needs_every_standing_input_answered(db, three, make_round):
    round_, actor, (a, b, c) = three
    b.status = 'hidden'
    b.hidden_reason = 'ข้อมูลส่วนบุคคล'
    respond(a, actor=actor, disposition='adopted')
    close_round(round_, actor=actor)
    with pytest.raises(Refused):
        publish_round(round_, actor=actor)
    respond(c, actor=actor, disposition='deferred', reason='แผนฉบับหน้า')
    publish_round(round_, actor=actor)
    assert round_.state == 'published'
    with force_locale('en'), pytest.raises(Refused, match='responses of this round are published'):
        respond(c, actor=actor, disposition='adopted')


def test_the_secretariat_responds_and_hides_through_the_pages(client, auth, db, three):
    round_, _actor, (a, b, _c) = three
    auth.login('sec@example.org')
    page = client.get(f'/consultations/inputs/{a.id}', headers=EN).get_data(as_text=True)
    assert 'Respond to this input' in page
    token = csrf_token(client)
    response = client.post(f'/consultations/inputs/{a.id}/respond', headers=EN,
                           data={'csrf_token': token, 'disposition': 'not_adopted'})  # fmt: skip
    assert response.status_code == 400
    refused = response.get_data(as_text=True)
    assert 'a reason is required unless the input is adopted' in refused
    # On a phone the form is a screen below where the page opens: its reason is summed up on top.
    summary = refused.index('class="error-summary"')
    assert summary < refused.index('id="respond"')
    assert 'href="#reason"' in refused[summary : refused.index('id="respond"')]
    response = client.post(f'/consultations/inputs/{a.id}/respond',
                           data={'csrf_token': token, 'disposition': 'not_adopted',
                                 'reason': 'ไม่สอดคล้องกับขอบเขต'})  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ConsultationInput, a.id).response.reason == 'ไม่สอดคล้องกับขอบเขต'
    response = client.post(f'/consultations/inputs/{b.id}/merge', headers=EN,
                           data={'csrf_token': token, 'original': 'C1-999999'})  # fmt: skip
    assert response.status_code == 400
    assert 'No input of this round has that tracking number.' in response.get_data(as_text=True)
    response = client.post(f'/consultations/inputs/{b.id}/merge',
                           data={'csrf_token': token, 'original': 'c1-000001'})  # fmt: skip
    assert response.status_code == 302
    response = client.post(f'/consultations/inputs/{b.id}/hide',
                           data={'csrf_token': token, 'reason': 'มีเบอร์โทรศัพท์'})  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    hidden = db.session.get(ConsultationInput, b.id)
    assert (hidden.duplicate_of_id, hidden.status) == (a.id, 'hidden')
    # The progress on the manage page: one of two standing inputs lacks a response.
    page = client.get(f'/consultations/{round_.id}/manage', headers=EN).get_data(as_text=True)
    assert 'data-inputs="2" data-unanswered="1"' in page
    # Themes from the manage page.
    response = client.post(f'/consultations/{round_.id}/themes',
                           data={'csrf_token': token, 'title_th': 'งบประมาณ'})  # fmt: skip
    assert response.status_code == 302
    theme = db.session.scalar(select(ConsultationTheme))
    assert client.get(f'/consultations/themes/{theme.id}').status_code == 200
    response = client.post(f'/consultations/themes/{theme.id}/respond',
                           data={'csrf_token': token, 'disposition': 'adopted'})  # fmt: skip
    assert response.status_code == 302


def test_a_comment_on_a_commitment_of_the_round_becomes_an_input(
    client, auth, db, make_round, commitments, citizen
):
    round_id = make_round('open')
    auth.login('citizen@example.org')
    data = {'csrf_token': csrf_token(client), 'client_id': str(uuid.uuid4()),
            'body': 'ความเห็นที่ควรเป็นข้อคิดเห็น', 'anchor': 'problem'}  # fmt: skip
    assert client.post(f'/commitments/{commitments[0]}/comments', data=data).status_code == 302
    comment = db.session.scalar(select(Comment))
    auth.logout()
    auth.login('sec@example.org')
    page = client.get(f'/consultations/{round_id}/manage', headers=EN).get_data(as_text=True)
    assert 'ความเห็นที่ควรเป็นข้อคิดเห็น' in page
    token = csrf_token(client)
    response = client.post(f'/consultations/{round_id}/promote',
                           data={'csrf_token': token, 'comment_id': comment.id})  # fmt: skip
    assert response.status_code == 302
    item = db.session.scalar(select(ConsultationInput))
    assert (item.tracking_number, item.source_comment_id, item.anchor) == (
        'C1-000001', comment.id, 'problem')  # fmt: skip
    assert (item.submitter_id, item.publish_name, item.channel) == (
        comment.author_id,
        False,
        'online',
    )
    # Once per round.
    response = client.post(f'/consultations/{round_id}/promote', headers=EN,
                           data={'csrf_token': token, 'comment_id': comment.id})  # fmt: skip
    assert response.status_code == 302
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert 'This comment is already input C1-000001.' in page
    assert (
        db.session.scalar(select(ConsultationInput.id).where(ConsultationInput.id != item.id))
        is None
    )
