"""Inputs: submitted online, recorded offline, promoted from comments; withdrawn, hidden.

Each input takes the round's next sequence number under the round's row lock (one ``UPDATE …
RETURNING``), so tracking numbers follow commit order and a submission racing the round's
close either commits before it or is refused (docs/consultations.md).
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from ...auth.models import User
from ...comments.models import Comment
from ...comments.services import check_anchor
from ...commitments.models import Commitment
from ...core import audit
from ...core.converters import parse_id
from ...core.i18n import format_date
from ...core.names import hidden_characters
from ...core.permissions import STAFF
from ...core.refusals import Refused, state_error
from ...db import utcnow
from ...extensions import db
from ...sectors.models import Sector
from ..models import OFFLINE_CHANNELS, Channel, ConsultationInput, ConsultationRound, InputStatus
from ..provinces import PROVINCES
from ..times import local_date
from .locking import lock_round
from .participants import current_participant
from .responses import check_reason

#: The longest input (characters).
MAX_INPUT = 10_000
#: Letters and marks that show nothing (as comments count them).
_INVISIBLE = frozenset('\u034f\u115f\u1160\u2800\u3164\uffa0')


def check_text(text) -> str:
    """The stripped text of an input, or Refused: empty, over 10,000 characters, unstorable."""
    if not isinstance(text, str) or all(
        c.isspace() or c in _INVISIBLE or unicodedata.category(c) in ('Zs', 'Cc', 'Cf')
        for c in text
    ):
        raise Refused(_l('Write the input first: it is empty.'))
    text = text.strip()
    if len(text) > MAX_INPUT:
        raise Refused(
            _l('An input has at most %(max)s characters (this one has %(n)s).',
               max=f'{MAX_INPUT:,}', n=f'{len(text):,}')
        )  # fmt: skip
    if '\x00' in text:
        raise Refused(_l('This text contains a NUL character.'))
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        raise Refused(_l('This text contains characters that cannot be stored.')) from None
    return text


def check_name(text, max_chars: int = 200) -> str:
    """A submitter's name or organisation: visible characters only, at most ``max_chars``."""
    text = (text or '').strip()
    if len(text) > max_chars:
        raise Refused(_l('At most %(max)s characters.', max=f'{max_chars:,}'))
    codes = hidden_characters(text)
    if codes:
        raise Refused(
            _l('Hidden or control characters are not allowed here: %(codes)s.',
               codes=', '.join(codes))
        )  # fmt: skip
    return text


def check_province(code) -> str | None:
    """A province code (``TH-10``) or None; Refused for an unknown one."""
    if code in (None, ''):
        return None
    if code not in PROVINCES:
        raise Refused(_l('There is no such province.'))
    return code


def check_channel(channel) -> Channel:
    """A channel an input recorded by the secretariat may come through."""
    member = Channel.get(channel)
    if member not in OFFLINE_CHANNELS:
        raise Refused(_l('Choose a meeting, a written submission or another channel.'))
    return member


def check_received_on(round_: ConsultationRound, day, now: datetime | None = None) -> date:
    """A day within the round: from its opening to its close, and not after today."""
    if not isinstance(day, date):
        raise Refused(_l('Give the date the input was made.'))
    first = local_date(round_.opened_dt or round_.opens_at)
    last = min(local_date(round_.ended_at), local_date(now or utcnow()))
    if not first <= day <= last:
        raise Refused(
            _l('The date must lie within the round, from %(first)s to %(last)s.',
               first=format_date(first), last=format_date(last))
        )  # fmt: skip
    return day


