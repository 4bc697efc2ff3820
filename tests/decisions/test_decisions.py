"""Decisions through the pages: open, vote by sector, close; refusals; the endorsement."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forum.commitments.models import Commitment
from forum.core.audit import AuditEntry
from forum.decisions.models import Decision, Vote
from forum.members.models import Membership
from forum.naps.models import Nap
from forum.naps.services import move_nap
from forum.sectors.services import sector_by_code
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _open(client, commitment_id, mode='vote', quorum='1/3'):
    path = f'/decisions/new/commitment/{commitment_id}'
    return client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'mode': mode, 'quorum': quorum, 'note': ''},
        headers=EN,
    )


def _vote(client, decision_id, choice):
    token = csrf_token(client, f'/decisions/{decision_id}')
    return client.post(
        f'/decisions/{decision_id}/vote',
        data={'csrf_token': token, 'choice': choice},
        headers=EN,
    )


def _close(client, decision_id):
    token = csrf_token(client, f'/decisions/{decision_id}')
    return client.post(f'/decisions/{decision_id}/close', data={'csrf_token': token}, headers=EN)


def _as(auth, email):
    auth.logout()
    auth.login(email)


def test_a_vote_passes_with_a_double_majority_and_endorses(
    client, auth, db, secretariat, members, in_review
):
    auth.login('sec@example.org')
    page = client.get(f'/commitments/{in_review}', headers=EN).get_data(as_text=True)
    assert f'/decisions/new/commitment/{in_review}' in page
    response = _open(client, in_review)
    assert response.status_code == 302
    decision = db.session.scalar(select(Decision))
    assert (decision.mode, decision.state, decision.quorum_num, decision.quorum_den) == (
        'vote', 'open', 1, 3,
    )  # fmt: skip
    for who, choice in (
        ('gov1', 'approve'),
        ('cso1', 'approve'),
        ('cso2', 'abstain'),
        ('aca', 'approve'),
    ):
        _as(auth, f'{who}@example.org')
        assert _vote(client, decision.id, choice).status_code == 302
    # One vote each: a second is refused, clearly, and the first stays.
    response = _vote(client, decision.id, 'object')
    assert response.status_code == 409
    assert 'already voted' in response.get_data(as_text=True)
    assert db.session.scalar(select(Vote).filter_by(voter_id=members['aca'].id)).choice == 'approve'
    shown = client.get(f'/decisions/{decision.id}', headers=EN).get_data(as_text=True)
    assert 'data-sector="academia"' in shown
    _as(auth, 'sec@example.org')
    response = _close(client, decision.id)
    assert response.status_code == 302
    db.session.expire_all()
    decision = db.session.get(Decision, decision.id)
    assert (decision.state, decision.outcome) == ('passed', 'passed')
    assert decision.seated == {
        str(sector_by_code('government').id): [True, 2],
        str(sector_by_code('civil_society').id): [False, 2],
        str(sector_by_code('academia').id): [False, 1],
    }
    assert db.session.get(Commitment, in_review).state == 'endorsed'
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count('decision.vote_cast') == 4
    for action in ('decision.opened', 'decision.closed', 'commitment.state_changed'):
        assert action in actions
    # After closing: no more votes.
    _as(auth, 'gov2@example.org')
    response = _vote(client, decision.id, 'approve')
    assert response.status_code == 409
    assert 'closed' in response.get_data(as_text=True)
    assert db.session.scalar(select(Vote).filter_by(voter_id=members['gov2'].id)) is None


def test_no_quorum_is_recorded_as_failed(client, auth, db, secretariat, members, in_review):
    auth.login('sec@example.org')
    _open(client, in_review, quorum='1/2')
    decision = db.session.scalar(select(Decision))
    for who in ('gov1', 'cso1'):  # academia never answers
        _as(auth, f'{who}@example.org')
        _vote(client, decision.id, 'approve')
    _as(auth, 'sec@example.org')
    assert _close(client, decision.id).status_code == 302
    db.session.expire_all()
    decision = db.session.get(Decision, decision.id)
    assert (decision.state, decision.outcome) == ('failed', 'no_quorum')
    assert db.session.get(Commitment, in_review).state == 'msf_review'
    page = client.get(f'/decisions/{decision.id}', headers=EN).get_data(as_text=True)
    assert 'Failed: no quorum in every sector.' in page


def test_consensus_fails_on_one_objection(client, auth, db, secretariat, members, in_review):
    auth.login('sec@example.org')
    _open(client, in_review, mode='consensus')
    decision = db.session.scalar(select(Decision))
    for who, choice in (('gov1', 'approve'), ('cso1', 'approve'), ('aca', 'object')):
        _as(auth, f'{who}@example.org')
        assert _vote(client, decision.id, choice).status_code == 302
    _as(auth, 'gov2@example.org')
    assert _vote(client, decision.id, 'abstain').status_code == 400  # not offered in consensus
    _as(auth, 'sec@example.org')
    _close(client, decision.id)
    db.session.expire_all()
    assert db.session.get(Decision, decision.id).outcome == 'objection'


def test_who_may_open_vote_and_close(
    client, auth, db, create_user_, secretariat, members, in_review
):
    create_user_(email='outsider@example.org')
    auth.login('gov1@example.org')
    assert _open(client, in_review).status_code == 403
    _as(auth, 'sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    # A second decision on the same commitment while one is open: refused.
    response = _open(client, in_review)
    assert response.status_code == 409
    assert 'already open' in response.get_data(as_text=True)
    _as(auth, 'outsider@example.org')  # registered, no seat
    assert _vote(client, decision.id, 'approve').status_code == 403
    assert client.post(f'/decisions/{decision.id}/close', data={}).status_code in (400, 403)
    _as(auth, 'gov1@example.org')
    assert _close(client, decision.id).status_code == 403
    assert _vote(client, decision.id, 'maybe').status_code == 400
    assert db.session.scalar(select(Vote)) is None
    assert db.session.get(Decision, decision.id).state == 'open'


def test_only_a_commitment_in_review_is_put_to_the_forum(
    client, auth, db, secretariat, make_commitment
):
    draft = make_commitment()
    auth.login('sec@example.org')
    response = _open(client, draft)
    assert response.status_code == 409
    assert db.session.scalar(select(Decision)) is None


def test_an_alternate_stands_in_until_the_member_votes(
    client, auth, db, secretariat, members, create_member, in_review
):
    create_member(sector='civil_society', seat_role='alternate', email='alt@example.org')
    create_member(sector='government', seat_role='observer', email='obs@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'obs@example.org')
    assert _vote(client, decision.id, 'approve').status_code == 403  # observers do not vote
    _as(auth, 'alt@example.org')
    assert _vote(client, decision.id, 'object').status_code == 302
    for who in ('cso1', 'cso2'):
        _as(auth, f'{who}@example.org')
        assert _vote(client, decision.id, 'approve').status_code == 302
    alternate = db.session.scalar(select(Vote).filter_by(seat_role='alternate'))
    assert not alternate.is_counted  # both members voted: the alternate's answer gives way
    assert db.session.scalar(select(AuditEntry).filter_by(action='decision.vote_superseded'))


def test_an_alternate_whose_members_all_voted_is_refused(
    client, auth, db, secretariat, members, create_member, in_review
):
    create_member(sector='academia', seat_role='alternate', email='alt@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    _vote(client, decision.id, 'approve')
    _as(auth, 'alt@example.org')
    response = _vote(client, decision.id, 'approve')
    assert response.status_code == 409
    assert 'alternate votes only in place of a member' in response.get_data(as_text=True)


def test_a_vote_keeps_the_sector_of_its_time_and_is_unique(
    client, auth, app, db, secretariat, members, in_review
):
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    _vote(client, decision.id, 'approve')
    seat = db.session.scalar(select(Membership).filter_by(user_id=members['aca'].id))
    seat.sector_id = sector_by_code('private_sector').id
    db.session.commit()
    vote = db.session.scalar(select(Vote))
    assert vote.sector.code == 'academia'
    assert vote.is_government is False
    db.session.add(
        Vote(
            decision_id=decision.id,
            voter_id=members['aca'].id,
            sector_id=vote.sector_id,
            is_government=False,
            seat_role='member',
            choice='object',
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_the_plans_draft_is_endorsed_by_decision(client, auth, db, secretariat, members, nap_id):
    nap = db.session.get(Nap, nap_id)
    move_nap(nap, 'consultation', actor=None)
    db.session.commit()
    auth.login('sec@example.org')
    path = f'/decisions/new/plan/{nap_id}'
    assert path in client.get(f'/naps/{nap_id}').get_data(as_text=True)
    response = client.post(
        path, data={'csrf_token': csrf_token(client, path), 'mode': 'consensus', 'quorum': '1/3'}
    )
    assert response.status_code == 302
    decision = db.session.scalar(select(Decision))
    assert decision.commitment_id is None
    for who in ('gov1', 'cso1', 'aca'):
        _as(auth, f'{who}@example.org')
        _vote(client, decision.id, 'approve')
    _as(auth, 'sec@example.org')
    _close(client, decision.id)
    db.session.expire_all()
    assert db.session.get(Nap, nap_id).state == 'endorsed'
    listing = client.get('/decisions', headers=EN).get_data(as_text=True)
    assert f'data-decision="{decision.id}"' in listing


def test_an_unanswered_choice_says_choose_not_fill_in(client, auth, db, members, in_review):
    # An outside review: the radio buttons said "please fill in this field" in Thai.
    auth.login('sec@example.org')
    path = f'/decisions/new/commitment/{in_review}'
    response = client.post(
        path, data={'csrf_token': csrf_token(client, path), 'quorum': '1/3', 'note': ''},
        headers={'Accept-Language': 'th'},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'เลือกฉันทามติหรือการลงคะแนน' in html
    assert 'กรุณากรอกข้อมูลช่องนี้' not in html
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'gov1@example.org')
    token = csrf_token(client, f'/decisions/{decision.id}')
    response = client.post(f'/decisions/{decision.id}/vote', data={'csrf_token': token},
                           headers={'Accept-Language': 'th'})  # fmt: skip
    assert response.status_code == 400
    assert 'เลือกคำตอบของคุณ' in response.get_data(as_text=True)
