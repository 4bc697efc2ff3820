"""``/api/v1/moderation-log``: the public moderation log (docs/moderation.md), newest first."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from ..moderation.log import action_data, newest_first
from ..moderation.models import ActionKind
from . import bp
from .http import QueryRows, bad_request
from .routes import _page


@bp.route('/moderation-log')
def moderation_log():
    """Every moderator action as the public sees it, newest first; ``?kind=`` one kind only.

    Only the page asked for is read (the log grows with every action).
    """
    kind = request.args.get('kind', '')
    if 'kind' in request.args and ActionKind.get(kind) is None:
        return bad_request(
            _('Unknown kind %(value)s; known kinds: %(known)s.',
              value=repr(kind), known=', '.join(ActionKind))
        )  # fmt: skip
    rows = QueryRows(newest_first(kind), action_data)
    return _page(rows, 'api.moderation_log', keep=('kind',))
