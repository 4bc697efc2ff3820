"""Operations on the forum's composition. Each takes an explicit actor, flushes and audits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core import audit
from ..core.audit import apply_changes
from ..core.locks import lock_row
from ..core.refusals import Refused
from ..core.signals import seat_deleting, seats_changed
from ..extensions import db
from ..sectors.models import Organisation, Sector
from ..sectors.services import list_sectors
from .affiliation import verify_affiliation
from .composition import check_change, lock_rules, note_balance, seat_terms, unbalanced_since
from .models import Membership
from .seats import held_on


def add_membership(
    user: User,
    *,
    actor: User | None,
    sector: Sector,
    seat_role: str,
    term_start: date,
    term_end: date | None = None,
    organisation: Organisation | None = None,
) -> Membership:
    """Give ``user`` a seat; member rights follow from it while its term covers today."""
    _check_term_start_free(user, term_start)
    before = _seats_before()
    membership = Membership(
        user=user,
        sector=sector,
        organisation=organisation,
        seat_role=seat_role,
        term_start=term_start,
        term_end=term_end,
    )
    db.session.add(membership)
    db.session.flush()
    _check_composition(before, actor=actor)
    if organisation is not None and not user.is_affiliation_verified:
        # Seating someone for an organisation is the secretariat confirming they speak for it.
        verify_affiliation(user, actor=actor, organisation=organisation)
    audit.record(
        'membership.created',
        membership,
        actor=actor,
        user_id=user.id,
        sector=sector.code,
        seat_role=seat_role,
        term_start=term_start,
        term_end=term_end,
        organisation_id=organisation.id if organisation else None,
    )
    seats_changed.send(user)
    return membership


def _seats_before() -> tuple:
    """The seats before a change, and since when the forum was already out of balance.

    Seat changes (and rule changes) take turns from here to the end of the transaction
    (:func:`.composition.lock_rules`).
    """
    lock_rules()
    terms = seat_terms()
    return terms, unbalanced_since(terms=terms)


def _check_composition(before: tuple, *, actor) -> None:
    """Refuse a change that breaks the composition rules; note the balance it leaves."""
    terms, found_since = before
    check_change(terms, seat_terms())
    note_balance(actor=actor, found_since=found_since)


def check_side_change(sector: Sector, *, was_government: bool, actor, **_kw) -> None:
    """Refuse a sector changing side when that breaks the composition rules; note the balance.

    Connected to ``sector_side_changed`` by ``create_app`` (the sectors area knows no rules).
    """
    lock_rules()
    after = seat_terms()
    before = [
        replace(t, fact=replace(t.fact, is_government=was_government))
        if t.fact.sector_id == sector.id
        else t
        for t in after
    ]
    check_change(before, after)
    note_balance(actor=actor, found_since=unbalanced_since(terms=before))


def _check_term_start_free(user: User, term_start: date, *, other_than=None) -> None:
    """Refuse a second seat of ``user`` starting on the same day (a unique constraint too)."""
    query = select(Membership.id).filter_by(user_id=user.id, term_start=term_start)
    if other_than is not None:
        query = query.where(Membership.id != other_than.id)
    if db.session.scalar(query) is not None:
        raise Refused(
            _l('This person already has a seat starting on this date.'), field='term_start'
        )


def update_membership(membership: Membership, *, actor: User, **fields) -> Membership:
    """Change a seat's sector, organisation, role, term or holder."""
    _check_term_start_free(
        fields.get('user', membership.user),
        fields.get('term_start', membership.term_start),
        other_than=membership,
    )
    before = membership.user
    seats_before = _seats_before()
    changes = apply_changes(membership, fields)
    db.session.flush()
    _check_composition(seats_before, actor=actor)
    audit.record('membership.updated', membership, actor=actor, **changes)
    for user in {before, membership.user}:
        seats_changed.send(user)
    return membership


def remove_membership(membership: Membership, *, actor: User) -> None:
    """Delete a seat entered by mistake (an ended term is recorded with ``term_end`` instead)."""
    # The seat's row first: a vote being cast from it (which refers to it) finishes before the
    # check below, or waits and then finds the seat gone.
    lock_row(membership, refresh=False)
    seat_deleting.send(membership)  # a seat others' records point to is refused there
    audit.record(
        'membership.deleted',
        membership,
        actor=actor,
        user_id=membership.user_id,
        seat_role=membership.seat_role,
    )
    user = membership.user
    seats_before = _seats_before()
    db.session.delete(membership)
    db.session.flush()
    _check_composition(seats_before, actor=actor)
    seats_changed.send(user)


def current_memberships(on: date) -> list[Membership]:
    """Return the seats held on ``on``, by sector then role."""
    query = (
        select(Membership)
        .join(Membership.sector)
        .where(held_on(on))
        .order_by(Sector.position, Membership.seat_role, Membership.id)
    )
    return list(db.session.scalars(query).unique())


def count_by_sector(memberships: list[Membership]) -> list[tuple[Sector, int]]:
    """Return every sector with the number of ``memberships`` it holds, zero included."""
    counts: dict[int, int] = {}
    for m in memberships:
        counts[m.sector_id] = counts.get(m.sector_id, 0) + 1
    return [(s, counts.get(s.id, 0)) for s in list_sectors()]
