"""After a conflict: keep the other person's changes in the form, and name the real clashes.

A field the person did not touch (their value equals the revision they started from) takes the
current value, so saving again after a conflict never undoes someone else's change. A field both
changed differently keeps the person's value and is reported as a clash.
"""

from __future__ import annotations

from datetime import date


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(value)
    return value


def three_way(mine: dict, base: dict, current: dict) -> tuple[dict, list[str]]:
    """Return the values the form should now hold, and the names changed on both sides."""
    merged, clashes = dict(mine), []
    for name, my_value in mine.items():
        if name not in base or name not in current:
            continue
        mine_, base_, current_ = _plain(my_value), _plain(base[name]), _plain(current[name])
        if current_ == base_ or mine_ == current_:
            continue
        if mine_ == base_:
            merged[name] = current[name]
        else:
            clashes.append(name)
    return merged, clashes
