"""Operations on plans, commitments and milestones: explicit actor, flush, audit, signal."""

from __future__ import annotations

import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from ..auth.models import User
from ..core import audit
from ..core.locks import lock_row
from ..core.refusals import Refused
from ..core.signals import commitment_saved, commitment_state_changed
from ..extensions import db
from ..naps.models import Nap
from ..sectors.models import Organisation
from .checklist import check
from .models import Commitment, CommitmentRevision, Milestone
from .revisions import changed_fields, snapshot

logger = logging.getLogger(__name__)


class Conflict(Refused):
    """Someone saved the commitment after the version this change was based on (409).

    Forms that can show the two versions side by side catch it first (:mod:`.conflicts`);
    elsewhere its message says what happened.
    """

    def __init__(self, commitment: Commitment, base_version: int, *, message=None):
        super().__init__(
            message
            or _l('Someone saved this commitment meanwhile; nothing was changed. Try again.'),
            status=409,
        )
        self.commitment = commitment
        self.base_version = base_version


# -- commitments -------------------------------------------------------------------------------


def _allocate_number(nap: Nap) -> int:
    """Hand out the plan's next commitment number; the row update serialises concurrent calls."""
    number = db.session.execute(
        update(Nap)
        .where(Nap.id == nap.id)
        .values(last_commitment_number=Nap.last_commitment_number + 1)
        .returning(Nap.last_commitment_number)
    ).scalar_one()
    nap.last_commitment_number = number
    return number


def _save_revision(commitment: Commitment, *, actor: User | None, restored_from=None):
    """Record a revision when anything changed; return it, or None when nothing changed."""
    _flush(commitment)
    current = snapshot(commitment)
    last = db.session.scalar(
        select(CommitmentRevision)
        .filter_by(commitment_id=commitment.id)
        .order_by(CommitmentRevision.number.desc())
        .limit(1)
    )
    changes = changed_fields(last.snapshot if last else None, current)
    if last is not None and not changes:
        return None
    commitment.version = (last.number if last else 0) + 1
    revision = CommitmentRevision(
        commitment_id=commitment.id,
        number=commitment.version,
        author_id=getattr(actor, 'id', None),
        changed_fields=changes,
        snapshot=current,
        restored_from=restored_from,
    )
    db.session.add(revision)
    _flush(commitment)
    audit.record(
        'commitment.revised', commitment, actor=actor, revision=revision.number, fields=changes
    )
    commitment_saved.send(commitment, revision=revision, actor=actor)
    return revision


def _lock(commitment: Commitment) -> None:
    """Lock the commitment's row until the transaction ends, and bring it up to date.

    Two saves loaded from the same version could otherwise both pass the version check, the
    second then overwriting the first (PostgreSQL runs them side by side; SQLite serialises
    writers). The second now waits here until the first commits, and then sees its version.
    """
    version = db.session.execute(
        select(Commitment.version).where(Commitment.id == commitment.id).with_for_update()
    ).scalar_one()
    if version != commitment.version:
        # Saved by someone between loading the page's data and taking the lock.
        db.session.refresh(commitment)


def _check_version(commitment: Commitment, base_version: int | None) -> None:
    """Lock the commitment; raise Conflict when it moved on since ``base_version``."""
    if base_version is None:
        return
    _lock(commitment)
    if base_version != commitment.version:
        raise Conflict(commitment, base_version)


def _flush(commitment: Commitment) -> None:
    """Flush; a row whose version moved under us (``version_id_col``) is a Conflict, never a 500."""
    # Read before the flush: after a failed one the session refuses to load anything.
    ident, version = commitment.id, commitment.version
    try:
        db.session.flush()
    except StaleDataError as exc:
        # The log says which; the person is told that someone saved meanwhile.
        logger.info('Commitment %s moved on from version %s meanwhile', ident, version)
        raise Conflict(commitment, version) from exc


def create_commitment(nap: Nap, *, actor: User, fields: dict, supporters=()) -> Commitment:
    """Create a draft commitment with the next number; its author joins the drafting team."""
    commitment = Commitment(nap=nap, number=_allocate_number(nap), created_by_id=actor.id)
    _apply(commitment, fields, supporters)
    commitment.editors.append(actor)
    db.session.add(commitment)
    db.session.flush()
    audit.record('commitment.created', commitment, actor=actor, number=commitment.number)
    _save_revision(commitment, actor=actor)
    return commitment


def update_commitment(
    commitment: Commitment, *, actor: User, fields: dict, supporters=None, base_version: int
):
    """Save new field values; raise Conflict when the commitment moved on since base_version."""
    _check_version(commitment, base_version)
    _apply(commitment, fields, supporters)
    return _save_revision(commitment, actor=actor)


