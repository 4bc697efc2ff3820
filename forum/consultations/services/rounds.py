"""Preparing and running consultation rounds: explicit actor and clock, flush, audit.

The plan's state and its rounds agree: a round is prepared on a plan in drafting or
consultation; opening it moves a plan in drafting to consultation; and a plan cannot leave
consultation while one of its rounds takes inputs (:func:`check_plan_move`).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...auth.models import User
from ...commitments.models import Commitment
from ...core import audit
from ...core.audit import apply_changes
from ...core.i18n import format_datetime
from ...core.refusals import Refused, state_error
from ...db import utcnow
from ...extensions import db
from ...naps.models import Nap, NapState
from ...naps.services import move_nap
from ..models import ConsultationRound, RoundState
from .locking import lock_plan, lock_round
from .responses import unanswered_inputs

#: Plan states in which a round may be prepared and opened.
ROUND_PLAN_STATES = (NapState.drafting, NapState.consultation)

#: Fields of a round the secretariat writes (the form's names).
ROUND_FIELDS = (
    'title_th', 'title_en', 'description_th', 'description_en', 'announce_on', 'opens_at',
    'closes_at', 'channels', 'covers_all',
)  # fmt: skip


def _check_plan(nap: Nap) -> None:
    if nap.state not in ROUND_PLAN_STATES:
        raise state_error(
            _l(
                'A consultation round runs on a plan in drafting or consultation; this plan is '
                '"%(state)s".',
                state=nap.state_label,
            )
        )


def _chosen(nap: Nap, commitments) -> list[Commitment]:
    chosen = list(commitments or ())
    if any(c.nap_id != nap.id for c in chosen):
        raise Refused(_l('A round covers commitments of its own plan only.'))
    return chosen


def create_round(
    nap: Nap, *, actor: User, fields: dict, commitments=(), now: datetime | None = None
) -> ConsultationRound:
    """Prepare a round (draft) on ``nap``; numbered after the forum's last round."""
    _check_plan(nap)
    number = (db.session.scalar(select(func.max(ConsultationRound.number))) or 0) + 1
    round_ = ConsultationRound(number=number, nap=nap, created_by_id=actor.id, **fields)
    round_.commitments = [] if fields.get('covers_all') else _chosen(nap, commitments)
    if now is not None:
        round_.created_dt = now
    round_.check_schedule()
    db.session.add(round_)
    db.session.flush()
    audit.record('consultation_round.created', round_, actor=actor, number=number, nap=nap.id)
    return round_


def update_round(
    round_: ConsultationRound, *, actor: User, fields: dict, commitments=(),
    now: datetime | None = None,
) -> ConsultationRound:  # fmt: skip
    """Change a round's texts, schedule, channels or scope before it opens."""
    if not round_.is_editable:
        raise state_error(_l('A round that has opened keeps its schedule and scope.'))
    changes = apply_changes(round_, {k: fields[k] for k in ROUND_FIELDS if k in fields})
    chosen = [] if round_.covers_all else _chosen(round_.nap, commitments)
    if {c.id for c in chosen} != {c.id for c in round_.commitments}:
        changes['commitments'] = [[c.id for c in round_.commitments], [c.id for c in chosen]]
        round_.commitments = chosen
    round_.check_schedule()
    if round_.state == RoundState.announced and round_.closes_at <= (now or utcnow()):
        raise Refused(_l('An announced round must close in the future.'))
    db.session.flush()
    audit.record('consultation_round.updated', round_, actor=actor, **changes)
    return round_


def announce_round(round_: ConsultationRound, *, actor: User, now: datetime | None = None):
    """Make the round public: its schedule, channels and commitments are announced."""
    _check_plan(round_.nap)
    round_.announce(now or utcnow())
    db.session.flush()
    audit.record('consultation_round.announced', round_, actor=actor)


def open_round(
    round_: ConsultationRound, *, actor: User, reason: str | None = None,
    now: datetime | None = None,
) -> None:  # fmt: skip
    """Start taking inputs; a plan in drafting moves to consultation with it.

    Shorter than 15 days only with a reason (recorded on the round and in the audit trail).
    """
    now = now or utcnow()
    nap = lock_plan(round_.nap)
    lock_round(round_)
    _check_plan(nap)
    round_.open(now, reason)
    if nap.state == NapState.drafting:
        move_nap(nap, NapState.consultation, actor=actor)
    db.session.flush()
    audit.record(
        'consultation_round.opened', round_, actor=actor, closes_at=round_.closes_at,
        days=round(round_.days_open(now), 1), short_reason=round_.short_reason,
    )  # fmt: skip


def close_round(round_: ConsultationRound, *, actor: User, now: datetime | None = None) -> None:
    """Stop taking inputs (before the close date, or to mark that it has passed)."""
    lock_round(round_)  # a withdrawal or an offline input under way finishes first
    round_.close(now or utcnow())
    db.session.flush()
    audit.record('consultation_round.closed', round_, actor=actor)


def publish_round(round_: ConsultationRound, *, actor: User, now: datetime | None = None) -> None:
    """Publish the reasoned responses: refused while any input lacks one.

    The round's row first: a response, merge, import or offline input under way finishes, and is
    counted, before the inputs without a response are.
    """
    lock_round(round_)
    missing = len(unanswered_inputs(round_)) if round_.state == RoundState.closed else 0
    round_.publish(now or utcnow(), unanswered=missing)
    db.session.flush()
    audit.record('consultation_round.published', round_, actor=actor)


def check_plan_move(nap: Nap, state: str) -> None:
    """Refuse to move a plan out of consultation while one of its rounds takes inputs."""
    if nap.state != NapState.consultation or state == NapState.consultation:
        return
    now = utcnow()
    taking = db.session.scalars(
        select(ConsultationRound).where(
            ConsultationRound.nap_id == nap.id, ConsultationRound.state == RoundState.open
        )
    ).all()
    for round_ in taking:
        if round_.is_accepting(now):
            raise state_error(
                _l(
                    'Consultation round %(code)s takes inputs until %(when)s: close it before '
                    'the plan leaves consultation.',
                    code=round_.code,
                    when=format_datetime(round_.closes_at),
                )
            )


def move_plan(nap: Nap, state: str, *, actor: User) -> None:
    """Move a plan as ``naps.services.move_nap`` does, keeping it in step with its rounds."""
    lock_plan(nap)  # a round being opened is open before this looks, or opens after
    check_plan_move(nap, state)
    move_nap(nap, state, actor=actor)
