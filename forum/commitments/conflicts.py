"""The conflict page of a commitment or milestone form: what changed meanwhile, and the clashes.

A save based on an old version is refused (409). The page shows the other person's changes, the
form holds them wherever the person had not changed the field, and every field both changed is
shown twice, side by side, with a choice to make (see :mod:`.merge` for what the form carries).
The same page comes back, the clashes without a choice marked, until every one is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TypeVar

from flask import abort
from sqlalchemy import select
from wtforms.fields.core import UnboundField

from ..core.converters import parse_id
from ..core.i18n import format_date
from ..core.transaction import commit
from ..extensions import db
from .fields import commitment_text_columns, milestone_text_columns
from .history import CONFLICT_HELP, compare, describe, display
from .merge import (
    TEXT_TYPES,
    Clash,
    apply_choices,
    form_name,
    from_browser,
    mine_values,
    read_choices,
    same,
    three_way,
)
from .models import Commitment, CommitmentRevision
from .revisions import COMMITMENT_COLUMNS, MILESTONE_COLUMNS
from .services import Conflict

T = TypeVar('T')


@cache
def field_types(form_cls, stored: tuple[str, ...]) -> dict[str, str]:
    """``{form field: WTForms type}`` for the stored fields of ``form_cls`` that may clash."""
    types = {}
    for name in map(form_name, stored):
        unbound = getattr(form_cls, name, None)
        if isinstance(unbound, UnboundField):
            types[name] = unbound.field_class.__name__
    return types


def commitment_stored() -> tuple[str, ...]:
    """Every stored field of a commitment a form can change (as in a snapshot)."""
    return (*commitment_text_columns(), *COMMITMENT_COLUMNS, 'supporters')


def milestone_stored() -> tuple[str, ...]:
    """Every stored field of a milestone a form can change."""
    return (*milestone_text_columns(), *MILESTONE_COLUMNS)


def commitment_fields(snapshot: dict) -> dict:
    """A snapshot's commitment fields, supporters included, by stored name."""
    return dict(snapshot['fields'], supporters=snapshot['supporters'])


def milestone_fields(snapshot: dict, milestone_id: int | None) -> dict | None:
    """One milestone's fields in a snapshot (None when it is not there)."""
    for m in snapshot['milestones']:
        if milestone_id is not None and m['id'] == milestone_id:
            return {k: v for k, v in m.items() if k not in ('id', 'position')}
    return None


def _revisions(commitment: Commitment, numbers) -> dict[int, CommitmentRevision]:
    wanted = [n for n in numbers if n is not None]
    return {
        r.number: r
        for r in db.session.scalars(
            select(CommitmentRevision)
            .filter_by(commitment_id=commitment.id)
            .where(CommitmentRevision.number.in_(wanted))
        )
    }


class Submission:
    """A submitted form's choices, applied to its data before the form reads it.

    ``fields_of(snapshot)`` picks the form's fields out of a revision's snapshot.
    """

    def __init__(self, commitment: Commitment, formdata, types: dict[str, str], fields_of):
        self.raw = formdata
        self.types = types
        self.fields_of = fields_of
        #: The newest revision when the conflict page was shown (None: no conflict page).
        self.seen_number = parse_id(formdata.get('seen_version'))
        self.seen = None
        choices = read_choices(formdata, types)
        if self.seen_number is not None:
            revision = _revisions(commitment, [self.seen_number]).get(self.seen_number)
            self.seen = fields_of(revision.snapshot) if revision else None
            if self.seen is None:
                self.seen_number = None
        self.formdata, self.choices = apply_choices(formdata, choices, types, self.seen)

    def form_kwargs(self) -> dict:
        """Keyword arguments that make a form read the data with the choices applied."""
        return {'formdata': self.formdata}


def _show(stored: str, value) -> str:
    """A value as the reader should see it; dates in the reader's calendar."""
    if stored.endswith('_date') and value:
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return display(stored, value)


