"""Comments as JSON for sockets and pages: visible text only, dates in both languages."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from ..core.i18n import format_datetime
from .models import Comment, Stance
from .services import edit_window

#: Where comment_json keeps what it built, on the comment instance (not a column).
_BUILT = '_forum_public_json'


def comment_json(comment: Comment) -> dict:
    """The public form of a comment; deleted and hidden ones keep only their place.

    Built once per state of the comment: a post's broadcast and its ack share one dict (which
    no one changes), so the comment reaches the room without being serialised twice first.
    """
    state = (
        comment.body_html,
        comment.edited_dt,
        comment.is_deleted,
        comment.is_hidden,
        comment.hidden_reason,
        comment.seq,
    )
    built = getattr(comment, _BUILT, None)
    if built is not None and built[0] == state:
        return built[1]
    data = _build(comment)
    setattr(comment, _BUILT, (state, data))
    return data


def _build(comment: Comment) -> dict:
    sector = comment.sector
    data = {
        'id': comment.id,
        'commitment_id': comment.commitment_id,
        'parent_id': comment.parent_id,
        # 'milestone:<id>', or 'milestone' once that milestone is deleted (docs/realtime.md).
        'anchor': comment.anchor_key,
        'anchor_label': (
            {lang: comment.anchor_label_in(lang) for lang in ('th', 'en')}
            if comment.anchor
            else None
        ),
        'stance': comment.stance,
        'stance_label': (
            {lang: Stance(comment.stance).label_in(lang) for lang in ('th', 'en')}
            if comment.stance
            else None
        ),
        'author': {
            'id': comment.author_id,
            'name': comment.author.display_name,
            # The name in the language of the request that built this (it goes to everyone in
            # the room): pages show organisation_names in their own language.
            'organisation': comment.organisation_shown,
            'organisation_names': (
                {'th': comment.organisation.name_th, 'en': comment.organisation.name_en}
                if comment.organisation is not None
                else {'th': comment.organisation_label, 'en': comment.organisation_label}
            ),
            'organisation_verified': comment.organisation_verified,
            'organisation_status': {
                lang: _affiliation(comment.organisation_verified, lang) for lang in ('th', 'en')
            },
            'sector': {'code': sector.code, 'th': sector.name_th, 'en': sector.name_en},
        },
        'body_html': comment.body_html if comment.is_visible else '',
        'created': comment.created_dt.isoformat(),
        'created_label': {
            lang: format_datetime(comment.created_dt, 'medium', locale=lang)
            for lang in ('th', 'en')
        },
        'edited': comment.edited_dt is not None,
        'editable_until': (comment.created_dt + edit_window()).isoformat(),
        'is_deleted': comment.is_deleted,
        'is_hidden': comment.is_hidden,
        'hidden_reason': comment.hidden_reason if comment.is_hidden else None,
        # The reason's label in both languages (a moderator's reason code, docs/moderation.md).
        'hidden_label': (
            {lang: comment.hidden_label_in(lang) for lang in ('th', 'en')}
            if comment.is_hidden
            else None
        ),
        # The commitment's sequence number of this state (docs/realtime.md, the cursor).
        'seq': comment.seq,
    }
    return data


def _affiliation(verified: bool, lang: str) -> str:
    with force_locale(lang):
        return gettext('verified') if verified else gettext('unverified')
