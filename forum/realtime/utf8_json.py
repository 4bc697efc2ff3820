r"""Socket.IO's JSON, with text as UTF-8 rather than ``\u`` escapes.

The standard library escapes every character beyond ASCII by default: a Thai letter then
travels as six bytes (``\u0e01``) instead of its three in UTF-8, so Thai comments, names and
dates went to every watcher at about twice their size. Websocket text frames and Engine.IO's
polling responses are UTF-8 already. Reading keeps Engine.IO's guard against huge integers.
"""

import json

from engineio.json import loads

__all__ = ['dumps', 'loads']


def dumps(obj, **kwargs) -> str:
    """``json.dumps`` that keeps non-ASCII characters as they are."""
    kwargs.setdefault('ensure_ascii', False)
    return json.dumps(obj, **kwargs)
