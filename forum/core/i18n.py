"""Language selection and Buddhist-Era dates: the one place dates are formatted.

Babel has no Buddhist calendar. For Thai we take Babel's own pattern, drop the era field ``G``
and put the B.E. year (C.E. + 543) where the pattern has ``y``, so month and day names stay Babel's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import get_date_format, get_datetime_format, get_time_format
from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale, get_timezone, get_translations
from flask_login import current_user

BE_OFFSET = 543
_THAI_DIGITS = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
#: A run of one letter (a pattern field) or a quoted literal, as in LDML patterns.
_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")


def select_locale() -> str:
    """Pick the interface language: session choice, then account, then browser, then Thai."""
    languages = current_app.config['LANGUAGES']
    if not has_request_context():  # CLI, background work: the forum's default language
        return current_app.config['BABEL_DEFAULT_LOCALE']
    chosen = session.get('lang')
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return (
        request.accept_languages.best_match(languages) or current_app.config['BABEL_DEFAULT_LOCALE']
    )


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai digits (๐–๙)."""
    return text.translate(_THAI_DIGITS)


def buddhist_pattern(pattern: str, year: int) -> str:
    """Rebuild ``pattern`` field by field, dropping era fields and their leading space."""
    text = ''
    pos = 0
    for match in _FIELD.finditer(pattern):
        token = match.group(0)
        gap = pattern[pos : match.start()]
        pos = match.end()
        if token.startswith("'"):
            text += gap + token
        elif token[0] == 'G':
            text += gap.rstrip() if gap.strip() else ''
        elif token[0] in 'yY':
            text += gap + f"'{year + BE_OFFSET}'"
        else:
            text += gap + token
    return text + pattern[pos:]


def _locale(locale: str | Locale | None) -> Locale:
    if locale is None:
        locale = get_locale() or 'th'
    return locale if isinstance(locale, Locale) else Locale.parse(locale)


def format_date(
    value: date | datetime | None,
    format: str = 'long',
    locale: str | Locale | None = None,
    thai_digits: bool = False,
) -> str:
    """Format a date in ``locale`` (default: the request's); Thai shows the Buddhist-Era year."""
    if value is None:
        return ''
    loc = _locale(locale)
    if isinstance(value, datetime):
        value = value.astimezone(get_timezone()).date() if value.tzinfo else value.date()
    if loc.language != 'th':
        return babel_format_date(value, format=format, locale=loc)
    pattern = get_date_format(format, locale=loc).pattern if format in _WIDTHS else format
    text = babel_format_date(value, format=buddhist_pattern(pattern, value.year), locale=loc)
    return to_thai_digits(text) if thai_digits else text


def format_datetime(
    value: datetime | None,
    format: str = 'medium',
    locale: str | Locale | None = None,
    thai_digits: bool = False,
) -> str:
    """Format a date and time (to the minute) in the forum's zone; Thai shows the B.E. year.

    Remembered per value, format, locale and zone: a page of 75 comments used to spend a quarter
    of its time formatting the same dates again for every viewer.
    """
    if value is None:
        return ''
    return _format_datetime(value, format, str(_locale(locale)), get_timezone(), thai_digits)


@lru_cache(maxsize=8192)
def _format_datetime(
    value: datetime, format: str, locale: str, zone: tzinfo, thai_digits: bool
) -> str:
    loc = Locale.parse(locale)
    local = value.astimezone(zone) if value.tzinfo else value
    if format in _WIDTHS:
        date_part = get_date_format(format, locale=loc).pattern
        time_part = get_time_format('short', locale=loc).pattern
        pattern = str(get_datetime_format(format, locale=loc)).replace('{1}', date_part)
        pattern = pattern.replace('{0}', time_part)
    else:
        pattern = format
    if loc.language == 'th':
        pattern = buddhist_pattern(pattern, local.year)
    text = babel_format_datetime(local, format=pattern, locale=loc)
    return to_thai_digits(text) if thai_digits else text


_WIDTHS = ('short', 'medium', 'long', 'full')


def _forum_timezone():
    try:
        return get_timezone()
    except RuntimeError:  # outside a request or app context
        from zoneinfo import ZoneInfo

        return ZoneInfo('Asia/Bangkok')


def local_today() -> date:
    """Today's date in the forum's time zone (Asia/Bangkok by default)."""
    from datetime import UTC

    return datetime.now(UTC).astimezone(_forum_timezone()).date()


def local_day_start(day: date) -> datetime:
    """When ``day`` starts in the forum's time zone (an aware datetime)."""
    tz = _forum_timezone()
    midnight = datetime.combine(day, datetime.min.time())
    # Flask-Babel's time zone may be pytz's, whose offsets only ``localize`` gets right (its
    # tzinfo alone is the zone's first, local mean time: +06:42 for Bangkok).
    localize = getattr(tz, 'localize', None)
    return localize(midnight) if localize else midnight.replace(tzinfo=tz)


def _request_translations():
    """The request's catalogue, looked up once per request and language.

    Flask-Babel's template ``gettext`` asks for the domain, the locale and the catalogue on every
    call (six lookups through ``g``); a page calls it hundreds of times. The catalogue is kept on
    Flask-Babel's per-request namespace next to the locale it was found for, so ``force_locale``
    and ``refresh`` (which replace or drop ``babel_locale``) still get the right one.
    """
    ctx = g.get('_flask_babel')
    if ctx is not None:
        remembered = ctx.__dict__.get('forum_translations')
        locale = ctx.__dict__.get('babel_locale')
        if remembered is not None and locale is not None and remembered[0] is locale:
            return remembered[1]
    translations = get_translations()
    ctx = g.get('_flask_babel')
    if ctx is not None and ctx.__dict__.get('babel_locale') is not None:
        ctx.forum_translations = (ctx.babel_locale, translations)
    return translations


def install_template_gettext(env) -> None:
    """Templates' ``_``/``gettext``/``ngettext`` through :func:`_request_translations`."""
    env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        newstyle=True,
    )
