"""Ids from URLs, forms and sockets stay within what every database can store."""

from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed integer column (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>``: an id written the one way, answering 404 for anything else.

    Werkzeug's own pattern matches every Unicode digit and ``int()`` reads them, so
    ``/commitments/๑`` and ``/commitments/01`` both reached commitment 1. Here an id is ASCII
    digits without a leading zero, at most ten of them and at most :data:`MAX_ID` (so no number
    a row cannot have overflows a query).
    """

    regex = r'[1-9][0-9]{0,9}'

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault('max', MAX_ID)
        super().__init__(map, *args, **kwargs)


def parse_id(value) -> int | None:
    """The positive id ``value`` names (an int, or a string of ASCII digits), or None.

    ``"²".isdigit()`` and ``"๑".isdigit()`` are true, and ``10**30`` overflows SQLite: ids from
    forms and sockets go through here before they reach ``int()`` or a query.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= 10):
            return None
        value = int(value)
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None
