"""URL converters: ids in URLs stay within what every database can store."""

from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed integer column (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` that answers 404 for numbers no row can have, instead of overflowing."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault('max', MAX_ID)
        super().__init__(map, *args, **kwargs)
