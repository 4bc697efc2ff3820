"""The plan a visitor most likely wants to see now."""

from __future__ import annotations

from datetime import date

from .models import Nap, NapState


def current_nap(naps: list[Nap], today: date) -> Nap | None:
    """The plan a visitor most likely wants among ``naps`` (those they may read).

    The newest open plan whose period holds ``today``; else the newest plan not closed yet;
    else none.
    """
    open_naps = sorted(
        (n for n in naps if n.state != NapState.closed), key=lambda n: n.number, reverse=True
    )
    for nap in open_naps:
        if nap.contains(today):
            return nap
    return open_naps[0] if open_naps else None
