r"""Socket.IO's JSON, with text as UTF-8 rather than ``\u`` escapes.

The standard library escapes every character beyond ASCII by default: a Thai letter then
travels as six bytes (``\u0e01``) instead of its three in UTF-8, so Thai comments, names and
dates went to every watcher at about twice their size. Websocket text frames and Engine.IO's
polling responses are UTF-8 already. Reading keeps Engine.IO's guard against huge integers.

A payload nested deeper than Python's JSON reader goes (a thousand arrays in 2 KB) used to be
dropped before any handler ran, unanswered, with a traceback in the log each time. It now reads
as the event :data:`TOO_DEEP`, which the namespace answers with ``ok: false`` and the reason.
"""

import json

from engineio.json import loads as _loads

__all__ = ['TOO_DEEP', 'dumps', 'loads']

#: The event a packet too deeply nested to read stands for (no real event has a space).
TOO_DEEP = 'payload nested too deeply'


def loads(text, **kwargs):
    """Engine.IO's ``loads``; a payload nested too deeply reads as the event :data:`TOO_DEEP`."""
    try:
        return _loads(text, **kwargs)
    except RecursionError:
        return [TOO_DEEP]


def dumps(obj, **kwargs) -> str:
    """``json.dumps`` that keeps non-ASCII characters as they are."""
    kwargs.setdefault('ensure_ascii', False)
    return json.dumps(obj, **kwargs)