def _clash(form, submission: Submission, stored: str, theirs, label, choice, missing) -> Clash:
    name = form_name(stored)
    field_type = submission.types[name]
    mine = mine_values(submission.raw, name)
    text = field_type in TEXT_TYPES
    if text:
        mine_display, theirs_display = (mine[0] if mine else ''), str(theirs or '')
    else:
        mine_display = _show(stored, from_browser(stored, field_type, mine))
        theirs_display = _show(stored, theirs)
    render_kw = form[name].render_kw or {}
    return Clash(
        name=name, label=label, text=text, mine=mine, mine_display=mine_display,
        theirs_display=theirs_display, choice=choice, missing=missing,
        lang=render_kw.get('lang'),
    )  # fmt: skip


def fill_form(form, merged: dict, mine: dict) -> None:
    """Put the merged values (the other person's changes) into the form's fields."""
    for stored, value in merged.items():
        if value == mine[stored]:
            continue
        field = form[form_name(stored)]
        field.raw_data = None  # a date field shows what was typed, when there is any
        if stored == 'supporters':
            field.data = [str(v) for v in value]
        elif stored.endswith('_id'):
            field.data = str(value or '')
        elif stored.endswith('_date'):
            field.data = date.fromisoformat(value) if value else None
        else:
            field.data = value


def check_conflict(
    commitment: Commitment, form, submission: Submission, *, mine: dict, label,
    on_form_error: bool = False,
) -> dict | None:  # fmt: skip
    """None when the save may go ahead on the newest version; else the conflict page.

    ``mine`` holds the form's values (choices applied) by stored name, ``label(stored)`` names a
    field. A form based on the newest version may be saved. One based on an older version may be
    saved only from a conflict page showing the newest version, with a choice for every field
    that clashes; otherwise the form is merged (the others' changes where the person changed
    nothing) and the page lists the clashes, those without a choice marked when the person had
    already been asked. ``on_form_error``: the page again, with its choices, around form errors.
    """
    version = commitment.version
    base_number = form.base_version
    if base_number == version:
        return None
    revisions = _revisions(commitment, [base_number, version])
    base_revision, current_revision = revisions.get(base_number), revisions[version]
    base = submission.fields_of(base_revision.snapshot) if base_revision else None
    current = submission.fields_of(current_revision.snapshot)
    seen, again = submission.seen, submission.seen_number == version
    clashes, chosen = [], set()
    if current is not None:
        merged, clashes = three_way(mine, base or {}, current, seen)
        chosen = {
            stored for stored in clashes
            if form_name(stored) in submission.choices
            and seen is not None and stored in seen and same(seen[stored], current[stored])
        }  # fmt: skip
        if again and chosen == set(clashes) and not on_form_error:
            return None
        fill_form(form, merged, mine)
    elif again and not on_form_error:
        return None  # a new milestone: nothing of it to clash with
    return {
        'help': CONFLICT_HELP,
        'revision': current_revision,
        'seen': version,
        'rows': compare(base_revision.snapshot if base_revision else None,
                        current_revision.snapshot),
        'unchosen': again and not on_form_error and bool(set(clashes) - chosen),
        'clashes': [
            _clash(form, submission, stored, current[stored], label(stored),
                   submission.choices.get(form_name(stored)) if stored in chosen else None,
                   again and not on_form_error and stored not in chosen)
            for stored in clashes
        ],
    }  # fmt: skip


def commitment_label(stored: str) -> str:
    """The readable name of a commitment field."""
    return describe(stored)


def milestone_label(position: int):
    """A function naming the fields of milestone ``position``."""

    def label(stored: str) -> str:
        return describe(f'milestones.{position}.{stored}')

    return label


def save_unless_clash(
    clash: Callable[[], dict | None], save: Callable[[], T]
) -> tuple[dict | None, T | None]:
    """Save, unless the form clashes with a newer version; then the conflict page, nothing saved.

    ``clash`` is :func:`check_conflict` for the form, ``save`` the service call. One transaction
    (:func:`forum.core.transaction.commit`): a save that finds the version moved on between the
    check and its row lock is rolled back and checked again, which then finds the clash.
    """

    def work() -> tuple[dict | None, T | None]:
        found = clash()
        return (found, None) if found is not None else (None, save())

    done = commit(work)
    if done.ok:
        return done.value
    if not isinstance(done.refusal, Conflict):
        abort(done.status, description=done.message)
    found = clash()
    if found is None:  # cannot be: the version moved on from the one the save had
        abort(409)
    return found, None
