"""Reasoned responses, to one input or to a theme (then to each of its inputs).

A response says what became of the input (:class:`~..models.Disposition`), why (required
unless adopted), which commitment revisions carry the change, who decided and when.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...auth.models import User
from ...commitments.models import Commitment, CommitmentRevision
from ...core import audit
from ...core.refusals import Refused, state_error
from ...db import utcnow
from ...extensions import db
from ..models import (
    ConsultationInput,
    ConsultationResponse,
    ConsultationRound,
    ConsultationTheme,
    Disposition,
    InputStatus,
    RoundState,
)
from .locking import lock_round

#: The longest reason (characters).
MAX_REASON = 10_000


def check_reason(reason, *, required=None) -> str:
    """A reason: stripped, at most 10,000 characters; Refused with ``required`` when empty."""
    reason = reason.strip() if isinstance(reason, str) else ''
    if not reason and required is not None:
        raise Refused(required)
    if len(reason) > MAX_REASON:
        raise Refused(_l('At most %(max)s characters.', max=f'{MAX_REASON:,}'))
    if '\x00' in reason:
        raise Refused(_l('This text contains a NUL character.'))
    return reason


def check_open_to_responses(round_: ConsultationRound) -> None:
    """Themes and responses change while the round is open or closed, not once published.

    Takes the round's row first (:func:`.locking.lock_round`): the change and publishing take
    turns.
    """
    lock_round(round_)
    if round_.state == RoundState.published:
        raise state_error(
            _l('The responses of this round are published: themes and responses no longer '
               'change.')
        )  # fmt: skip
    if round_.state not in (RoundState.open, RoundState.closed):
        raise state_error(_l('The round has not opened yet.'))


def _revisions(round_: ConsultationRound, revision_ids) -> list[CommitmentRevision]:
    ids = {i for i in revision_ids or () if isinstance(i, int)}
    if not ids:
        return []
    found = list(
        db.session.scalars(
            select(CommitmentRevision)
            .join(Commitment, Commitment.id == CommitmentRevision.commitment_id)
            .where(CommitmentRevision.id.in_(ids), Commitment.nap_id == round_.nap_id)
        )
    )
    if len(found) != len(ids):
        raise Refused(_l('Choose revisions of the commitments of this plan.'))
    return found


def respond(
    target: ConsultationInput | ConsultationTheme, *, actor: User, disposition, reason='',
    revision_ids=(), now: datetime | None = None,
) -> ConsultationResponse:  # fmt: skip
    """Give ``target`` (an input or a theme) its response, or change the one it has."""
    round_ = db.session.get(ConsultationRound, target.round_id)
    check_open_to_responses(round_)
    db.session.refresh(target)  # a response saved meanwhile is changed, not doubled
    member = Disposition.get(disposition)
    if member is None:
        raise Refused(_l('Choose what became of the input.'))
    reason = check_reason(
        reason,
        required=None if member == Disposition.adopted else _l(
            'Say why: a reason is required unless the input is adopted.'
        ),
    )  # fmt: skip
    if isinstance(target, ConsultationInput) and target.status != InputStatus.active:
        raise state_error(_l('A withdrawn or hidden input needs no response.'))
    if isinstance(target, ConsultationTheme) and target.merged_into_id is not None:
        raise state_error(_l('This theme was merged into another: respond to that one.'))
    response = target.response
    if response is None:
        response = ConsultationResponse(round_id=round_.id)
        db.session.add(response)
        target.response = response
    response.disposition = member
    response.reason = reason
    response.revisions = _revisions(round_, revision_ids)
    response.decided_by_id = actor.id
    response.decided_dt = now or utcnow()
    db.session.flush()
    audit.record(
        'consultation_response.saved', response, actor=actor,
        answers=f'{target.__tablename__}:{target.id}', disposition=member.value,
        revisions=[r.id for r in response.revisions],
    )  # fmt: skip
    return response


def round_inputs(round_: ConsultationRound) -> list[ConsultationInput]:
    """Every input of the round in tracking order, with what their responses need loaded."""
    return list(
        db.session.scalars(
            select(ConsultationInput)
            .where(ConsultationInput.round_id == round_.id)
            .options(
                selectinload(ConsultationInput.theme),
                selectinload(ConsultationInput.duplicate_of),
            )
            .order_by(ConsultationInput.seq)
        ).unique()
    )


def unanswered_inputs(round_: ConsultationRound) -> list[ConsultationInput]:
    """The round's standing inputs without a response of any kind yet."""
    return [
        item
        for item in round_inputs(round_)
        if item.is_active and item.effective_response()[0] is None
    ]
