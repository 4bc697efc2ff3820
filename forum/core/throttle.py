"""Throttles shared by HTTP and socket events, on Flask-Limiter's storage and strategy.

Flask-Limiter's decorators guard routes (login, registration: forum/auth/routes.py). Socket
events have no such decorator, and an edit must count the same whether it came over HTTP or a
socket, so those paths call :func:`check` here instead. It counts in the storage Flask-Limiter
was configured with (Redis when ``FORUM_REDIS_URL`` is set, so every process shares the count;
this process's memory otherwise) with the same strategy (a moving window).

A limit is a setting in the ``limits`` notation ("20 per minute"); every one is parsed when the
application starts, so a mistyped value stops the server instead of the first request.
"""

from __future__ import annotations

import logging
import math
import time
from functools import lru_cache

from flask import Flask, current_app
from flask_babel import ngettext
from limits import RateLimitItem, parse

from ..config import RATE_LIMIT_SETTINGS
from ..extensions import limiter

logger = logging.getLogger(__name__)

#: Each throttle of :func:`check` and the setting that holds its limit.
THROTTLES = {
    'comment_edit': 'COMMENT_EDIT_RATE_LIMIT',
    'editing': 'EDITING_RATE_LIMIT',
}


@lru_cache(maxsize=64)
def _parse(value: str) -> RateLimitItem:
    return parse(value)


def validate_limits(app: Flask) -> None:
    """Refuse to start with a limit setting the ``limits`` notation cannot read."""
    for name in RATE_LIMIT_SETTINGS:
        value = app.config[name]
        try:
            _parse(value)
        except ValueError as exc:
            raise RuntimeError(
                f'{name} = {value!r} is not a rate limit such as "10 per 15 minutes"'
            ) from exc


def check(name: str, who: object) -> str | None:
    """Count one attempt at ``name`` (a key of :data:`THROTTLES`) by ``who``.

    Return None when it is allowed, or the refusal in the reader's language ("Too many attempts;
    try again in N minutes."). A storage that does not answer lets the attempt through (logged):
    an outage of Redis must not stop people from working.
    """
    if not limiter.enabled:
        return None
    item = _parse(current_app.config[THROTTLES[name]])
    keys = ('throttle', name, str(who))
    try:
        strategy = limiter.limiter
        if strategy.hit(item, *keys):
            return None
        reset_at, _remaining = strategy.get_window_stats(item, *keys)
    except Exception:  # noqa: BLE001 - any storage failure: count nothing, refuse nothing
        logger.warning('Throttle %s could not count; allowed', name, exc_info=True)
        return None
    logger.info('Throttle %s refused %s', name, who)
    return refusal(reset_at - time.time())


def refusal(seconds: float) -> str:
    """The refusal in the reader's language: Too many attempts; try again in N minutes (N ≥ 1)."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        'Too many attempts; try again in %(num)d minute.',
        'Too many attempts; try again in %(num)d minutes.',
        minutes,
    )