def resolve_about(round_: ConsultationRound, about) -> dict:
    """What an input is on, as its columns: ``commitment``, ``anchor`` and ``milestone_id``.

    ``about``: ``''`` (the plan as a whole), ``c<id>`` (a commitment), ``c<id>:<part>`` (a part
    as comments name it: ``problem``, ``milestone:<id>``). Refused for a commitment outside the
    round or a part the commitment does not have.
    """
    if about in (None, '', 'plan'):
        return {'commitment': None, 'anchor': '', 'milestone_id': None}
    if not isinstance(about, str) or not about.startswith('c'):
        raise Refused(_l('Choose what the input is about.'))
    ident, _sep, part = about[1:].partition(':')
    commitment_id = parse_id(ident)
    commitment = db.session.get(Commitment, commitment_id) if commitment_id else None
    if commitment is None or not round_.covers(commitment):
        raise Refused(_l('This commitment is not part of this consultation round.'))
    anchor, milestone = check_anchor(commitment, part)
    return {
        'commitment': commitment,
        'anchor': anchor,
        'milestone_id': milestone.id if milestone else None,
    }


def next_input_seq(round_: ConsultationRound, *, accepting_at: datetime | None = None) -> int:
    """Take the round's next input number inside the current transaction (the row stays locked).

    With ``accepting_at``, only while the round takes inputs at that moment: the check and the
    number are one statement, so an input never slips in after the round closed.
    """
    table = ConsultationRound.__table__
    statement = update(table).where(table.c.id == round_.id)
    if accepting_at is not None:
        statement = statement.where(table.c.state == 'open', table.c.closes_at > accepting_at)
    seq = db.session.execute(
        statement.values(input_seq=table.c.input_seq + 1).returning(table.c.input_seq)
    ).scalar()
    if seq is None:
        db.session.refresh(round_)
        raise round_.refusal_to_take_inputs(accepting_at)
    set_committed_value(round_, 'input_seq', seq)
    return seq


def _is_staff(user: User) -> bool:
    return user.role in STAFF


def submit_input(
    round_: ConsultationRound, *, actor: User, about, body, publish_name: bool = False,
    client_id=None, now: datetime | None = None,
) -> ConsultationInput:  # fmt: skip
    """Submit an input online; a form sent twice (the same ``client_id``) gives the first."""
    now = now or utcnow()
    participant = current_participant(actor)
    if participant is None:
        raise Refused(_l('Register for the consultation first.'), status=403)
    client_id = _client_id(client_id)
    earlier = db.session.scalar(
        select(ConsultationInput).where(
            ConsultationInput.submitter_id == actor.id, ConsultationInput.client_id == client_id
        )
    ) if client_id else None  # fmt: skip
    if earlier is not None:
        if earlier.round_id != round_.id:  # a form of another round sent here
            raise Refused(_l('This form has expired. Please try again.'))
        return earlier
    if not round_.is_accepting(now):
        raise round_.refusal_to_take_inputs(now)
    target = resolve_about(round_, about)
    body = check_text(body)
    item = ConsultationInput(
        round=round_, **target, body=body, channel=Channel.online,
        submitter_id=actor.id, submitter_name=actor.display_name,
        organisation=participant.organisation, sector_id=participant.sector_id,
        is_secretariat=_is_staff(actor), province=participant.province,
        publish_name=bool(publish_name), received_on=local_date(now), client_id=client_id,
        created_dt=now, seq=next_input_seq(round_, accepting_at=now),
    )  # fmt: skip
    db.session.add(item)
    db.session.flush()
    audit.record('consultation_input.submitted', item, actor=actor, tracking=item.tracking_number)
    return item


def _client_id(value) -> str | None:
    if value in (None, ''):
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise Refused(_l('This form has expired. Please try again.')) from None


def withdraw_input(item: ConsultationInput, *, actor: User, now: datetime | None = None) -> None:
    """Withdraw one's own input while the round takes inputs; its text is no longer published."""
    now = now or utcnow()
    if item.submitter_id != actor.id:
        raise Refused(_l('Only its submitter may withdraw an input.'), status=403)
    lock_round(item.round)  # the close, racing, comes before or after: never in between
    db.session.refresh(item)
    if item.status != InputStatus.active:
        raise state_error(_l('This input is no longer open to withdrawal.'))
    if not item.round.is_accepting(now):
        raise state_error(_l('The round has closed: inputs can no longer be withdrawn.'))
    item.status = InputStatus.withdrawn
    item.status_dt = now
    db.session.flush()
    audit.record('consultation_input.withdrawn', item, actor=actor)