def _apply(commitment: Commitment, fields: dict, supporters) -> None:
    for name, value in fields.items():
        setattr(commitment, name, value)
    if supporters is not None:
        ids = {o.id for o in supporters}
        commitment.supporters = list(
            db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)))
        ) if ids else []  # fmt: skip


def save_milestone(
    commitment: Commitment, milestone: Milestone | None, *, actor: User, fields: dict,
    base_version: int,
) -> Milestone:  # fmt: skip
    """Add a milestone at the end (``milestone`` None) or change one; a new revision follows."""
    _check_version(commitment, base_version)
    if milestone is None:
        milestone = Milestone(position=len(commitment.milestones) + 1)
        commitment.milestones.append(milestone)
    for name, value in fields.items():
        setattr(milestone, name, value)
    _save_revision(commitment, actor=actor)
    return milestone


def delete_milestone(commitment: Commitment, milestone: Milestone, *, actor: User, base_version):
    """Remove a milestone and renumber the rest.

    Its comments stay, about "a milestone since removed": the database empties their
    ``comments.milestone_id`` (ON DELETE SET NULL), whichever way a milestone goes (here, or a
    restored revision that did not have it). They are not moved to the commitment as a whole,
    which would say something their authors did not write about; nor deleted with it, as a
    milestone is removed by its drafters but a comment only by its author or the moderators.
    """
    _check_version(commitment, base_version)
    commitment.milestones.remove(milestone)
    _renumber(commitment)
    _save_revision(commitment, actor=actor)


def move_milestone(commitment, milestone, *, actor: User, offset: int, base_version: int):
    """Move a milestone up (-1) or down (+1) in the order."""
    _check_version(commitment, base_version)
    items = list(commitment.milestones)
    i = items.index(milestone)
    j = max(0, min(len(items) - 1, i + offset))
    items.insert(j, items.pop(i))
    commitment.milestones = items
    _renumber(commitment)
    _save_revision(commitment, actor=actor)


def _renumber(commitment: Commitment) -> None:
    for position, m in enumerate(commitment.milestones, start=1):
        m.position = position


def restore_revision(commitment, revision: CommitmentRevision, *, actor: User, base_version):
    """Bring back an old revision's content as a new revision (history is never rewritten)."""
    _check_version(commitment, base_version)
    snap = revision.snapshot
    for name, value in snap['fields'].items():
        setattr(commitment, name, _from_json(name, value))
    commitment.supporters = list(
        db.session.scalars(select(Organisation).where(Organisation.id.in_(snap['supporters'])))
    )
    existing = {m.id: m for m in commitment.milestones}
    kept = []
    for data in snap['milestones']:
        milestone = existing.get(data['id']) or Milestone()
        for name, value in data.items():
            if name != 'id':
                setattr(milestone, name, _from_json(name, value))
        kept.append(milestone)
    commitment.milestones = kept
    return _save_revision(commitment, actor=actor, restored_from=revision.number)


def _from_json(name: str, value):
    if name.endswith('_date') and value:
        return date.fromisoformat(value)
    return value


def change_state(commitment: Commitment, state: str, *, actor: User) -> None:
    """Move a commitment to ``state``; entering review needs a passing checklist."""
    # Read afresh once locked: a state change does not move the version, so a close that
    # endorsed the commitment meanwhile would go unseen by ``_lock``.
    lock_row(commitment)
    old = commitment.state
    commitment.move_to(state, checklist_ok=not check(commitment))
    _flush(commitment)
    audit.record('commitment.state_changed', commitment, actor=actor, old=old, new=state)
    commitment_state_changed.send(commitment, old=old, new=commitment.state, actor=actor)


def withdraw(commitment: Commitment, reason: str, *, actor: User) -> None:
    """Withdraw a commitment, with the reason on record."""
    lock_row(commitment)  # afresh, as change_state
    old = commitment.state
    commitment.withdraw(reason)
    _flush(commitment)
    audit.record('commitment.withdrawn', commitment, actor=actor, old=old, reason=reason)
    commitment_state_changed.send(commitment, old=old, new=commitment.state, actor=actor)


def set_drafting_team(commitment: Commitment, users: list[User], *, actor: User) -> None:
    """Replace the people (from any sector) who may edit the commitment."""
    before = sorted(u.id for u in commitment.editors)
    commitment.editors = list(users)
    db.session.flush()
    after = sorted(u.id for u in commitment.editors)
    if before != after:
        audit.record('commitment.team_changed', commitment, actor=actor, old=before, new=after)
