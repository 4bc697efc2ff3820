"""A decision's result holds whatever arrives at once.

Votes racing the close, two places of one group, a seat changing hands, the subject moving: found
by an outside review on PostgreSQL with two processes.
"""

from datetime import date

import pytest
from sqlalchemy import select

from forum.auth.models import User
from forum.commitments.models import Commitment
from forum.commitments.services import change_state, withdraw
from forum.core.audit import AuditEntry
from forum.core.locks import lock_row
from forum.core.refusals import Refused
from forum.decisions.models import Decision, Vote
from forum.decisions.services import cast_vote, close_decision, open_decision
from forum.members.models import Membership
from forum.members.services import update_membership
from forum.naps.models import Nap
from forum.naps.services import move_nap
from forum.sectors.services import sector_by_code
from tests.conftest import csrf_token
from tests.decisions.test_decisions import EN, _as, _close, _open, _vote
from tests.races import after_the_first_commits, in_another_transaction, wait_for_a_lock


def _decision(app, db, secretariat, commitment_id) -> int:
    with app.test_request_context():
        decision = open_decision(
            actor=db.session.merge(secretariat),
            mode='vote',
            commitment=db.session.get(Commitment, commitment_id),
        )
        db.session.commit()
        return decision.id


def _user(db, person) -> User:
    return db.session.get(User, person.id)


@pytest.mark.postgres
def test_a_vote_racing_the_close_is_counted_in_the_result(
    postgres, db, secretariat, members, in_review
):
    app = postgres
    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context():
        for who in ('gov1', 'cso1'):
            cast_vote(db.session.get(Decision, decision_id), actor=_user(db, members[who]),
                      choice='approve')  # fmt: skip
        db.session.commit()
        # The academic's vote holds the decision's row; the close, which loaded the decision
        # and its two votes before, waits for it.
        cast_vote(
            db.session.get(Decision, decision_id), actor=_user(db, members['aca']), choice='approve'
        )
        closing = after_the_first_commits(
            app,
            lambda: close_decision(
                db.session.get(Decision, decision_id), actor=db.session.merge(secretariat)
            ),
        )
        result = closing.value
    aca = str(sector_by_code('academia').id)
    with app.app_context():
        decision = db.session.get(Decision, decision_id)
        # Every sector reached its quorum with the academic's vote: the result counts it.
        assert [r.count.took_part for r in result.sectors if str(r.sector_id) == aca] == [1]
        assert (decision.state, decision.outcome) == ('passed', 'passed')
        assert db.session.get(Commitment, in_review).state == 'endorsed'


@pytest.mark.postgres
def test_a_member_and_their_alternate_at_once_take_one_place(
    postgres, db, secretariat, members, create_member, in_review
):
    app = postgres
    create_member(sector='academia', seat_role='alternate', email='alt@example.org')
    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context(headers=EN):
        cast_vote(
            db.session.get(Decision, decision_id), actor=_user(db, members['aca']), choice='approve'
        )
        alternate = db.session.scalar(select(User).filter_by(email='alt@example.org'))
        other = after_the_first_commits(
            app,
            lambda: cast_vote(
                db.session.get(Decision, decision_id),
                actor=db.session.get(User, alternate.id),
                choice='object',
            ),
            headers=EN,
        )
    assert other.refused is not None
    assert other.refused.status == 409
    assert 'alternate votes only in place of a member' in other.message
    with app.app_context():
        assert db.session.scalars(select(Vote.seat_role)).all() == ['member']


