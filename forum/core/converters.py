"""Ids from URLs, forms and sockets stay within what every database can store."""

from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed integer column (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` that answers 404 for numbers no row can have, instead of overflowing."""

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
