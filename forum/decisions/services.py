"""Open a decision, vote, close it: each takes an explicit actor, flushes and audits.

Only members holding a seat today vote, from that seat: its sector and side are stored with the
vote. An alternate stands in for a member of the same sector and organisation who has not voted:
while the group (sector, organisation) has fewer counted votes than member seats, an alternate's
vote counts; a member who votes after their alternate takes the place back (the alternate's vote
is kept, marked not counted). Closing counts the votes against the seats held that day
(:mod:`.tally`); a passed endorsement moves the commitment (or the plan) to "endorsed" through
its own area's state change.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..commitments.models import Commitment, CommitmentState
from ..commitments.services import change_state
from ..core import audit
from ..core.audit import AuditEntry
from ..core.i18n import local_today
from ..core.locks import lock_row
from ..core.refusals import Refused, state_error
from ..extensions import db
from ..members.composition import COUNTED_ROLES, lock_rules, seat_facts
from ..members.models import Membership, SeatRole
from ..members.seats import held_on
from ..naps.models import Nap, NapState
from ..naps.services import move_nap
from .models import Decision, DecisionMode, DecisionState, Vote
from .tally import Ballot, Result, tally

#: The quorum shares the secretariat may choose (of each sector's seated members).
QUORUM_SHARES = (Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3))


def open_decision(
    *,
    actor: User,
    mode: str,
    quorum: Fraction = Fraction(1, 3),
    commitment: Commitment | None = None,
    nap: Nap | None = None,
    note: str = '',
) -> Decision:
    """Put the endorsement of ``commitment`` (in MSF review) or of ``nap``'s draft to the forum."""
    if DecisionMode.get(mode) is None:
        raise Refused(_l('Choose consensus or vote.'))
    if not 0 < quorum <= 1:
        raise Refused(_l('The quorum is a share between none and all.'))
    if commitment is not None:
        nap = commitment.nap
    if nap is None:
        raise state_error(_l("A plan's draft is put to the forum after its consultation."))
    # One opening at a time per plan: two at once would both find none open. The commitment's
    # row too: a save or a state change under way finishes first, and the state is checked as
    # it then is; a save that comes after finds the decision open (refuse_editing_under_decision).
    # The plan's row without its key (``FOR NO KEY UPDATE``): a save under way inserts rows that
    # refer to the plan, which a full lock would make wait for us while we wait for its
    # commitment row (a deadlock, measured on PostgreSQL).
    lock_row(nap, key_share=True)
    if commitment is not None:
        lock_row(commitment)
        if commitment.state != CommitmentState.msf_review:
            raise state_error(_l('Only a commitment in MSF review is put to the forum.'))
    elif nap.state != NapState.consultation:
        raise state_error(_l("A plan's draft is put to the forum after its consultation."))
    if open_decision_on(nap, commitment) is not None:
        raise state_error(_l('A decision on this is already open.'))
    # A sector changing side at this moment finishes first, or finds this decision open
    # (refuse_side_change_under_decision).
    lock_rules()
    decision = Decision(
        nap=nap,
        commitment=commitment,
        mode=DecisionMode(mode),
        quorum_num=quorum.numerator,
        quorum_den=quorum.denominator,
        opened_by_id=actor.id,
        note=(note or '').strip(),
    )
    db.session.add(decision)
    db.session.flush()
    audit.record(
        'decision.opened',
        decision,
        actor=actor,
        mode=decision.mode,
        quorum=f'{quorum.numerator}/{quorum.denominator}',
        nap_id=nap.id,
        commitment_id=commitment.id if commitment else None,
    )
    return decision


def open_decision_on(nap: Nap, commitment: Commitment | None) -> Decision | None:
    """The open decision on ``commitment`` (or on ``nap``'s draft when None), if any."""
    query = select(Decision).where(Decision.nap_id == nap.id, Decision.state == DecisionState.open)
    if commitment is None:
        query = query.where(Decision.commitment_id.is_(None))
    else:
        query = query.where(Decision.commitment_id == commitment.id)
    return db.session.scalar(query.limit(1))


