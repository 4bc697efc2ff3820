"""Choices of consultation forms that depend on the round: parts, sectors, themes, revisions."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ..comments.threads import anchor_choices
from ..commitments.models import CommitmentRevision
from ..core.i18n import format_date
from ..extensions import db
from ..sectors.services import list_sectors
from .access import covered_commitments
from .models import ConsultationRound, ConsultationTheme
from .provinces import province_choices


def about_choices(round_: ConsultationRound) -> list[SelectChoice]:
    """What an input may be about, grouped: the plan, then each commitment and its parts.

    Values: ``''`` (the plan as a whole), ``c<id>`` (a commitment), ``c<id>:<part>``.
    """
    choices = [SelectChoice('', _('The whole plan'), optgroup=_('The plan as a whole'))]
    for commitment in covered_commitments(round_):
        group = f'{commitment.code} {commitment.title}'
        for part in anchor_choices(commitment):
            value = f'c{commitment.id}' + (f':{part.value}' if part.value else '')
            choices.append(SelectChoice(value, f'{commitment.code} · {part.label}', optgroup=group))
    return choices


def about_label(round_: ConsultationRound, about: str) -> str:
    """The label of an ``about`` value (for pages that show it)."""
    for choice in about_choices(round_):
        if choice.value == about:
            return choice.label
    return about


def sector_choices() -> list[SelectChoice]:
    """A placeholder, then every sector by code."""
    return [SelectChoice('', _('Choose a sector'))] + [
        SelectChoice(s.code, s.name) for s in list_sectors()
    ]


def optional_provinces() -> list[SelectChoice]:
    """An empty choice (not given), then the 77 provinces in the reader's order."""
    return [SelectChoice('', _('Not given'))] + [
        SelectChoice(code, name) for code, name in province_choices()
    ]


def theme_choices(round_id: int, *, none_label: str | None = None, exclude: int | None = None):
    """The round's themes not merged into another ((id, title)), after an optional "none"."""
    themes = db.session.scalars(
        select(ConsultationTheme)
        .filter_by(round_id=round_id, merged_into_id=None)
        .order_by(ConsultationTheme.id)
    ).unique()
    choices = [SelectChoice('', none_label)] if none_label else []
    return choices + [SelectChoice(str(t.id), t.title) for t in themes if t.id != exclude]


def revision_choices(round_: ConsultationRound, chosen=()) -> list[SelectChoice]:
    """Revisions of the round's commitments saved since it opened, newest first, and any chosen."""
    since = round_.opened_dt or round_.opens_at
    codes = {c.id: c.code for c in covered_commitments(round_)}
    chosen_ids = {r.id for r in chosen}
    revisions = db.session.scalars(
        select(CommitmentRevision)
        .where(CommitmentRevision.commitment_id.in_(codes))
        .order_by(CommitmentRevision.created_dt.desc(), CommitmentRevision.id.desc())
    ).unique()
    return [
        SelectChoice(str(r.id), _('%(code)s, revision %(n)d (%(day)s)', code=codes[r.commitment_id],
                                  n=r.number, day=format_date(r.created_dt, 'medium')))
        for r in revisions
        if r.created_dt >= since or r.id in chosen_ids
    ]  # fmt: skip
