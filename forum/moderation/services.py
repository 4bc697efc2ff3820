"""Moderation: explicit actor, flush, a row in the public log and an entry in the audit log.

Hiding and restoring go through the comments area (``comments.services``), which broadcasts the
change to everyone watching once the transaction commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..auth.models import User
from ..comments.models import Comment, ModerationReason
from ..comments.services import hide_comment, lock_comment, restore_comment
from ..commitments.models import Commitment
from ..core import audit
from ..core.locks import lock_row
from ..core.names import hidden_characters
from ..core.permissions import STAFF, can, is_moderator, moderator_sector
from ..core.plain_text import REFUSED
from ..core.refusals import Refused, state_error
from ..db import utcnow
from ..extensions import db
from ..sectors.models import Sector
from .models import (
    ActionKind,
    Appeal,
    AppealState,
    BalancedFloor,
    Block,
    Flag,
    ModerationAction,
    Moderator,
)

MAX_NOTE = 2000
#: The longest block a moderator may set.
MAX_BLOCK = timedelta(days=366)


def _check_reason(reason) -> str:
    if ModerationReason.get(reason) is None:
        raise Refused(_l('Choose a reason: spam, offensive, personal data or off-topic.'))
    return str(reason)


#: Control characters and bidirectional overrides a text may not hold (line breaks and tabs are
#: text), as in comments and the other published texts.
_CONTROLS = REFUSED


def _check_text(text, *, required, max_length: int = MAX_NOTE) -> str:
    """A note, a justification or an appeal: text without control characters, and not blank.

    The HTTP forms refuse NUL and other controls before this; socket events come straight here.
    Line breaks and tabs are text; a note of nothing but invisible characters is no note.
    """
    text = (text or '').strip() if isinstance(text, str | type(None)) else None
    if text is None:
        raise Refused(_l('This text is not valid.'))
    controls = sorted({f'U+{ord(c):04X}' for c in text if c in _CONTROLS})
    if controls:
        raise Refused(_l('Remove the control characters from this text (%(codes)s).',
                         codes=', '.join(controls)))  # fmt: skip
    if required and not _visible(text):
        raise Refused(required)
    if len(text) > max_length:
        raise Refused(_l('At most %(max)s characters.', max=f'{max_length:,}'))
    return text


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: not only spaces and hidden characters."""
    return any(not char.isspace() and not hidden_characters(char) for char in text)


def _require_moderator(actor: User, comment: Comment | None = None) -> None:
    if not is_moderator(actor):
        raise Refused(_l('Only moderators may do this.'), status=403)
    if comment is not None and comment.author_id == actor.id:
        raise Refused(_l('Moderators cannot act on their own comments.'), status=403)


def _act(
    kind: ActionKind, *, actor: User, comment: Comment | None = None,
    commitment_id: int | None = None, reason: str = '', note: str = '', **data,
) -> ModerationAction:  # fmt: skip
    """Add a row to the public moderation log and its entry to the audit log."""
    action = ModerationAction(
        kind=kind,
        comment_id=comment.id if comment is not None else None,
        commitment_id=comment.commitment_id if comment is not None else commitment_id,
        reason=reason,
        note=note,
        moderator_id=actor.id,
        sector_id=moderator_sector(actor),
    )
    db.session.add(action)
    db.session.flush()
    audit.record(
        f'moderation.{kind}', action, actor=actor, comment_id=action.comment_id,
        commitment_id=action.commitment_id, reason=reason, note=note, **data,
    )  # fmt: skip
    return action


def sector_label(sector_id: int | None) -> str:
    """The sector a moderator acted for, in the reader's language ("Secretariat" for staff)."""
    if sector_id is None:
        return str(_l('Secretariat'))
    sector = db.session.get(Sector, sector_id)
    return sector.name if sector is not None else ''


# Moderators ----------------------------------------------------------------------------------


def designate_moderator(person: User, *, actor: User) -> Moderator:
    """Make ``person`` a moderator (the secretariat's choice); staff moderate already."""
    if not can(actor, 'manage_moderators'):
        raise Refused(_l('Only the secretariat designates moderators.'), status=403)
    if db.session.get(Moderator, person.id) is not None:
        raise state_error(_l('%(name)s is already a moderator.', name=person.display_name))
    if person.role in STAFF:
        # Staff moderate by their role, for the secretariat: a designation would outlive it.
        raise state_error(
            _l('%(name)s moderates already, as staff of the secretariat.', name=person.display_name)
        )
    moderator = Moderator(user_id=person.id, designated_by_id=actor.id)
    db.session.add(moderator)
    db.session.flush()
    audit.record(
        'moderator.designated', person, actor=actor,
        before={'moderator': False}, after={'moderator': True},
    )  # fmt: skip
    return moderator