def voting_seat(user) -> Membership | None:
    """The seat ``user`` votes from today: a member's seat before an alternate's; no observers."""
    seats = db.session.scalars(
        select(Membership)
        .where(Membership.user_id == getattr(user, 'id', None))
        .where(held_on(local_today()))
        .order_by(Membership.id)
    ).unique()
    ranked = sorted(
        (s for s in seats if s.seat_role != SeatRole.observer),
        key=lambda s: (s.seat_role not in COUNTED_ROLES, s.id),
    )
    return ranked[0] if ranked else None


def _group_seats(seat: Membership) -> int:
    """Member seats held today in ``seat``'s sector and organisation."""
    query = (
        select(Membership)
        .where(held_on(local_today()))
        .where(Membership.sector_id == seat.sector_id)
        .where(Membership.seat_role.in_([str(r) for r in COUNTED_ROLES]))
    )
    if seat.organisation_id is None:
        query = query.where(Membership.organisation_id.is_(None))
    else:
        query = query.where(Membership.organisation_id == seat.organisation_id)
    return len(db.session.scalars(query).unique().all())


def _group_votes(decision: Decision, seat: Membership) -> list[Vote]:
    return [
        v
        for v in decision.votes
        if v.is_counted
        and v.sector_id == seat.sector_id
        and v.organisation_id == seat.organisation_id
    ]


def _lock(decision: Decision) -> None:
    """Lock the decision's row until the transaction ends, and read it and its votes afresh.

    A vote and the closing (or two closings, or two votes of one group) wait for each other: no
    vote slips in after the seats were counted, a decision is closed once, and whatever was
    loaded before the lock (the votes a concurrent request has since added) is read again.
    """
    lock_row(decision)
    db.session.expire(decision, ['votes'])


def subject_in_review(decision: Decision) -> bool:
    """Whether what is decided is still where it was put to the forum (MSF review, consultation).

    A plan can leave its consultation while the forum decides on its draft (a commitment cannot
    leave MSF review then: :func:`refuse_leaving_review`).
    """
    if decision.commitment is not None:
        return decision.commitment.state == CommitmentState.msf_review
    return decision.nap.state == NapState.consultation


def refuse_leaving_review(commitment: Commitment, *, old, new, **_kw) -> None:
    """Refuse moving a commitment out of MSF review while the forum decides on it.

    Connected to ``commitment_state_changed`` by ``create_app``: sent inside the state change's
    transaction, so the refusal rolls the move back. The decision's own close endorses.
    """
    if old != CommitmentState.msf_review or new == CommitmentState.endorsed:
        return
    if open_decision_on(commitment.nap, commitment) is not None:
        raise state_error(
            _l('The forum is deciding on this commitment: close that decision before moving it.')
        )


def refuse_editing_under_decision(commitment: Commitment, **_kw) -> None:
    """Refuse a new revision of a commitment the forum is deciding on: members answer on a text.

    Connected to ``commitment_saved`` by ``create_app`` (sent inside the save's transaction, so
    the refusal rolls the save back).
    """
    if commitment.state != CommitmentState.msf_review:
        return
    if open_decision_on(commitment.nap, commitment) is not None:
        raise state_error(
            _l('The forum is deciding on this text: close that decision before changing it.')
        )


def refuse_side_change_under_decision(sector, **_kw) -> None:
    """A sector keeps its side while a decision is open: answers are counted by side.

    A vote records its sector's side when cast and the close records the sides it counted
    against; a side changed between them counted a sector's answers on one side while the
    result said the other. Connected to ``sector_side_changed`` by ``create_app``.
    """
    lock_rules()  # an opening at this moment finishes first (open_decision)
    if db.session.scalar(select(Decision.id).filter_by(state=DecisionState.open).limit(1)):
        raise state_error(
            _l(
                'The forum has a decision open, and answers are counted by side: change the '
                "sector's side once the decision closes."
            )
        )


