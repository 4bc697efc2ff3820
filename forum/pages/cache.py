"""The commitment page for anonymous readers, kept in memory for a few seconds.

Most of a discussion's readers are not logged in, and they all get the same page: rendering it
(about 27 ms of CPU at a full window of threads) is most of what a busy process does. A page is
kept, per process, under the commitment's ``version`` (every save), its ``comment_seq`` (every
comment change) and its plan's state, the reader's language and the page's arguments, for
``PAGE_CACHE_SECONDS``: the commitment and its discussion are always as current as a fresh
render; names and labels around them (an organisation renamed, a round opened) may be that many
seconds old. The live socket then brings the page up to date from its ``data-seq``
(docs/realtime.md), as it does for a page that was rendered a moment ago.

Only anonymous requests with no message waiting (flash) are served from it. The page's CSRF
token (in the meta tag and the language forms) belongs to each reader's session: it is cut out
when a page is kept and the reader's own is put in when it is served.
"""

from __future__ import annotations

from flask import request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from ..commitments.models import Commitment
from ..core.bilingual import current_language
from ..core.kept import kept
from ..core.kept import seconds as kept_seconds
from ..extensions import db
from ..naps.models import Nap, NapState

#: Pages kept per process (each about 60 KB at a full window).
SIZE = 256
#: What stands for the reader's CSRF token in a kept page.
_TOKEN = '\x00csrf\x00'


def key_for(commitment_id: int) -> tuple | None:
    """The page's key for this request, or None when it must be rendered for this reader.

    One small query (the commitment's version and comment sequence, its plan's state); None for
    a logged-in reader, a waiting flash message, a missing commitment or a plan not yet public.
    """
    if kept_seconds() <= 0 or request.method != 'GET':
        return None
    if current_user.is_authenticated or session.get('_flashes'):
        return None
    row = db.session.execute(
        select(Commitment.version, Commitment.comment_seq, Nap.state)
        .join(Nap, Nap.id == Commitment.nap_id)
        .where(Commitment.id == commitment_id)
    ).first()
    if row is None:
        return None
    version, comment_seq, nap_state = row
    if nap_state == NapState.planning:  # not public yet: the permission rules decide each time
        return None
    args = tuple(sorted(request.args.items(multi=True)))
    return (commitment_id, version, comment_seq, nap_state, current_language(), args)


def get(key: tuple) -> str | None:
    """The kept page for ``key`` with this reader's CSRF token in it, or None."""
    page = kept('pages', SIZE).get(key)
    return None if page is None else page.replace(_TOKEN, generate_csrf())


def put(key: tuple, html: str) -> None:
    """Keep ``html`` (rendered for this request) under ``key``, without this reader's token."""
    kept('pages', SIZE).put(key, html.replace(generate_csrf(), _TOKEN), kept_seconds())