def remove_moderator(person: User, *, actor: User) -> None:
    """End ``person``'s designation as a moderator."""
    if not can(actor, 'manage_moderators'):
        raise Refused(_l('Only the secretariat designates moderators.'), status=403)
    moderator = db.session.get(Moderator, person.id)
    if moderator is None:
        raise state_error(_l('%(name)s is not a moderator.', name=person.display_name))
    db.session.delete(moderator)
    db.session.flush()
    audit.record(
        'moderator.removed', person, actor=actor,
        before={'moderator': True}, after={'moderator': False},
    )  # fmt: skip


# Flags ---------------------------------------------------------------------------------------


def flag_comment(comment: Comment, *, actor: User, reason) -> Flag:
    """Flag a comment for the moderators: once per person."""
    if not can(actor, 'flag_comment', comment):
        raise Refused(_l('You cannot flag this comment.'), status=403)
    reason = _check_reason(reason)
    mine = select(Flag.id).where(Flag.comment_id == comment.id, Flag.user_id == actor.id)
    if db.session.scalar(mine) is not None:
        raise state_error(_l('You have already flagged this comment.'))
    flag = Flag(comment_id=comment.id, user_id=actor.id, reason=reason)
    db.session.add(flag)
    db.session.flush()
    audit.record('comment.flagged', comment, actor=actor, reason=reason)
    return flag


def _handle_flags(comment: Comment) -> None:
    """The comment's open flags leave the queue: a moderator dealt with it."""
    db.session.execute(
        update(Flag)
        .where(Flag.comment_id == comment.id, Flag.handled_dt.is_(None))
        .values(handled_dt=utcnow())
        .execution_options(synchronize_session=False)
    )


# Hiding and restoring ------------------------------------------------------------------------


def hide(comment: Comment, *, actor: User, reason, note) -> ModerationAction:
    """Hide a comment with a reason code and a note; everyone sees it replaced, live."""
    _require_moderator(actor, comment)
    reason = _check_reason(reason)
    note = _check_text(note, required=_l('Add a note for the other moderators.'))
    hide_comment(comment, actor=actor, reason=reason)  # locks the comment, then checks
    _handle_flags(comment)
    return _act(ActionKind.hidden, actor=actor, comment=comment, reason=reason, note=note)


def restore(comment: Comment, *, actor: User, note='') -> ModerationAction:
    """Show a hidden comment again; a pending appeal against its hiding is granted by it."""
    _require_moderator(actor, comment)
    note = _check_text(note, required=None)
    lock_comment(comment)  # before its appeals: a decision on one of them waits, or is waited for
    pending = db.session.scalars(
        select(Appeal).where(Appeal.comment_id == comment.id, Appeal.state == AppealState.pending)
    ).all()
    for appeal in pending:
        # Restoring grants the appeal: only a moderator who may decide it may do so.
        hid_for = appeal.action.sector_id
        if moderator_sector(actor) == hid_for:
            raise Refused(
                _l('The author has appealed: a moderator of another sector than %(sector)s, which '
                   'hid the comment, decides the appeal.', sector=sector_label(hid_for)),
                status=403,
            )  # fmt: skip
    restore_comment(comment, actor=actor)
    _handle_flags(comment)
    for appeal in pending:
        appeal.state = AppealState.granted
        appeal.decided_dt = utcnow()
        appeal.decided_by_id = actor.id
        appeal.decision_note = note
    return _act(ActionKind.restored, actor=actor, comment=comment, note=note)


def latest_hiding(comment: Comment) -> ModerationAction | None:
    """The moderator's action that hid ``comment`` (the latest hiding), or None."""
    return db.session.scalars(
        select(ModerationAction)
        .where(
            ModerationAction.comment_id == comment.id,
            ModerationAction.kind == ActionKind.hidden,
        )
        .order_by(ModerationAction.id.desc())
        .limit(1)
    ).first()


# Appeals -------------------------------------------------------------------------------------


def appeal(comment: Comment, *, actor: User, text) -> Appeal:
    """The author appeals the hiding of their comment: once per hiding."""
    if comment.author_id != actor.id:
        raise Refused(_l('Only the author may appeal.'), status=403)
    lock_comment(comment)  # two appeals at once take turns: the second finds the first
    if not comment.is_hidden:
        raise state_error(_l('This comment is not hidden: there is nothing to appeal.'))
    hiding = latest_hiding(comment)
    if hiding is None:
        raise state_error(_l('This comment was hidden before appeals existed.'))
    if db.session.scalar(select(Appeal.id).where(Appeal.action_id == hiding.id)) is not None:
        raise state_error(_l('You have already appealed: a hiding is appealed once.'))
    text = _check_text(text, required=_l('Say why the comment should be shown again.'))
    item = Appeal(action_id=hiding.id, comment_id=comment.id, author_id=actor.id, text=text)
    db.session.add(item)
    db.session.flush()
    audit.record('moderation.appealed', item, actor=actor, comment_id=comment.id)
    return item