def test_a_seat_answers_once_whoever_holds_it(
    client, auth, app, db, secretariat, members, create_user_, in_review
):
    newcomer = create_user_(sector='academia', email='newcomer@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    assert _vote(client, decision.id, 'approve').status_code == 302
    with app.test_request_context():
        # The secretariat hands the academic seat to someone else during the decision.
        seat = db.session.scalar(select(Membership).filter_by(user_id=members['aca'].id))
        update_membership(
            seat, actor=db.session.merge(secretariat), user=db.session.merge(newcomer),
            term_start=date(2026, 1, 2),
        )  # fmt: skip
        db.session.commit()
    _as(auth, 'newcomer@example.org')
    response = _vote(client, decision.id, 'object')
    assert response.status_code == 409
    assert 'Your seat has already answered this decision' in response.get_data(as_text=True)
    assert db.session.scalars(select(Vote.choice)).all() == ['approve']


@pytest.mark.postgres
def test_two_decisions_opened_at_once_on_one_commitment_are_one(
    postgres, db, secretariat, in_review
):
    app = postgres
    with app.test_request_context(headers=EN):
        open_decision(
            actor=db.session.merge(secretariat), mode='vote',
            commitment=db.session.get(Commitment, in_review),
        )  # fmt: skip
        other = after_the_first_commits(
            app,
            lambda: open_decision(
                actor=db.session.merge(secretariat),
                mode='consensus',
                commitment=db.session.get(Commitment, in_review),
            ),  # fmt: skip
            headers=EN,
        )
    assert other.refused is not None
    assert other.refused.status == 409
    assert 'already open' in other.message
    with app.app_context():
        assert db.session.scalars(select(Decision.mode)).all() == ['vote']


def test_a_commitment_under_decision_stays_in_review_until_it_closes(
    app, db, secretariat, members, in_review
):
    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context(headers=EN):
        staff = db.session.merge(secretariat)
        commitment = db.session.get(Commitment, in_review)
        for move in (
            lambda: change_state(commitment, 'draft', actor=staff),
            lambda: withdraw(commitment, 'Merged into another commitment', actor=staff),
        ):
            with pytest.raises(Refused, match='close that decision before moving it') as refused:
                move()
            assert refused.value.status == 409
            db.session.rollback()
        assert db.session.get(Commitment, in_review).state == 'msf_review'
        for who in ('gov1', 'cso1', 'aca'):
            cast_vote(db.session.get(Decision, decision_id), actor=_user(db, members[who]),
                      choice='approve')  # fmt: skip
        close_decision(db.session.get(Decision, decision_id), actor=staff)
        db.session.commit()
        assert db.session.get(Commitment, in_review).state == 'endorsed'
        # Closed: the commitment moves on as usual (a failed decision leaves it free too).


def test_the_text_under_decision_is_not_changed_until_it_closes(app, db, secretariat, in_review):
    from forum.commitments.models import CommitmentRevision
    from forum.commitments.services import update_commitment

    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context(headers=EN):
        commitment = db.session.get(Commitment, in_review)
        count = db.session.query(CommitmentRevision).filter_by(commitment_id=in_review).count()
        with pytest.raises(Refused, match='close that decision before changing it') as refused:
            update_commitment(
                commitment, actor=db.session.merge(secretariat),
                fields={'title_en': 'A different text'}, base_version=commitment.version,
            )  # fmt: skip
        assert refused.value.status == 409
        db.session.rollback()
        assert (
            db.session.query(CommitmentRevision).filter_by(commitment_id=in_review).count() == count
        )
        close_decision(db.session.get(Decision, decision_id), actor=db.session.merge(secretariat))
        db.session.commit()
        # Closed (failed, nobody voted): the text may change again, in draft.
        change_state(db.session.get(Commitment, in_review), 'draft',
                     actor=db.session.merge(secretariat))  # fmt: skip
        commitment = db.session.get(Commitment, in_review)
        update_commitment(
            commitment, actor=db.session.merge(secretariat),
            fields={'title_en': 'A different text'}, base_version=commitment.version,
        )  # fmt: skip
        db.session.commit()
        after = db.session.query(CommitmentRevision).filter_by(commitment_id=in_review).count()
        assert after == count + 1


def test_a_plan_that_left_its_consultation_closes_not_endorsed(
    client, auth, app, db, secretariat, members, nap_id
):
    with app.test_request_context():
        move_nap(db.session.get(Nap, nap_id), 'consultation', actor=None)
        decision = open_decision(
            actor=db.session.merge(secretariat), mode='consensus', nap=db.session.get(Nap, nap_id)
        )
        for who in ('gov1', 'cso1', 'aca'):
            cast_vote(decision, actor=_user(db, members[who]), choice='approve')
        move_nap(db.session.get(Nap, nap_id), 'drafting', actor=None)  # back to drafting
        db.session.commit()
        decision_id = decision.id
    _as(auth, 'gov2@example.org')
    response = _vote(client, decision_id, 'approve')
    assert response.status_code == 409
    assert 'has left review: no more answers are taken' in response.get_data(as_text=True)
    _as(auth, 'sec@example.org')
    assert _close(client, decision_id).status_code == 302  # never stuck open
    db.session.expire_all()
    decision = db.session.get(Decision, decision_id)
    assert (decision.state, decision.outcome) == ('failed', 'subject_moved')
    assert db.session.get(Nap, nap_id).state == 'drafting'
    page = client.get(f'/decisions/{decision_id}', headers=EN).get_data(as_text=True)
    assert 'Not endorsed: what was decided had left review when the decision closed.' in page
    assert 'Passed: quorum met' not in page


def test_a_closed_decision_shows_the_result_recorded_when_it_closed(
    client, auth, app, db, secretariat, members, create_member, in_review
):
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _close(client, decision.id)  # nobody voted: no quorum
    db.session.expire_all()
    assert db.session.get(Decision, decision.id).outcome == 'no_quorum'
    # A vote stored afterwards (as a racing one was) cannot turn the page into "passed".
    for who in ('gov1', 'cso1', 'aca'):
        seat = db.session.scalar(select(Membership).filter_by(user_id=members[who].id))
        db.session.add(
            Vote(decision_id=decision.id, voter_id=members[who].id, membership_id=seat.id,
                 sector_id=seat.sector_id, is_government=who == 'gov1', seat_role='member',
                 choice='approve')
        )  # fmt: skip
    db.session.commit()
    page = client.get(f'/decisions/{decision.id}', headers=EN).get_data(as_text=True)
    assert 'data-outcome="no_quorum"' in page
    assert 'Failed: no quorum in every sector.' in page
    assert 'Passed: quorum met' not in page


def test_a_decision_note_refuses_control_and_direction_characters(
    client, auth, db, secretariat, in_review
):
    auth.login('sec@example.org')
    path = f'/decisions/new/commitment/{in_review}'
    response = client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'mode': 'vote', 'quorum': '1/3',
              'note': 'ประชุม \x1b[31m ครั้งที่ 2 \u202e'},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert 'Remove the control characters from this text (U+001B, U+202E).' in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(Decision)) is None


