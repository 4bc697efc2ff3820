"""Composition rules: which seats the forum may hold, checked whenever a seat changes.

The secretariat sets the rules once for the forum (:class:`~.models.CompositionRules`): parity
(government seats never outnumber non-government seats), co-chairs from both sides, seats per
sector (minimum, maximum) and an optional total. Only the seats that speak for a sector count:
chair, co-chair and member (alternates stand in for a member, observers have no vote).

Every membership service (and a sector changing side) asks :func:`check_change` with the seats
before and after the change, today and on every later day the seats change: a change that breaks a
rule the forum met, or makes a broken rule worse, is refused with the rule and the counts. Such
changes take turns on the rules' row (:func:`lock_rules`). A seat whose term runs out on its own
can still leave the forum out of balance: the members page then says since when
(:func:`balance_status`), with the secretariat's justification.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core import audit
from ..core.i18n import format_date, local_day_start, local_today
from ..core.refusals import Refused
from ..db import utcnow
from ..extensions import db
from ..sectors.models import Sector
from .models import CompositionRules, Membership, SeatRole, SectorQuota
from .seats import held_on

#: The seats that lead the forum: one from each side when the co-chairs rule is on.
CHAIR_ROLES = frozenset({SeatRole.chair, SeatRole.co_chair})
#: The seat roles that count towards the composition.
COUNTED_ROLES = frozenset({SeatRole.chair, SeatRole.co_chair, SeatRole.member})


@dataclass(frozen=True)
class SeatFact:
    """What the rules need to know of one seat held on a day."""

    sector_id: int
    is_government: bool
    seat_role: str


@dataclass(frozen=True)
class Quota:
    """Seats for one sector: at least ``minimum``, at most ``maximum`` (None: no maximum)."""

    sector: Sector
    minimum: int = 0
    maximum: int | None = None


@dataclass(frozen=True)
class Rules:
    """A rule set as plain data: what is saved, and what :func:`validate_rules` checks."""

    parity: bool = True
    co_chairs_both_sides: bool = True
    max_seats_total: int | None = None
    quotas: tuple[Quota, ...] = ()


@dataclass(frozen=True)
class Breach:
    """A rule the seats break: ``key`` names the rule, ``severity`` how far it is missed."""

    key: tuple
    severity: int
    message: object = field(compare=False)

    def __str__(self):
        return str(self.message)


def rules_of(row: CompositionRules) -> Rules:
    """The stored rules as plain data."""
    return Rules(
        parity=row.parity,
        co_chairs_both_sides=row.co_chairs_both_sides,
        max_seats_total=row.max_seats_total,
        quotas=tuple(
            Quota(q.sector, q.min_seats, q.max_seats)
            for q in sorted(row.quotas, key=lambda q: (q.sector.position, q.sector_id))
        ),
    )


def breaches(rules: Rules, seats: Iterable[SeatFact]) -> list[Breach]:
    """The rules that ``seats`` break, each with the rule and the current counts."""
    counted = [s for s in seats if s.seat_role in COUNTED_ROLES]
    found: list[Breach] = []
    per_sector: dict[int, int] = {}
    for seat in counted:
        per_sector[seat.sector_id] = per_sector.get(seat.sector_id, 0) + 1
    for quota in rules.quotas:
        count = per_sector.get(quota.sector.id, 0)
        if count < quota.minimum:
            found.append(
                Breach(
                    ('min', quota.sector.id),
                    quota.minimum - count,
                    _l(
                        '%(sector)s needs at least %(min)d seats; it holds %(count)d.',
                        sector=quota.sector.name,
                        min=quota.minimum,
                        count=count,
                    ),
                )
            )
        if quota.maximum is not None and count > quota.maximum:
            found.append(
                Breach(
                    ('max', quota.sector.id),
                    count - quota.maximum,
                    _l(
                        '%(sector)s may hold at most %(max)d seats; it holds %(count)d.',
                        sector=quota.sector.name,
                        max=quota.maximum,
                        count=count,
                    ),
                )
            )
    if rules.max_seats_total is not None and len(counted) > rules.max_seats_total:
        found.append(
            Breach(
                ('total',),
                len(counted) - rules.max_seats_total,
                _l(
                    'The forum may hold at most %(max)d seats; it holds %(count)d.',
                    max=rules.max_seats_total,
                    count=len(counted),
                ),
            )
        )
    government = sum(1 for s in counted if s.is_government)
    others = len(counted) - government
    if rules.parity and government > others:
        found.append(
            Breach(
                ('parity',),
                government - others,
                _l(
                    'Parity: government seats may not outnumber non-government seats; '
                    'government holds %(government)d, non-government %(others)d.',
                    government=government,
                    others=others,
                ),
            )
        )
    if rules.co_chairs_both_sides:
        for is_government, side in ((True, _l('government')), (False, _l('non-government'))):
            count = sum(
                1 for s in seats if s.seat_role in CHAIR_ROLES and s.is_government == is_government
            )
            if count != 1:
                found.append(
                    Breach(
                        ('co_chair', is_government),
                        abs(count - 1),
                        _l(
                            'Chairs from both sides: one %(side)s chair or co-chair; '
                            'there are %(count)d.',
                            side=side,
                            count=count,
                        ),
                    )
                )
    return found


def validate_rules(rules: Rules) -> None:
    """Refuse (400) a rule set that contradicts itself or cannot be met.

    ``rules.quotas`` lists the forum's sectors (a sector not listed has no limit).
    """
    problems = []
    for quota in rules.quotas:
        if quota.minimum < 0 or (quota.maximum is not None and quota.maximum < 0):
            problems.append(_l('%(sector)s: seats cannot be negative.', sector=quota.sector.name))
        elif quota.maximum is not None and quota.minimum > quota.maximum:
            problems.append(
                _l(
                    '%(sector)s: the minimum (%(min)d) is above the maximum (%(max)d).',
                    sector=quota.sector.name,
                    min=quota.minimum,
                    max=quota.maximum,
                )
            )
    minimums = sum(q.minimum for q in rules.quotas)
    if rules.max_seats_total is not None:
        if rules.max_seats_total < 0:
            problems.append(_l('The total number of seats cannot be negative.'))
        elif minimums > rules.max_seats_total:
            problems.append(
                _l(
                    'The minimums add up to %(sum)d seats, more than the %(max)d seats '
                    'the forum may hold.',
                    sum=minimums,
                    max=rules.max_seats_total,
                )
            )
    sides = {True: [], False: []}
    for quota in rules.quotas:
        sides[quota.sector.is_government].append(quota)
    if rules.parity:
        government_min = sum(q.minimum for q in sides[True])
        others = sides[False]
        others_max = (
            sum(q.maximum for q in others)
            if others and all(q.maximum is not None for q in others)
            else None
        )
        if others_max is not None and government_min > others_max:
            problems.append(
                _l(
                    'Parity cannot be met: government needs at least %(min)d seats but '
                    'non-government may hold at most %(max)d.',
                    min=government_min,
                    max=others_max,
                )
            )
    if rules.co_chairs_both_sides:
        for is_government, side in ((True, _l('government')), (False, _l('non-government'))):
            quotas = sides[is_government]
            if quotas and all(q.maximum == 0 for q in quotas):
                problems.append(
                    _l(
                        'Co-chairs from both sides cannot be met: no %(side)s sector may hold '
                        'a seat.',
                        side=side,
                    )
                )
    if problems:
        raise Refused(' '.join(str(p) for p in problems), status=400)


def current_rules() -> CompositionRules | None:
    """The forum's stored rules, or None while the secretariat has set none."""
    return db.session.scalar(select(CompositionRules).order_by(CompositionRules.id).limit(1))


