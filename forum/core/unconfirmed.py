"""A commit that went through, but whose flush to disk failed (forum/durable.py).

``durable`` flushes SQLite's log after each commit, still inside ``commit()``. When that flush
fails (``fsync`` reports an I/O error), the transaction is already committed: every connection
sees the change, the room may have heard of it, and only a power failure before the next good
flush could lose it. "Nothing was saved" would be false; the error pages and socket refusals say
what is true instead (``forum.errors``, ``forum.sockets``).
"""

from __future__ import annotations

import traceback


class UnconfirmedCommit(OSError):
    """The transaction committed, but writing it to disk could not be confirmed.

    For ``durable`` to raise (``raise UnconfirmedCommit(...) from exc``). Until it does, an
    ``OSError`` raised inside ``forum.durable`` is recognised as one: durable runs only after a
    commit.
    """


def is_unconfirmed_commit(exc: BaseException) -> bool:
    """Whether ``exc`` was raised after a commit, by its flush to disk."""
    if isinstance(exc, UnconfirmedCommit):
        return True
    if not isinstance(exc, OSError):
        return False
    return any(
        frame.f_globals.get('__name__') == 'forum.durable'
        for frame, _line in traceback.walk_tb(exc.__traceback__)
    )
