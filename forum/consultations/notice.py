"""The personal-data notice (Thailand's PDPA) a participant agrees to before taking part.

The notice's words are in ``templates/consultations/_notice_text.html`` (both languages through
the catalogues). Whoever changes what it says raises :data:`NOTICE_VERSION`: each participant's
consent records the version they agreed to, and a participant who agreed to an older one is
asked again before their next input.
"""

#: The version of the notice in force; recorded with every consent.
NOTICE_VERSION = '2026-12-1'
