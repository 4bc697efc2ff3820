"""Demo balance: parity rules, and one closed decision with votes, so that /balance shows something.

Idempotent: rules are saved only when the forum has none; the decision only when there is no
decision yet. The decision endorses the last complete commitment of plan 1 that is still a
draft: sent to MSF review, put to a vote, answered by the demo members, closed (it passes).
"""

from __future__ import annotations

from sqlalchemy import select

from ..auth.services import user_by_email
from ..commitments.checklist import check
from ..commitments.models import Commitment, CommitmentState
from ..commitments.services import change_state
from ..decisions.models import Decision, DecisionMode
from ..decisions.services import cast_vote, close_decision, open_decision
from ..extensions import db
from ..members.composition import Rules, current_rules, save_rules
from ..naps.models import Nap

#: Who answers the demo decision, and how (the alternate and the observer do not).
VOTES = (
    ('chair@example.org', 'approve'),
    ('nacc@example.org', 'approve'),
    ('dga@example.org', 'object'),
    ('mof@example.org', 'abstain'),
    ('cochair@example.org', 'approve'),
    ('air@example.org', 'approve'),
    ('youth@example.org', 'abstain'),
    ('business@example.org', 'approve'),
    ('academic@example.org', 'approve'),
)


def load_demo_balance() -> dict[str, int]:
    """Save parity rules and one closed decision when missing; return what was created."""
    created = {'rules': 0, 'decisions': 0, 'votes': 0}
    secretariat = user_by_email('secretariat@example.org')
    if current_rules() is None:
        save_rules(Rules(parity=True, co_chairs_both_sides=True), actor=secretariat)
        created['rules'] = 1
    if db.session.scalar(select(Decision.id).limit(1)) is not None:
        return created
    nap = db.session.scalar(select(Nap).filter_by(number=1))
    if nap is None:
        return created
    drafts = db.session.scalars(
        select(Commitment)
        .filter_by(nap_id=nap.id, state=CommitmentState.draft)
        .order_by(Commitment.number.desc())
    ).all()
    commitment = next((c for c in drafts if not check(c)), None)
    if commitment is None:
        return created
    change_state(commitment, CommitmentState.msf_review, actor=secretariat)
    decision = open_decision(
        actor=secretariat,
        mode=DecisionMode.vote,
        commitment=commitment,
        note='ประชุมเวทีความร่วมมือ ครั้งที่ 1 — Forum meeting no. 1',
    )
    for email, choice in VOTES:
        cast_vote(decision, actor=user_by_email(email), choice=choice)
        created['votes'] += 1
    close_decision(decision, actor=secretariat)
    created['decisions'] = 1
    return created
