"""Names people read as someone's identity: no hidden characters that disguise them.

A display name or an organisation name is how readers tell who speaks. Bidirectional overrides
(U+202E turns "gro.elpmaxe" into "example.org"), zero-width characters (two names that look the
same but differ) and control characters have no place in one, so forms refuse them.
"""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

#: Unicode categories refused in names: controls, format characters (bidi marks and overrides,
#: zero-width spaces and joiners, soft hyphens), line and paragraph separators, private use,
#: surrogates and unassigned code points.
_REFUSED_CATEGORIES = frozenset({'Cc', 'Cf', 'Zl', 'Zp', 'Co', 'Cs', 'Cn'})
#: Letters that render as nothing (Hangul fillers, the braille blank).
_BLANK_LETTERS = frozenset('\u115f\u1160\u3164\uffa0\u2800')


def hidden_characters(text: str) -> list[str]:
    """The hidden or control characters in ``text``, as ``U+XXXX`` codes, in order of appearance."""
    found = []
    for char in text:
        if unicodedata.category(char) in _REFUSED_CATEGORIES or char in _BLANK_LETTERS:
            code = f'U+{ord(char):04X}'
            if code not in found:
                found.append(code)
    return found


class VisibleName:
    """WTForms validator: refuse a name holding hidden, bidi-override or control characters."""

    def __call__(self, form, field):
        """Raise a translated error naming the characters found."""
        codes = hidden_characters(field.data or '')
        if codes:
            raise ValidationError(
                _l(
                    'Remove the hidden or control characters from this name (%(codes)s).',
                    codes=', '.join(codes),
                )
            )