def seat_facts(on: date) -> list[SeatFact]:
    """The seats held on ``on``, as the rules see them."""
    rows = db.session.execute(
        select(Membership.sector_id, Sector.is_government, Membership.seat_role)
        .join(Sector, Sector.id == Membership.sector_id)
        .where(held_on(on))
    )
    return [SeatFact(*row) for row in rows]


@dataclass(frozen=True)
class SeatTerm:
    """One seat with its term: what the rules see of it on any day."""

    fact: SeatFact
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        """Whether the term covers ``day`` (as :func:`.seats.held_on` says in SQL)."""
        return self.start <= day and (self.end is None or day <= self.end)


def seat_terms() -> list[SeatTerm]:
    """Every seat, past, present and future, with its term (one query)."""
    rows = db.session.execute(
        select(
            Membership.sector_id, Sector.is_government, Membership.seat_role,
            Membership.term_start, Membership.term_end,
        ).join(Sector, Sector.id == Membership.sector_id)
    )  # fmt: skip
    return [
        SeatTerm(SeatFact(sector, gov, role), start, end) for sector, gov, role, start, end in rows
    ]


def facts_on(terms: Iterable[SeatTerm], day: date) -> list[SeatFact]:
    """The seats of ``terms`` held on ``day``."""
    return [t.fact for t in terms if t.held_on(day)]


