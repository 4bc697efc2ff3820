"""``/api/v1/moderation-log``: the public moderation log (docs/moderation.md), newest first."""

from __future__ import annotations

from ..moderation.log import action_data, all_actions
from . import bp
from .routes import _page


@bp.route('/moderation-log')
def moderation_log():
    """Every moderator action as the public sees it: when, what, which comment, which sector."""
    return _page([action_data(a) for a in all_actions()], 'api.moderation_log')
