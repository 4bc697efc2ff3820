"""Themes (ประเด็น): grouping inputs, and merging duplicates without losing either."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...auth.models import User
from ...core import audit
from ...core.names import hidden_characters
from ...core.refusals import Refused, state_error
from ...extensions import db
from ..models import ConsultationInput, ConsultationRound, ConsultationTheme
from .responses import check_open_to_responses


def _afresh(*objects) -> None:
    """Read ``objects`` again once the round is locked: another change may have come first."""
    for obj in objects:
        if obj is not None:
            db.session.refresh(obj)


def _title(text, *, required: bool) -> str:
    text = (text or '').strip() if isinstance(text, str) else ''
    if required and not text:
        raise Refused(_l('Give the theme a title in Thai.'))
    if len(text) > 300 or hidden_characters(text):
        raise Refused(_l('A title has at most 300 visible characters.'))
    return text


def create_theme(
    round_: ConsultationRound, *, actor: User, title_th, title_en=''
) -> ConsultationTheme:
    """Add a theme to the round."""
    check_open_to_responses(round_)
    theme = ConsultationTheme(
        round_id=round_.id,
        title_th=_title(title_th, required=True),
        title_en=_title(title_en, required=False),
    )
    db.session.add(theme)
    db.session.flush()
    audit.record('consultation_theme.created', theme, actor=actor, title_th=theme.title_th)
    return theme


def set_theme(
    item: ConsultationInput, theme: ConsultationTheme | None, *, actor: User
) -> ConsultationInput:
    """Put an input under ``theme`` (None: under none)."""
    check_open_to_responses(item.round)
    _afresh(item, theme)
    if theme is not None:
        if theme.round_id != item.round_id:
            raise Refused(_l('Choose a theme of this round.'))
        if theme.merged_into is not None:
            theme = theme.merged_into
    old = item.theme_id
    item.theme = theme
    db.session.flush()
    audit.record(
        'consultation_input.themed', item, actor=actor, old=old, new=theme.id if theme else None
    )
    return item


def merge_input(
    item: ConsultationInput, original: ConsultationInput, *, actor: User
) -> ConsultationInput:
    """Mark ``item`` a duplicate of ``original``: both stay; ``item`` follows its response.

    Inputs that duplicated ``item`` now duplicate ``original`` (one step, never a chain), and
    ``item`` joins ``original``'s theme.
    """
    check_open_to_responses(item.round)
    _afresh(item, original)
    if original.duplicate_of is not None:
        original = original.duplicate_of
    if original.round_id != item.round_id:
        raise Refused(_l('Both inputs must be of the same round.'))
    if original.id == item.id:
        raise Refused(_l('An input cannot duplicate itself.'))
    followers = db.session.scalars(
        select(ConsultationInput).filter_by(duplicate_of_id=item.id)
    ).all()
    for follower in followers:
        follower.duplicate_of = original
    item.duplicate_of = original
    if original.theme is not None:
        item.theme = original.theme
    db.session.flush()
    audit.record(
        'consultation_input.merged', item, actor=actor, into=original.id,
        followers=[f.id for f in followers],
    )  # fmt: skip
    return item


def unmerge_input(item: ConsultationInput, *, actor: User) -> ConsultationInput:
    """Make ``item`` stand on its own again."""
    check_open_to_responses(item.round)
    _afresh(item)
    if item.duplicate_of_id is None:
        raise state_error(_l('This input is not marked as a duplicate.'))
    old = item.duplicate_of_id
    item.duplicate_of = None
    db.session.flush()
    audit.record('consultation_input.unmerged', item, actor=actor, was=old)
    return item


def merge_theme(
    source: ConsultationTheme, target: ConsultationTheme, *, actor: User
) -> ConsultationTheme:
    """Merge ``source`` into ``target``: its inputs move there; ``source`` stays, pointing to it."""
    round_ = db.session.get(ConsultationRound, source.round_id)
    check_open_to_responses(round_)
    _afresh(source, target)
    if target.merged_into is not None:
        target = target.merged_into
    if source.id == target.id or source.round_id != target.round_id:
        raise Refused(_l('Choose another theme of this round.'))
    if source.merged_into_id is not None:
        raise state_error(_l('This theme is already merged into another.'))
    moved = list(source.inputs)
    for item in moved:
        item.theme = target
    for earlier in db.session.scalars(
        select(ConsultationTheme).filter_by(merged_into_id=source.id)
    ):
        earlier.merged_into = target
    source.merged_into = target
    db.session.flush()
    audit.record(
        'consultation_theme.merged', source, actor=actor, into=target.id,
        inputs=[i.id for i in moved],
    )  # fmt: skip
    return target