@pytest.mark.postgres
def test_a_decision_opened_while_its_commitment_goes_back_to_draft_is_refused(
    postgres, db, secretariat, in_review
):
    app = postgres
    with app.test_request_context(headers=EN):
        change_state(db.session.get(Commitment, in_review), 'draft',
                     actor=db.session.merge(secretariat))  # fmt: skip
        opening = after_the_first_commits(
            app,
            lambda: open_decision(
                actor=db.session.merge(secretariat),
                mode='vote',
                commitment=db.session.get(Commitment, in_review),
            ),  # fmt: skip
            headers=EN,
        )
    assert opening.refused is not None
    assert opening.message == 'Only a commitment in MSF review is put to the forum.'
    with app.app_context():
        assert db.session.scalar(select(Decision.id)) is None


def test_a_sector_answers_with_no_more_votes_than_its_seats(
    client, auth, app, db, secretariat, members, create_user_, in_review
):
    from datetime import timedelta

    from forum.core.i18n import local_today
    from forum.members.services import add_membership

    newcomer = create_user_(sector='academia', email='newcomer@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    assert _vote(client, decision.id, 'approve').status_code == 302
    with app.test_request_context():
        # The only academic seat ends; a new one, for someone else, starts today.
        seat = db.session.scalar(select(Membership).filter_by(user_id=members['aca'].id))
        seat.term_end = local_today() - timedelta(days=1)
        db.session.flush()
        add_membership(db.session.merge(newcomer), actor=None, seat_role='member',
                       sector=seat.sector, term_start=local_today())  # fmt: skip
        db.session.commit()
    _as(auth, 'newcomer@example.org')
    response = _vote(client, decision.id, 'object')
    assert response.status_code == 409
    assert 'as many votes as it holds seats today' in response.get_data(as_text=True)
    assert db.session.scalars(select(Vote.choice)).all() == ['approve']


def test_a_seat_that_answered_is_kept_not_deleted(
    client, auth, db, secretariat, members, in_review
):
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    _vote(client, decision.id, 'approve')
    seat = db.session.scalar(select(Membership).filter_by(user_id=members['aca'].id))
    _as(auth, 'sec@example.org')
    path = f'/members/seats/{seat.id}/delete'
    response = client.post(path, data={'csrf_token': csrf_token(client)}, headers=EN,
                           follow_redirects=True)  # fmt: skip
    assert 'end its term instead of deleting it' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Membership, seat.id) is not None