def _change_days(terms: Iterable[SeatTerm]) -> set[date]:
    """The days the seats of ``terms`` change: a term starts, or the day after one ends."""
    days = set()
    for term in terms:
        days.add(term.start)
        if term.end is not None:
            days.add(term.end + timedelta(days=1))
    return days


def lock_rules() -> None:
    """Make changes to the seats, the rules or the sides take turns (PostgreSQL).

    Each such change checks the rules against the seats it reads: two at once would each pass
    on seats without the other's change. The rules' row (when there are rules; without them
    there is nothing to check) is locked until the transaction ends.
    """
    db.session.execute(
        select(CompositionRules.id).order_by(CompositionRules.id).limit(1).with_for_update()
    )


def check_change(before: list[SeatTerm], after: list[SeatTerm]) -> None:
    """Refuse (409) a change of seats that breaks a rule, or makes a broken rule worse.

    Checked today and on every later day the seats change (a seat starting next month counts
    from then), against the seats before and after the change (:func:`seat_terms`).
    """
    row = current_rules()
    if row is None:
        return
    rules, today = rules_of(row), local_today()
    days = sorted({today} | {d for d in _change_days([*before, *after]) if d > today})
    for day in days:
        was = {b.key: b.severity for b in breaches(rules, facts_on(before, day))}
        worse = [b for b in breaches(rules, facts_on(after, day)) if b.severity > was.get(b.key, 0)]
        if not worse:
            continue
        reasons = ' '.join(str(b) for b in worse)
        if day == today:
            message = _l(
                'This change would break the composition rules: %(reasons)s', reasons=reasons
            )
        else:
            message = _l(
                'This change would break the composition rules from %(day)s: %(reasons)s',
                day=format_date(day), reasons=reasons,
            )  # fmt: skip
        raise Refused(message, status=409)


def unbalanced_since(
    rules: Rules | None = None, terms: list[SeatTerm] | None = None
) -> date | None:
    """The first day of the unbroken run of unbalanced days up to today; None if balanced today.

    ``rules`` and ``terms`` default to those stored: a change passes those it found before it,
    so that :func:`note_balance` can tell an imbalance it made from one it found.
    """
    if rules is None:
        row = current_rules()
        if row is None:
            return None
        rules = rules_of(row)
    terms = seat_terms() if terms is None else terms
    today = local_today()
    if not breaches(rules, facts_on(terms, today)):
        return None
    return _unbalanced_since(rules, terms, today)


def note_balance(*, actor, found_since: date | None = None) -> None:
    """Record when the forum went out of balance, or that it is balanced again (audited).

    ``found_since``: the change found the forum already out of balance, since that day
    (:func:`unbalanced_since` before the change), unrecorded because a term ran out on its own;
    the imbalance began then. Otherwise an imbalance begins now, with the change that made it.
    """
    row = current_rules()
    if row is None:
        return
    rules, today = rules_of(row), local_today()
    found = breaches(rules, seat_facts(today))
    if found and row.out_of_balance_since is None:
        began = found_since
        row.out_of_balance_since = (
            local_day_start(began).astimezone(UTC)
            if began is not None and began < today
            else utcnow()
        )
        audit.record(
            'composition.out_of_balance', row, actor=actor, breaches=[str(b) for b in found]
        )
    elif not found and row.out_of_balance_since is not None:
        row.out_of_balance_since = None
        row.justification = ''
        audit.record('composition.balance_restored', row, actor=actor)
    db.session.flush()