def refuse_deleting_a_seat_that_answered(membership: Membership, **_kw) -> None:
    """A seat that answered a decision is kept: its answer is on record with it.

    Connected to ``seat_deleting`` by ``create_app``.
    """
    if db.session.scalar(select(Vote.id).filter_by(membership_id=membership.id).limit(1)):
        raise state_error(
            _l(
                'This seat has answered a decision of the forum and stays on record: end its '
                'term instead of deleting it.'
            )
        )


def _places_taken() -> Refused:
    return Refused(
        _l(
            'Your sector has answered with as many votes as it holds seats today (a seat changed '
            'hands during the decision): your answer cannot be counted.'
        ),
        status=409,
    )


def cast_vote(decision: Decision, *, actor: User, choice: str) -> Vote:
    """Record ``actor``'s answer, once, from the seat they hold today."""
    _lock(decision)
    decision.check_open()
    if not subject_in_review(decision):
        raise state_error(
            _l('What this decision is about has left review: no more answers are taken.')
        )
    answer = decision.check_choice(choice)
    seat = voting_seat(actor)
    if seat is None:
        raise Refused(_l('Only members holding a seat today vote.'), status=403)
    if db.session.scalar(select(Vote.id).filter_by(decision_id=decision.id, voter_id=actor.id)):
        raise Refused(
            _l('You have already voted on this decision; a vote cannot be changed.'), status=409
        )
    if db.session.scalar(select(Vote.id).filter_by(decision_id=decision.id, membership_id=seat.id)):
        raise Refused(
            _l(
                'Your seat has already answered this decision (its earlier holder voted): '
                'a seat answers once.'
            ),
            status=409,
        )
    is_alternate = seat.seat_role == SeatRole.alternate
    group_votes = _group_votes(decision, seat)
    places = _group_seats(seat)
    if is_alternate and len(group_votes) >= places:
        raise Refused(
            _l(
                'An alternate votes only in place of a member of the same sector and '
                'organisation who has not voted.'
            ),
            status=409,
        )
    superseded = None
    if not is_alternate and len(group_votes) >= places:
        # The member takes the place back from an alternate who voted first.
        stood_in = [v for v in group_votes if v.seat_role == SeatRole.alternate]
        if not stood_in:
            raise _places_taken()
        superseded = stood_in[-1]
    # Never more counted answers in a sector than the seats it holds today: a seat ended and
    # another made during the decision does not answer twice.
    in_sector = [
        v for v in decision.votes if v.is_counted and v.sector_id == seat.sector_id
        and v is not superseded
    ]  # fmt: skip
    if len(in_sector) >= seated_today().get(seat.sector_id, (False, 0))[1]:
        raise _places_taken()
    if superseded is not None:
        superseded.is_counted = False
        audit.record('decision.vote_superseded', superseded, actor=actor)
    vote = Vote(
        decision=decision,
        voter_id=actor.id,
        membership_id=seat.id,
        sector_id=seat.sector_id,
        is_government=seat.sector.is_government,
        seat_role=seat.seat_role,
        organisation_id=seat.organisation_id,
        choice=answer,
    )
    db.session.add(vote)
    db.session.flush()
    audit.record(
        'decision.vote_cast',
        vote,
        actor=actor,
        decision_id=decision.id,
        choice=answer,
        sector=seat.sector.code,
        seat_role=seat.seat_role,
    )
    return vote


def result_of(decision: Decision) -> Result:
    """The tally of ``decision``'s counted votes against the seats held today."""
    if decision.seated is not None:
        seated = {int(k): (bool(g), int(n)) for k, (g, n) in decision.seated.items()}
    else:
        seated = seated_today()
    ballots = [
        Ballot(v.sector_id, v.is_government, v.choice) for v in decision.votes if v.is_counted
    ]
    return tally(decision.mode, decision.quorum, seated, ballots)


