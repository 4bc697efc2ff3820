"""What every API answer shares: JSON, validators with 304s, pages, CORS for GET (docs/api.md).

- **ETag**: a hash of the body, so a client that sends it back (``If-None-Match``) gets 304 when
  nothing it would see changed, whoever changed what.
- **Last-Modified**: five seconds after the latest change the forum recorded (an audit entry, a
  saved commitment), rounded down to the second, and left out until then. HTTP dates have whole
  seconds, and a client may send back the ``Date`` of an answer that had no ``Last-Modified``
  (RFC 9110, 13.1.3): an answer made just before a change is dated before that mark, so its
  ``If-Modified-Since`` never hides the change, even from a process whose clock is a few seconds
  off. An answer that depends on the day too (``/members``) is never older than the day's start.
- **Cache-Control**: ``no-cache`` (caches ask first); ``private`` as well for a signed-in visitor,
  who may be shown more than the public.
- **CORS**: any origin may read with GET (``Access-Control-Allow-Origin: *``), never with
  credentials: a page elsewhere reads what an anonymous visitor reads.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from math import ceil

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..commitments.models import Commitment
from ..core.audit import AuditEntry
from ..core.converters import parse_id
from ..core.refusals import Refused
from ..core.urls import external_url
from ..extensions import db
from . import bp

#: Items per page when the client does not say, and the most it may ask for.
PER_PAGE = 50
MAX_PER_PAGE = 200
#: Last-Modified is this long after the latest change (see the module's docstring).
_SETTLED = timedelta(seconds=5)


#: Audit entries of a person's own account that no answer shows: they do not move
#: Last-Modified, which would otherwise tell anyone when someone registered or changed them.
PRIVATE_ACTIONS = ('user.created', 'user.password_changed', 'user.locale_changed')


def last_change() -> datetime | None:
    """When the forum last recorded a change an answer may show.

    The latest audit entry (but a person's private account changes) or saved commitment.
    """
    audited = db.session.scalar(
        select(func.max(AuditEntry.created_dt)).where(AuditEntry.action.not_in(PRIVATE_ACTIONS))
    )
    saved = db.session.scalar(select(func.max(Commitment.modified_dt)))
    times = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in (audited, saved) if t is not None]
    return max(times) if times else None


def json_response(data: dict, status: int = 200, *, not_before: datetime | None = None):
    """The JSON answer, or 304 when the client's copy is current (only for a 200).

    ``not_before``: the answer also changes at this time, whatever the forum records (the day's
    start for an answer that depends on the day).
    """
    body = (current_app.json.dumps(data) + '\n').encode('utf-8')
    response = current_app.response_class(body, status=status, mimetype='application/json')
    response.headers['Vary'] = 'Accept-Language, Cookie'
    if status != 200:
        return response
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    # Every answer may change at any moment: caches keep it but ask first (ETag, 304). A signed-in
    # visitor's answer may hold what the public may not read: never in a shared cache.
    signed_in = current_user.is_authenticated
    response.headers['Cache-Control'] = 'private, no-cache' if signed_in else 'no-cache'
    mark = validated_at(last_change(), not_before)
    if mark is not None and datetime.now(UTC) >= mark:
        response.last_modified = mark
    # If-Match is weighed here, as RFC 9110 (13.1.1) has it: "*" matches any answer, a list
    # matches when it names this one (strongly). Werkzeug's own check ignores "*".
    if_match = request.if_match
    if if_match and not if_match.star_tag and not if_match.contains(response.get_etag()[0]):
        return json_response({'error': _('The data has changed since the version named in '
                                         'If-Match.'), 'status': 412}, 412)  # fmt: skip
    environ = {k: v for k, v in request.environ.items() if k != 'HTTP_IF_MATCH'}
    return response.make_conditional(environ)


def validated_at(changed: datetime | None, not_before: datetime | None = None) -> datetime | None:
    """``Last-Modified`` for data changed at ``changed``: ``_SETTLED`` on, in whole seconds."""
    marks = [changed.replace(microsecond=0) + _SETTLED] if changed is not None else []
    if not_before is not None:
        marks.append(not_before.astimezone(UTC).replace(microsecond=0))
    return max(marks) if marks else None


def bad_request(reason: str):
    """400 with the reason (the app's error pages replace a 400's description)."""
    return json_response({'error': reason, 'status': 400}, 400)


def page_args() -> tuple[int, int]:
    """``page`` and ``per_page`` from the query, or a refusal naming the bad one."""
    values = {}
    for name, default, top in (('page', 1, None), ('per_page', PER_PAGE, MAX_PER_PAGE)):
        raw = request.args.get(name)
        value = default if raw is None else parse_id(raw)
        if value is None or (top is not None and value > top):
            limit = f'1 … {top}' if top else '1 … 2147483647'
            raise Refused(
                _('"%(name)s" must be a whole number in %(limit)s, not %(value)s.',
                  name=name, limit=limit, value=repr(raw))
            )  # fmt: skip
        values[name] = value
    return values['page'], values['per_page']


class QueryRows:
    """A query's rows as :func:`paginate` takes them: counted, and read one page at a time.

    For a list that only grows (the moderation log): the page's rows are read and converted
    (``convert``), not the whole table. The query must have its order.
    """

    def __init__(self, query, convert):
        self._query, self._convert, self._total = query, convert, None

    def __len__(self) -> int:
        if self._total is None:
            counted = select(func.count()).select_from(self._query.order_by(None).subquery())
            self._total = db.session.scalar(counted) or 0
        return self._total

    def __getitem__(self, part: slice) -> list:
        start, stop, _step = part.indices(len(self))
        rows = db.session.scalars(self._query.offset(start).limit(max(0, stop - start)))
        return [self._convert(row) for row in rows]


def paginate(items, *, endpoint: str, keep: tuple[str, ...] = (), **values) -> dict:
    """One page of ``items`` (a list, or :class:`QueryRows`) with its counts and neighbours.

    The neighbours' addresses repeat the query's ``keep`` parameters (the list's filters), and
    no other: a parameter the list does not know is not echoed, nor can it reach ``url_for``.
    """
    page, per_page = page_args()
    total = len(items)
    pages = max(1, ceil(total / per_page))
    chunk = items[(page - 1) * per_page : page * per_page]
    filters = {name: request.args[name] for name in keep if name in request.args}

    def address(number: int) -> str | None:
        if number < 1 or number > pages:
            return None
        return external_url(endpoint, page=number, per_page=per_page, **values, **filters)

    return {
        'items': chunk,
        'count': len(chunk),
        'total': total,
        'page': page,
        'per_page': per_page,
        'pages': pages,
        'next': address(page + 1),
        'previous': address(min(page - 1, pages)),  # past the end: the last page
    }


def with_links(response, data: dict):
    """The page's neighbours in a ``Link`` header too (RFC 8288)."""
    pairs = (('next', 'next'), ('previous', 'prev'))
    links = [f'<{data[key]}>; rel="{rel}"' for key, rel in pairs if data.get(key)]
    if links:
        response.headers['Link'] = ', '.join(links)
    return response


@bp.after_request
def cors(response):
    """Any origin may GET; nothing else, and never with the visitor's cookies."""
    response.headers['Access-Control-Allow-Origin'] = '*'
    response.headers['Access-Control-Expose-Headers'] = 'ETag, Last-Modified, Link'
    if request.method == 'OPTIONS':
        response.headers['Access-Control-Allow-Methods'] = 'GET'
        response.headers['Access-Control-Allow-Headers'] = (
            'Accept-Language, If-None-Match, If-Modified-Since'
        )
        response.headers['Access-Control-Max-Age'] = '86400'
    return response
