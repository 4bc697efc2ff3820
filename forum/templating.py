"""What every template may use: date filters, permissions, languages, sectors and affiliations.

Filters ``date`` and ``datetime`` (Buddhist-Era in Thai); globals ``current_language``,
``local_today``, ``date_input_text``, ``affiliation_label`` and ``sector_names``; per request
``can(action, target)``, ``languages`` and ``current_path``; and the request's catalogue for
``gettext`` (``install_template_gettext``).
"""

from flask import Flask, request
from flask_login import current_user

from .core.bilingual import current_language
from .core.date_inputs import date_input_text, datetime_shown
from .core.i18n import format_date, format_datetime, install_template_gettext, local_today
from .core.permissions import can
from .members.affiliation import affiliation_label


def init_templating(app: Flask) -> None:
    """Register the helpers every template may use."""
    install_template_gettext(app.jinja_env)
    app.jinja_env.filters['date'] = format_date
    app.jinja_env.filters['datetime'] = format_datetime
    app.jinja_env.globals['current_language'] = current_language
    app.jinja_env.globals['local_today'] = local_today
    app.jinja_env.globals['date_input_text'] = date_input_text
    app.jinja_env.globals['datetime_shown'] = datetime_shown
    app.jinja_env.globals['affiliation_label'] = affiliation_label

    def sector_names() -> dict[str, str]:
        from flask_babel import gettext

        from .sectors.services import list_sectors

        names = {s.code: s.name for s in list_sectors()}
        names['anonymous'] = gettext('visitors')
        names['secretariat'] = gettext('secretariat')
        return names

    app.jinja_env.globals['sector_names'] = sector_names

    @app.context_processor
    def _globals():
        return {
            'can': lambda action, target=None: can(current_user, action, target),
            'languages': (('th', 'ไทย'), ('en', 'English')),
            'current_path': request.full_path.rstrip('?') if request else '/',
        }
