"""What every API answer shares: JSON, validators with 304s, pages, CORS for GET (docs/api.md).

- **ETag**: a hash of the body, so a client that sends it back (``If-None-Match``) gets 304 when
  nothing it would see changed, whoever changed what.
- **Last-Modified**: the latest change the forum recorded (an audit entry, a saved commitment):
  conservative, never later than the data. It is left out while that change is under five
  seconds old: HTTP dates have whole seconds, and a change in the same second as an answer would
  otherwise be hidden from an ``If-Modified-Since`` that names that second.
- **CORS**: any origin may read with GET (``Access-Control-Allow-Origin: *``), never with
  credentials: a page elsewhere reads what an anonymous visitor reads.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from math import ceil

from flask import current_app, request
from flask_babel import gettext as _
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
#: A change younger than this gives no Last-Modified (see the module's docstring).
_SETTLED = timedelta(seconds=5)


def last_change() -> datetime | None:
    """When the forum last recorded a change: the latest audit entry or saved commitment."""
    audited = db.session.scalar(select(func.max(AuditEntry.created_dt)))
    saved = db.session.scalar(select(func.max(Commitment.modified_dt)))
    times = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in (audited, saved) if t is not None]
    return max(times) if times else None


def json_response(data: dict, status: int = 200):
    """The JSON answer, or 304 when the client's copy is current (only for a 200)."""
    body = (current_app.json.dumps(data) + '\n').encode('utf-8')
    response = current_app.response_class(body, status=status, mimetype='application/json')
    response.headers['Vary'] = 'Accept-Language, Cookie'
    if status != 200:
        return response
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    # Every answer may change at any moment: caches keep it but ask first (ETag, 304).
    response.headers['Cache-Control'] = 'no-cache'
    changed = last_change()
    now = datetime.now(UTC)
    if changed is not None and now - changed >= _SETTLED:
        response.last_modified = changed.replace(microsecond=0)
    return response.make_conditional(request)


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


def paginate(items: list, *, endpoint: str, **values) -> dict:
    """One page of ``items`` with its counts and the addresses of its neighbours."""
    page, per_page = page_args()
    total = len(items)
    pages = max(1, ceil(total / per_page))
    chunk = items[(page - 1) * per_page : page * per_page]
    args = {k: v for k, v in request.args.items() if k not in ('page', 'per_page')}

    def address(number: int) -> str | None:
        if number < 1 or number > pages:
            return None
        return external_url(endpoint, page=number, per_page=per_page, **values, **args)

    return {
        'items': chunk,
        'count': len(chunk),
        'total': total,
        'page': page,
        'per_page': per_page,
        'pages': pages,
        'next': address(page + 1),
        'previous': address(page - 1),
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