@pytest.mark.postgres
def test_deleting_a_seat_while_it_votes_waits_and_is_refused(
    postgres, db, secretariat, members, in_review
):
    from forum.members.services import remove_membership

    app = postgres
    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context(headers=EN):
        seat_id = db.session.scalar(select(Membership.id).filter_by(user_id=members['aca'].id))
        cast_vote(db.session.get(Decision, decision_id), actor=_user(db, members['aca']),
                  choice='approve')  # fmt: skip
        # An IntegrityError (a 500) would be raised by the second transaction here.
        deleting = after_the_first_commits(
            app,
            lambda: remove_membership(
                db.session.get(Membership, seat_id), actor=db.session.merge(secretariat)
            ),  # fmt: skip
            headers=EN,
        )
    assert deleting.refused is not None
    assert 'end its term instead of deleting it' in deleting.message
    with app.app_context():
        assert db.session.get(Membership, seat_id) is not None


def test_a_sector_counts_no_more_answers_than_seats_when_it_closes(
    client, auth, app, db, secretariat, members, create_user_, in_review
):
    from datetime import timedelta

    from forum.core.i18n import local_today
    from forum.members.services import add_membership

    newcomer = create_user_(sector='academia', email='newcomer@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    _as(auth, 'aca@example.org')
    assert _vote(client, decision.id, 'approve').status_code == 302
    with app.test_request_context():
        add_membership(db.session.merge(newcomer), actor=None, seat_role='member',
                       sector=db.session.scalar(select(Membership)
                                                .filter_by(user_id=members['aca'].id)).sector,
                       term_start=local_today())  # fmt: skip
        db.session.commit()
    _as(auth, 'newcomer@example.org')
    assert _vote(client, decision.id, 'object').status_code == 302  # two seats, two answers
    with app.test_request_context():
        # Then the first academic seat is ended back to before its answer.
        seat = db.session.scalar(select(Membership).filter_by(user_id=members['aca'].id))
        seat.term_end = local_today() - timedelta(days=1)
        db.session.commit()
    _as(auth, 'sec@example.org')
    _close(client, decision.id)
    db.session.expire_all()
    counted = db.session.scalars(select(Vote.choice).filter_by(is_counted=True)).all()
    # One seat, one counted answer: the seat held today, not the ended seat's earlier answer.
    assert counted == ['object']
    entry = db.session.scalar(select(AuditEntry).filter_by(action='decision.vote_over_seats'))
    assert entry.data == {'decision_id': decision.id, 'sector_id': seat.sector_id, 'answers': 2,
                          'seats': 1, 'seat_left_sector': True}  # fmt: skip


def _change_the_seat_and_close(app, db, auth, client, secretariat, holder, decision_id, **change):
    """Change ``holder``'s seat, close the decision; the civil-society answers counted."""
    with app.test_request_context():
        seat = db.session.scalar(select(Membership).filter_by(user_id=holder.id))
        update_membership(seat, actor=db.session.merge(secretariat), **change)
        db.session.commit()
    _as(auth, 'sec@example.org')
    _close(client, decision_id)
    db.session.expire_all()
    cso = sector_by_code('civil_society').id
    return db.session.execute(
        select(Vote.voter_id, Vote.choice).filter_by(sector_id=cso, is_counted=True)
    ).all()


def test_a_seat_moved_out_of_the_sector_loses_its_answer_not_a_seat_held_all_along(
    client, auth, app, db, secretariat, members, create_member, in_review
):
    # An outside review: the secretariat moved an early approver's seat to another sector,
    # closed, and moved it back; the sector's latest answer, an objection from a seat held there
    # the whole time, was the one not counted, and the consensus passed.

    create_member(sector='civil_society', email='cso3@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    for who, choice in (('cso1', 'approve'), ('cso2', 'approve'), ('cso3', 'object')):
        _as(auth, f'{who}@example.org')
        assert _vote(client, decision.id, choice).status_code == 302
    counted = _change_the_seat_and_close(
        app, db, auth, client, secretariat, members['cso1'], decision.id,
        sector=sector_by_code('academia'),
    )  # fmt: skip
    assert sorted(counted) == sorted([(members['cso2'].id, 'approve'),
                                      (db.session.scalar(select(User.id).filter_by(
                                          email='cso3@example.org')), 'object')])  # fmt: skip


@pytest.mark.postgres
@pytest.mark.parametrize('change', ['back to draft', 'withdraw'])
def test_a_state_change_waiting_on_the_close_sees_the_endorsement(
    postgres, db, secretariat, members, in_review, change
):
    # The state change loaded the commitment in review, then waited for the close's lock; the
    # lock read the row again only when its version had changed, which a state change does not
    # do: the commitment went back to draft under a passed decision, audited from "msf_review".
    app = postgres
    decision_id = _decision(app, db, secretariat, in_review)
    with app.test_request_context(headers=EN):
        for who in ('gov1', 'cso1', 'aca'):
            cast_vote(db.session.get(Decision, decision_id), actor=_user(db, members[who]),
                      choice='approve')  # fmt: skip
        db.session.commit()
        close_decision(db.session.get(Decision, decision_id), actor=db.session.merge(secretariat))

        def work():
            commitment = db.session.get(Commitment, in_review)
            actor = db.session.merge(secretariat)
            if change == 'withdraw':
                withdraw(commitment, 'ถอนออกจากแผน', actor=actor)
            else:
                change_state(commitment, 'draft', actor=actor)

        other = after_the_first_commits(app, work, headers=EN)
    with app.app_context():
        commitment = db.session.get(Commitment, in_review)
        if change == 'withdraw':  # allowed from endorsed: audited from there
            assert other.refused is None
            assert commitment.state == 'withdrawn'
            entry = db.session.scalars(
                select(AuditEntry).filter_by(action='commitment.withdrawn').order_by(AuditEntry.id)
            ).all()[-1]
            assert entry.data['old'] == 'endorsed'
        else:
            assert other.refused is not None
            assert other.refused.status == 409
            assert commitment.state == 'endorsed'
        assert db.session.get(Decision, decision_id).outcome == 'passed'


@pytest.mark.postgres
def test_opening_while_the_commitment_is_saved_waits_for_the_save(
    postgres, db, secretariat, members, in_review
):
    # The save held the commitment's row and, inserting its revision, wanted a share of the
    # plan's row; the opening held the plan's row and wanted the commitment's: a deadlock, a 500
    # (an outside review, two processes on PostgreSQL). The opening now waits for the save.
    from forum.commitments.services import update_commitment

    app = postgres
    with app.test_request_context(headers=EN):
        commitment = db.session.get(Commitment, in_review)
        version = commitment.version
        lock_row(commitment)  # the save has begun
        opening = in_another_transaction(
            app,
            lambda: open_decision(
                actor=db.session.merge(secretariat), mode='vote',
                commitment=db.session.get(Commitment, in_review),
            ).id,
        )  # fmt: skip
        wait_for_a_lock()
        update_commitment(commitment, actor=db.session.merge(secretariat),
                          fields={'title_en': 'Saved first'}, base_version=version)  # fmt: skip
        db.session.commit()
        opened = opening.join()
    assert opened.refused is None
    with app.app_context():
        decision = db.session.get(Decision, opened.value)
        assert decision.state == 'open'
        assert db.session.get(Commitment, in_review).title_en == 'Saved first'


def test_a_sector_keeps_its_side_while_a_decision_is_open(
    client, auth, app, db, secretariat, members, in_review
):
    # An outside review: the private sector's approval was counted on the government side it
    # had when cast, while the close recorded it as non-government; the double majority went
    # the other way. A side now changes only when no decision is open.
    from forum.sectors.models import Sector

    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    other = sector_by_code('other')
    path = f'/members/sectors/{other.id}/edit'

    def flip():
        return client.post(
            path,
            data={'csrf_token': csrf_token(client, path), 'code': 'other',
                  'name_th': other.name_th, 'name_en': other.name_en, 'is_government': 'y'},
            headers=EN,
        )  # fmt: skip

    response = flip()
    assert response.status_code == 409
    assert 'change the sector&#39;s side once the decision closes' in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Sector, other.id).is_government is False
    _close(client, decision.id)
    assert flip().status_code == 302
    db.session.expire_all()
    assert db.session.get(Sector, other.id).is_government is True


def test_restoring_a_revision_under_a_decision_says_why_it_is_refused(
    client, auth, app, db, secretariat, members, in_review
):
    # An outside review: the refusal said someone had saved the commitment meanwhile.
    from forum.commitments.services import update_commitment

    with app.test_request_context():
        commitment = db.session.get(Commitment, in_review)
        update_commitment(
            commitment, actor=db.session.merge(secretariat), fields={'title_en': 'Second text'},
            base_version=commitment.version,
        )  # fmt: skip
        db.session.commit()
        version = commitment.version
    auth.login('sec@example.org')
    _open(client, in_review)
    path = f'/commitments/{in_review}/history'
    response = client.post(
        f'/commitments/{in_review}/revisions/1/restore',
        data={'csrf_token': csrf_token(client, path), 'version': version},
        headers=EN, follow_redirects=True,
    )  # fmt: skip
    html = response.get_data(as_text=True)
    assert 'The forum is deciding on this text: close that decision before changing it.' in html
    assert 'Someone saved this commitment meanwhile' not in html
    db.session.expire_all()
    assert db.session.get(Commitment, in_review).title_en == 'Second text'


@pytest.mark.parametrize('how', ['made an observer', 'its alternate answered, then it moved'])
def test_an_answer_that_no_longer_has_a_voting_seat_is_the_one_dropped(
    client, auth, app, db, secretariat, members, create_member, in_review, how
):
    # A second outside review: a seat made an observer, or a member whose alternate had answered
    # for them moving to another sector, still cost a member seated all along their objection.

    create_member(sector='civil_society', seat_role='alternate', email='alt@example.org')
    auth.login('sec@example.org')
    _open(client, in_review)
    decision = db.session.scalar(select(Decision))
    first = 'alt' if how.startswith('its alternate') else 'cso1'
    for who, choice in ((first, 'approve'), ('cso2', 'object')):
        _as(auth, f'{who}@example.org')
        assert _vote(client, decision.id, choice).status_code == 302
    change = (
        {'seat_role': 'observer'} if how == 'made an observer'
        else {'sector': sector_by_code('academia')}
    )  # fmt: skip
    counted = _change_the_seat_and_close(
        app, db, auth, client, secretariat, members['cso1'], decision.id, **change
    )
    assert counted == [(members['cso2'].id, 'object')]
    # The page says why the other answer does not count (not "the member voted").
    page = client.get(f'/decisions/{decision.id}', headers=EN).get_data(as_text=True)
    assert 'not counted: more answers than the sector held seats when the decision closed' in page
    assert 'not counted: the member voted' not in page
