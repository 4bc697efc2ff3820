"""The personal-data notice (Thailand's PDPA) a participant agrees to before taking part.

The notice's words are in ``templates/consultations/_notice_text.html`` (both languages through
the catalogues). Whoever changes what it says raises :data:`NOTICE_VERSION`: each participant's
consent records the version they agreed to, and a participant who agreed to an older one is
asked again before their next input.
"""

from datetime import date

from flask_babel import gettext as _

from ..core.i18n import format_date

#: The version of the notice in force; recorded with every consent.
NOTICE_VERSION = '2026-12-1'


def version_label(version: str = NOTICE_VERSION) -> str:
    """``2026-12-1`` as a reader says it: "Version 1 of December 2026" (B.E. in Thai)."""
    year, month, number = (int(part) for part in version.split('-'))
    return _(
        'Version %(n)s of %(month)s', n=number, month=format_date(date(year, month, 1), 'MMMM y')
    )
