"""Public notes and explanations: text, without the characters that disguise or garble it.

A decision's note or the secretariat's justification of an imbalance is published as written.
Control characters (terminal escapes, form feeds; line breaks and tabs are text) and the
bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which reorder
what follows them) have no place in it. Zero-width spaces and joiners stay: Thai writers use
them to mark word breaks. Names are stricter (:mod:`.names`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

#: Characters a published text may not hold.
REFUSED = frozenset(
    [chr(n) for n in (*range(32), *range(127, 160)) if chr(n) not in '\n\r\t']
    + [chr(n) for n in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)


def refused_characters(text: str) -> list[str]:
    """The refused characters in ``text``, as ``U+XXXX`` codes, in order of appearance."""
    found: list[str] = []
    for char in text:
        if char in REFUSED:
            code = f'U+{ord(char):04X}'
            if code not in found:
                found.append(code)
    return found


class PlainText:
    """WTForms validator: refuse control characters and bidirectional overrides, naming them."""

    def __call__(self, form, field):
        """Raise a translated error naming the characters found."""
        codes = refused_characters(field.data or '')
        if codes:
            raise ValidationError(
                _l(
                    'Remove the control characters from this text (%(codes)s).',
                    codes=', '.join(codes),
                )
            )
