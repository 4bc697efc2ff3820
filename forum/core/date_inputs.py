"""What static/js/dates.js needs to write a date beside a date input as the server writes it.

A date input shows the browser's own calendar and format (Gregorian ISO in many browsers), not the
page's: on a Thai page the reader expects the Buddhist-Era date. The field macro renders the
current value with ``|date``; the script rewrites it as the input changes, from a template built
here out of the same Babel pattern :func:`forum.core.i18n.format_date` uses ('long'), so both
write the same text.
"""

from __future__ import annotations

from datetime import datetime

from babel import Locale
from babel.dates import get_date_format, get_month_names
from flask_babel import gettext as _

from .i18n import _FIELD, BE_OFFSET, _locale

#: The width of the dates beside date inputs (as ``|date`` defaults to).
WIDTH = 'long'


def date_template(locale: str | Locale | None = None) -> str:
    """The long date pattern as ``{d}``/``{dd}``, ``{month}`` and ``{year}`` placeholders.

    Era fields go (the B.E. year stands alone, as in :func:`~forum.core.i18n.buddhist_pattern`);
    quoted literals lose their quotes.
    """
    pattern = get_date_format(WIDTH, locale=_locale(locale)).pattern
    text, pos = '', 0
    for match in _FIELD.finditer(pattern):
        token, gap = match.group(0), pattern[pos : match.start()]
        pos = match.end()
        if token.startswith("'"):
            text += gap + (token[1:-1].replace("''", "'") or "'")
        elif token[0] == 'G':
            text += gap.rstrip() if gap.strip() else ''
        elif token[0] in 'yY':
            text += gap + '{year}'
        elif token[0] == 'M' and len(token) >= 3:
            text += gap + '{month}'
        elif token[0] == 'M':
            text += gap + ('{mm}' if len(token) == 2 else '{m}')
        elif token[0] == 'd':
            text += gap + ('{dd}' if len(token) == 2 else '{d}')
        else:
            text += gap + token
    return text + pattern[pos:]


def date_input_text(locale: str | Locale | None = None) -> dict:
    """The template, month names and year offset of the reader's calendar (JSON for the page)."""
    loc = _locale(locale)
    names = get_month_names('wide', locale=loc)
    return {
        'template': date_template(loc),
        'months': [names[n] for n in range(1, 13)],
        'year_offset': BE_OFFSET if loc.language == 'th' else 0,
        # A date and time input (a round's opening): the date as above, then the time.
        'datetime_template': _('%(date)s at %(time)s', date='{date}', time='{time}'),
    }


def fill_date_template(text: dict, year: int, month: int, day: int) -> str:
    """Fill ``text`` (from :func:`date_input_text`) as dates.js does; for tests and the docs."""
    values = {
        'd': str(day),
        'dd': f'{day:02d}',
        'm': str(month),
        'mm': f'{month:02d}',
        'month': text['months'][month - 1],
        'year': str(year + text['year_offset']),
    }
    out = text['template']
    for key, value in values.items():
        out = out.replace('{' + key + '}', value)
    return out


def datetime_shown(value: datetime | None) -> str:
    """A date-and-time input's value as dates.js writes it beside the input ('' for none)."""
    if value is None:
        return ''
    text = date_input_text()
    day = fill_date_template(text, value.year, value.month, value.day)
    return text['datetime_template'].replace('{date}', day).replace('{time}', f'{value:%H:%M}')