def save_rules(rules: Rules, *, actor) -> CompositionRules:
    """Save the forum's composition rules (validated first); audited."""
    validate_rules(rules)
    lock_rules()
    row = current_rules()
    before = _describe(rules_of(row)) if row is not None else None
    found_since = unbalanced_since(rules_of(row)) if row is not None else None
    if row is None:
        row = CompositionRules()
        db.session.add(row)
    row.parity = rules.parity
    row.co_chairs_both_sides = rules.co_chairs_both_sides
    row.max_seats_total = rules.max_seats_total
    by_sector = {q.sector_id: q for q in row.quotas}
    wanted = {q.sector.id: q for q in rules.quotas if q.minimum or q.maximum is not None}
    for sector_id, quota in list(by_sector.items()):
        if sector_id not in wanted:
            row.quotas.remove(quota)
    for sector_id, quota in wanted.items():
        stored = by_sector.get(sector_id)
        if stored is None:
            row.quotas.append(
                SectorQuota(sector=quota.sector, min_seats=quota.minimum, max_seats=quota.maximum)
            )
        else:
            stored.min_seats, stored.max_seats = quota.minimum, quota.maximum
    row.modified_dt = utcnow()
    db.session.flush()
    audit.record('composition.rules_saved', row, actor=actor, before=before, after=_describe(rules))
    note_balance(actor=actor, found_since=found_since)
    return row


def save_justification(text: str, *, actor) -> CompositionRules:
    """Record the secretariat's public justification of an imbalance; audited."""
    row = current_rules()
    if row is None:
        raise Refused(_l('Set the composition rules first.'), status=409)
    if not breaches(rules_of(row), seat_facts(local_today())):
        # Shown only while the forum is out of balance: one written now would explain a later,
        # unrelated imbalance.
        raise Refused(
            _l('The forum meets its composition rules: there is no imbalance to justify.'),
            status=409,
        )
    old = row.justification
    row.justification = text.strip()
    db.session.flush()
    audit.record('composition.justified', row, actor=actor, old=old, new=row.justification)
    return row


def _describe(rules: Rules) -> dict:
    return {
        'parity': rules.parity,
        'co_chairs_both_sides': rules.co_chairs_both_sides,
        'max_seats_total': rules.max_seats_total,
        'quotas': {
            q.sector.code: [q.minimum, q.maximum]
            for q in rules.quotas
            if q.minimum or q.maximum is not None
        },
    }


@dataclass(frozen=True)
class BalanceStatus:
    """Whether the forum meets its rules today, and if not since when and why."""

    rules: CompositionRules | None
    breaches: list[Breach]
    since: date | datetime | None = None

    @property
    def balanced(self) -> bool:
        """True when no rule is broken (or none is set)."""
        return not self.breaches

    @property
    def rule_texts(self) -> list:
        """The rules in words, for the public."""
        return describe_rules(rules_of(self.rules)) if self.rules is not None else []


def describe_rules(rules: Rules) -> list:
    """Each rule of ``rules`` as a sentence in the reader's language."""
    texts = []
    if rules.parity:
        texts.append(_l('Parity: government seats may not outnumber non-government seats'))
    if rules.co_chairs_both_sides:
        texts.append(
            _l(
                'Chairs from both sides: of the chair and co-chair seats, one government and '
                'one non-government'
            )
        )
    for quota in rules.quotas:
        if quota.maximum is None:
            texts.append(
                _l(
                    '%(sector)s: at least %(min)d seats',
                    sector=quota.sector.name,
                    min=quota.minimum,
                )
            )
        else:
            texts.append(
                _l(
                    '%(sector)s: %(min)d to %(max)d seats',
                    sector=quota.sector.name,
                    min=quota.minimum,
                    max=quota.maximum,
                )
            )
    if rules.max_seats_total is not None:
        texts.append(_l('At most %(max)d seats in all', max=rules.max_seats_total))
    return texts


def balance_status(on: date | None = None) -> BalanceStatus:
    """The forum's balance on ``on`` (today); ``since`` is when it went out of balance."""
    on = on or local_today()
    row = current_rules()
    if row is None:
        return BalanceStatus(None, [])
    rules = rules_of(row)
    found = breaches(rules, seat_facts(on))
    if not found:
        return BalanceStatus(row, [])
    since = row.out_of_balance_since or _unbalanced_since(rules, seat_terms(), on)
    return BalanceStatus(row, found, since)


def _unbalanced_since(rules: Rules, terms: list[SeatTerm], on: date) -> date:
    """The first day of the unbroken run of unbalanced days that ends on ``on``.

    Seats change only on the day a term starts or the day after it ends; a seat that ran out on
    its own left no record of the moment, so the days are found from the terms.
    """
    since = on
    for day in sorted((d for d in _change_days(terms) if d <= on), reverse=True):
        # The seats held on ``on`` are those of the last change day before it.
        if not breaches(rules, facts_on(terms, day)):
            break
        since = day
    return since
