"""Enumerated columns: a string enum whose allowed values the database checks too.

:func:`enum_column` makes a ``String`` column for a :class:`~enum.StrEnum` and adds
``CHECK (<column> IN (...))``, named by the naming convention (``ck_<table>_<column>``), so a
bad value is refused by the database itself, not only by the ORM.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import mapped_column


def enum_check_sql(column: str, values, *, allow_empty: bool = False) -> str:
    """The CHECK expression allowing ``values`` (and ``''`` with ``allow_empty``) in ``column``."""
    allowed = [str(v) for v in values] + ([''] if allow_empty else [])
    return f'{column} IN ({", ".join(repr(v) for v in allowed)})'


def enum_column(enum: type[StrEnum], column: str, *, length: int = 20, allow_empty=False, **kw):
    """A ``String(length)`` column holding one of ``enum``'s values, checked by the database."""
    check = CheckConstraint(enum_check_sql(column, enum, allow_empty=allow_empty), name=column)
    return mapped_column(String(length), check, **kw)