def decide_appeal(item: Appeal, *, actor: User, grant: bool, note) -> ModerationAction:
    """Uphold (the comment stays hidden) or grant (restored) an appeal.

    Decided by a moderator of another sector than the one who hid the comment.
    """
    comment = item.comment
    _require_moderator(actor, comment)
    # The comment first, as restoring does: two decisions (or a decision and a restoring) take
    # turns, and the second finds the appeal decided.
    lock_comment(comment)
    db.session.refresh(item)
    if item.state != AppealState.pending:
        raise state_error(_l('This appeal is already decided.'))
    hid_for = item.action.sector_id
    if moderator_sector(actor) == hid_for:
        raise Refused(
            _l('The comment was hidden by a moderator acting for %(sector)s: a moderator of '
               'another sector decides the appeal.', sector=sector_label(hid_for)),
            status=403,
        )  # fmt: skip
    note = _check_text(note, required=_l('Explain the decision.'))
    item.state = AppealState.granted if grant else AppealState.upheld
    item.decided_dt = utcnow()
    item.decided_by_id = actor.id
    item.decision_note = note
    if grant:
        restore_comment(comment, actor=actor)
        kind = ActionKind.appeal_granted
    else:
        kind = ActionKind.appeal_upheld
    return _act(
        kind, actor=actor, comment=comment, reason=item.action.reason, note=note,
        appeal_id=item.id, before={'appeal': AppealState.pending}, after={'appeal': item.state},
    )  # fmt: skip


# Blocks --------------------------------------------------------------------------------------


def block(person: User, *, actor: User, justification, ends_dt: datetime | None) -> Block:
    """Block ``person`` from commenting until ``ends_dt`` (in the future), with a justification."""
    if not can(actor, 'block_commenter', person):
        raise Refused(_l('You cannot block this person.'), status=403)
    justification = _check_text(
        justification, required=_l('Give the justification: it is recorded.')
    )
    now = utcnow()
    if ends_dt is None:
        raise Refused(_l('Give the date the block ends.'))
    if ends_dt <= now:
        raise Refused(_l('The block must end in the future.'))
    # The person's row, as posting takes it: a post under way is stored before the block, and
    # a post after it finds the block.
    lock_row(person, refresh=False, key_share=True)
    if ends_dt - now > MAX_BLOCK:
        raise Refused(_l('A block lasts at most a year.'))
    item = Block(user_id=person.id, moderator_id=actor.id, justification=justification,
                 created_dt=now, ends_dt=ends_dt)  # fmt: skip
    db.session.add(item)
    db.session.flush()
    _act(ActionKind.blocked, actor=actor, note=justification, person_id=person.id,
         until=ends_dt)  # fmt: skip
    return item


# The balanced floor --------------------------------------------------------------------------


def set_floor(
    commitment: Commitment, *, actor: User, is_on: bool, share_percent: int = 50,
    last_n: int = 20, wait_minutes: int = 10,
) -> BalancedFloor:  # fmt: skip
    """Switch a commitment's balanced floor on or off, with its share, window and wait."""
    _require_moderator(actor)
    for value, low, high, message in (
        (share_percent, 1, 99, _l('The share is a percentage from 1 to 99.')),
        (last_n, 2, 500, _l('Count from 2 to 500 of the latest comments.')),
        (wait_minutes, 1, 1440, _l('The wait is from 1 minute to 1,440 (a day).')),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Refused(message)
    floor = db.session.get(BalancedFloor, commitment.id)
    before = None
    if floor is None:
        floor = BalancedFloor(commitment_id=commitment.id)
        db.session.add(floor)
    else:
        before = _floor_data(floor)
    floor.is_on = bool(is_on)
    floor.share_percent, floor.last_n, floor.wait_minutes = share_percent, last_n, wait_minutes
    floor.modified_dt = utcnow()
    db.session.flush()
    after = _floor_data(floor)
    if before != after:
        _act(
            ActionKind.floor_on if floor.is_on else ActionKind.floor_off, actor=actor,
            commitment_id=commitment.id, before=before, after=after,
        )  # fmt: skip
    return floor


def _floor_data(floor: BalancedFloor) -> dict:
    return {
        'is_on': floor.is_on,
        'share_percent': floor.share_percent,
        'last_n': floor.last_n,
        'wait_minutes': floor.wait_minutes,
    }
