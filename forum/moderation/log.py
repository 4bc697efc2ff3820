"""The public moderation log as pages and plain data (the page and ``/api/v1/moderation-log``).

What it shows: when, what, which comment (a link), the reason code and which sector's moderator
acted. Never who: no names, no notes, no blocked person.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from ..core.converters import parse_id
from ..extensions import db
from .models import ActionKind, ModerationAction

PER_PAGE = 50


@dataclass
class LogPage:
    """One page of the log, newest first."""

    actions: list[ModerationAction]
    page: int
    pages: int
    total: int
    kind: str


def page_of_actions(args) -> LogPage:
    """The page ``?page=`` (1 when wrong) of ``?kind=`` actions (every kind when wrong)."""
    kind = args.get('kind', '')
    kind = kind if ActionKind.get(kind) is not None else ''
    query = actions_query(kind)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, ceil(total / PER_PAGE))
    page = min(parse_id(args.get('page', '1')) or 1, pages)
    actions = db.session.scalars(
        query.order_by(ModerationAction.id.desc()).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).all()
    return LogPage(list(actions), page, pages, total, kind)


def actions_query(kind: str = ''):
    """The actions of ``kind`` (every kind when empty), to be read newest first."""
    query = select(ModerationAction)
    if kind:
        query = query.where(ModerationAction.kind == kind)
    return query


def newest_first(kind: str = ''):
    """:func:`actions_query` in the order the log shows (the API pages it)."""
    return actions_query(kind).order_by(ModerationAction.id.desc())


def action_data(action: ModerationAction) -> dict:
    """An action as the public sees it: no person, no note; the sector in both languages."""
    sector = action.sector
    if sector is None:
        with force_locale('th'):
            th = gettext('Secretariat')
        with force_locale('en'):
            en = gettext('Secretariat')
        moderator_sector = {'code': 'secretariat', 'name': {'th': th, 'en': en}}
    else:
        moderator_sector = {
            'code': sector.code,
            'name': {'th': sector.name_th, 'en': sector.name_en},
        }
    return {
        'id': action.id,
        'at': action.created_dt.isoformat(),
        'kind': action.kind,
        'kind_label': {lang: ActionKind(action.kind).label_in(lang) for lang in ('th', 'en')},
        'comment_id': action.comment_id,
        'commitment_id': action.commitment_id,
        'reason': action.reason or None,
        'moderator_sector': moderator_sector,
    }
