"""What the plan and commitment pages say about consultation: who may take part, until when.

The pages layer includes ``consultations/_page_notice.html`` with a :class:`Notice`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..commitments.models import Commitment
from ..db import utcnow
from ..naps.models import Nap, NapState
from .access import rounds_of_plan
from .models import ConsultationRound, RoundState


@dataclass
class Notice:
    """A plan's (or a commitment's) public rounds by where they are, and the plan's state."""

    in_consultation: bool
    accepting: list[ConsultationRound] = field(default_factory=list)
    announced: list[ConsultationRound] = field(default_factory=list)
    ended: list[ConsultationRound] = field(default_factory=list)
    published: list[ConsultationRound] = field(default_factory=list)
    #: The commitment the notice is about (None on the plan page).
    commitment: Commitment | None = None

    @property
    def shown(self) -> bool:
        """Whether there is anything to say."""
        return self.in_consultation or bool(
            self.accepting or self.announced or self.ended or self.published
        )


def _notice(nap: Nap, rounds, now: datetime, commitment=None) -> Notice:
    notice = Notice(in_consultation=nap.state == NapState.consultation, commitment=commitment)
    for round_ in rounds:
        if round_.is_accepting(now):
            notice.accepting.append(round_)
        elif round_.state == RoundState.announced:
            notice.announced.append(round_)
        elif round_.state == RoundState.published:
            notice.published.append(round_)
        else:
            notice.ended.append(round_)
    return notice


def plan_notice(nap: Nap, now: datetime | None = None) -> Notice:
    """The plan's public rounds."""
    return _notice(nap, rounds_of_plan(nap.id), now or utcnow())


def commitment_notice(commitment: Commitment, now: datetime | None = None) -> Notice:
    """The public rounds of the commitment's plan that cover it."""
    rounds = [r for r in rounds_of_plan(commitment.nap_id) if r.covers(commitment)]
    return _notice(commitment.nap, rounds, now or utcnow(), commitment)
