"""Enumerated columns: string enums whose members carry their label, checked by the database.

:class:`LabelledEnum` is a :class:`~enum.StrEnum` whose every member is declared with its
translatable label (``support = 'support', _l('Support')``), so a value and the words a reader
sees for it live in one place. :func:`enum_column` makes a ``String`` column for such an enum
and adds ``CHECK (<column> IN (...))``, named by the naming convention (``ck_<table>_<column>``),
so a bad value is refused by the database itself, not only by the ORM.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from flask_babel import force_locale
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import mapped_column


class LabelledEnum(StrEnum):
    """A string enum whose members carry a translatable label.

    Declare each member as its stored value and its label (a lazy gettext string, translated
    when shown)::

        class Stance(LabelledEnum):
            support = 'support', _l('Support')

    ``Stance.support == 'support'`` and ``str(Stance.support) == 'support'`` as for any
    StrEnum (the value is what the database stores); ``Stance.support.label`` is the label.
    """

    def __new__(cls, value: str, label=None):
        """A member whose value is ``value`` and whose label is ``label`` (required)."""
        if label is None:
            raise TypeError(f'{cls.__name__} member {value!r} needs a label')
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self):
        """The label: a lazy string, translated into the reader's language when shown."""
        return self._label

    def label_in(self, locale: str) -> str:
        """The label in ``locale`` (``th`` or ``en``), whatever the reader's language."""
        with force_locale(locale):
            return str(self._label)

    @classmethod
    def label_of(cls, value: str) -> str:
        """The translated label of the stored ``value`` (ValueError for a value not in the enum)."""
        return str(cls(value).label)

    @classmethod
    def get(cls, value) -> Self | None:
        """The member stored as ``value``, or None for any other value (of any type)."""
        try:
            return cls(value)
        except (ValueError, TypeError):
            return None


def enum_check_sql(column: str, values, *, allow_empty: bool = False) -> str:
    """The CHECK expression allowing ``values`` (and ``''`` with ``allow_empty``) in ``column``."""
    allowed = [str(v) for v in values] + ([''] if allow_empty else [])
    return f'{column} IN ({", ".join(repr(v) for v in allowed)})'


def enum_column(enum: type[StrEnum], column: str, *, length: int = 20, allow_empty=False, **kw):
    """A ``String(length)`` column holding one of ``enum``'s values, checked by the database."""
    check = CheckConstraint(enum_check_sql(column, enum, allow_empty=allow_empty), name=column)
    return mapped_column(String(length), check, **kw)