def record_offline_input(
    round_: ConsultationRound, *, actor: User, about, channel, received_on, sector: Sector | None,
    body, name='', organisation='', province=None, publish_name=False, contact='',
    now: datetime | None = None,
) -> ConsultationInput:  # fmt: skip
    """Record an input made at a meeting, in a letter or otherwise (the secretariat)."""
    lock_round(round_)  # publishing, racing, counts this input or refuses it
    if not round_.takes_offline_inputs:
        raise state_error(
            _l('Offline inputs are recorded while the round is open or closed, before the '
               'responses are published.')
        )  # fmt: skip
    if sector is None:
        raise Refused(_l('Choose one of the listed sectors.'))
    item = ConsultationInput(
        round=round_, **resolve_about(round_, about), body=check_text(body),
        channel=check_channel(channel), submitter_name=check_name(name),
        organisation=check_name(organisation, max_chars=255), sector_id=sector.id,
        province=check_province(province), publish_name=bool(publish_name),
        contact=check_name(contact, max_chars=255),
        received_on=check_received_on(round_, received_on, now), recorded_by_id=actor.id,
        created_dt=now or utcnow(), seq=next_input_seq(round_),
    )  # fmt: skip
    db.session.add(item)
    db.session.flush()
    audit.record(
        'consultation_input.recorded', item, actor=actor, tracking=item.tracking_number,
        channel=item.channel,
    )  # fmt: skip
    return item


def promote_comment(
    round_: ConsultationRound, comment: Comment, *, actor: User, now: datetime | None = None
) -> ConsultationInput:
    """Make a comment on a commitment of the round an input of it (once per round)."""
    lock_round(round_)
    if not round_.takes_offline_inputs:
        raise state_error(
            _l('Comments are promoted while the round is open or closed, before the responses '
               'are published.')
        )  # fmt: skip
    if comment.is_deleted or comment.is_hidden:
        raise Refused(_l('A deleted or hidden comment cannot become an input.'))
    if round_.opened_dt is not None and comment.created_dt < round_.opened_dt:
        # Made while the plan was drafted, not in answer to the consultation (the manage page
        # offers the comments since the opening only).
        raise Refused(_l('Only a comment made since the round opened becomes one of its inputs.'))
    commitment = db.session.get(Commitment, comment.commitment_id)
    if not round_.covers(commitment):
        raise Refused(_l('This commitment is not part of this consultation round.'))
    earlier = db.session.scalar(
        select(ConsultationInput).filter_by(round_id=round_.id, source_comment_id=comment.id)
    )
    if earlier is not None:
        raise state_error(
            _l('This comment is already input %(tracking)s.', tracking=earlier.tracking_number)
        )
    author = comment.author
    participant = current_participant(author, any_version=True)
    item = ConsultationInput(
        round=round_, commitment=commitment, anchor=comment.anchor,
        milestone_id=comment.milestone_id, body=comment.body,
        channel=Channel.online, submitter_id=author.id, submitter_name=author.display_name,
        organisation=comment.organisation_shown or '', sector_id=comment.sector_id,
        is_secretariat=_is_staff(author),
        province=participant.province if participant else None,
        received_on=local_date(comment.created_dt), recorded_by_id=actor.id,
        source_comment_id=comment.id, created_dt=now or utcnow(), seq=next_input_seq(round_),
    )  # fmt: skip
    db.session.add(item)
    db.session.flush()
    audit.record(
        'consultation_input.promoted', item, actor=actor, comment_id=comment.id,
        tracking=item.tracking_number,
    )  # fmt: skip
    return item


def hide_input(
    item: ConsultationInput, *, actor: User, reason, now: datetime | None = None
) -> None:
    """Hide an input from the public (personal data, abuse); the reason is shown instead."""
    reason = check_reason(reason, required=_l('Say why the input is hidden.'))
    if item.status == InputStatus.withdrawn:
        raise state_error(_l('A withdrawn input is not published anyway.'))
    item.status = InputStatus.hidden
    item.status_dt = now or utcnow()
    item.hidden_reason = reason
    db.session.flush()
    audit.record('consultation_input.hidden', item, actor=actor, reason=item.hidden_reason)