def seated_today() -> dict[int, tuple[bool, int]]:
    """Seated members (chairs, co-chairs, members) per sector today, with the sector's side."""
    seated: dict[int, tuple[bool, int]] = {}
    for fact in seat_facts(local_today()):
        if fact.seat_role in COUNTED_ROLES:
            is_gov, n = seated.get(fact.sector_id, (fact.is_government, 0))
            seated[fact.sector_id] = (is_gov, n + 1)
    return seated


def _no_more_answers_than_seats(decision: Decision, seated: dict, actor: User) -> None:
    """Count no more answers in a sector than the seats it holds as the decision closes.

    A seat that answered and was then ended, moved to another sector or made a seat that does
    not vote (an observer), while another seat of the sector answered, would leave the sector
    more answers than seats. The answers that stop counting are, the latest first: those of
    seats that no longer vote in the sector; then an alternate's, whose member's seat may be the
    one that went; never, while these last, the answer of a seat that votes there all along.
    They stay on record, not counted (audited with the sector, its answers and seats).
    """
    by_sector: dict[int, list[Vote]] = {}
    for vote in sorted(decision.votes, key=lambda v: v.id):
        if vote.is_counted:
            by_sector.setdefault(vote.sector_id, []).append(vote)
    roles = {
        (seat_id, sector_id): role
        for seat_id, sector_id, role in db.session.execute(
            select(Membership.id, Membership.sector_id, Membership.seat_role).where(
                held_on(local_today())
            )
        )
    }

    def tier(vote: Vote) -> int:
        role = roles.get((vote.membership_id, vote.sector_id))
        if role in COUNTED_ROLES:
            return 2
        return 1 if role == SeatRole.alternate else 0

    for sector_id, votes in by_sector.items():
        seats = seated.get(sector_id, (False, 0))[1]
        if len(votes) <= seats:
            continue
        # The lowest tier first, the latest first within it.
        dropped = sorted(votes, key=lambda v: (tier(v), -v.id))[: len(votes) - seats]
        for vote in dropped:
            vote.is_counted = False
            audit.record(
                'decision.vote_over_seats', vote, actor=actor, decision_id=decision.id,
                sector_id=sector_id, answers=len(votes), seats=seats,
                seat_left_sector=tier(vote) == 0,
            )  # fmt: skip


def over_seats(decision: Decision) -> set[int]:
    """The ids of ``decision``'s answers that stopped counting at its close (more than seats)."""
    return set(
        db.session.scalars(
            select(AuditEntry.target_id).where(
                AuditEntry.action == 'decision.vote_over_seats',
                AuditEntry.target_type == Vote.__tablename__,
                AuditEntry.target_id.in_([v.id for v in decision.votes]),
            )
        )
    )


def close_decision(decision: Decision, *, actor: User) -> Result:
    """Close ``decision`` with its result; a passed endorsement moves its subject to endorsed."""
    _lock(decision)
    decision.check_open()
    seated = seated_today()
    decision.seated = {str(k): [g, n] for k, (g, n) in seated.items()}
    _no_more_answers_than_seats(decision, seated, actor)
    result = result_of(decision)
    if result.passed and not subject_in_review(decision):
        # The plan left its consultation meanwhile: recorded as not endorsed, never stuck open.
        result = replace(result, outcome='subject_moved')
    decision.close(result.passed, result.outcome)
    decision.closed_by_id = actor.id
    db.session.flush()
    audit.record(
        'decision.closed',
        decision,
        actor=actor,
        state=decision.state,
        outcome=result.outcome,
        government=[result.government.approve, result.government.object, result.government.abstain],
        others=[result.others.approve, result.others.object, result.others.abstain],
        sectors={
            str(row.sector_id): [row.seated, row.count.took_part, row.quorate]
            for row in result.sectors
        },
    )
    if result.passed:
        if decision.commitment is not None:
            change_state(decision.commitment, CommitmentState.endorsed, actor=actor)
        else:
            move_nap(decision.nap, NapState.endorsed, actor=actor)
    return result


def decisions_on(commitment: Commitment) -> list[Decision]:
    """The decisions on ``commitment``, latest first."""
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.commitment_id == commitment.id)
            .order_by(Decision.id.desc())
        ).unique()
    )
