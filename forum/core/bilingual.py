"""Content stored in Thai and English, shown in the reader's language."""

from flask_babel import get_locale


def current_language() -> str:
    """Return ``th`` or ``en`` for the current request (Thai outside a request)."""
    try:
        locale = get_locale()
    except RuntimeError:
        return 'th'
    return locale.language if locale is not None else 'th'


class BilingualNameMixin:
    """Models with ``name_th`` and ``name_en``: ``name`` picks the reader's, falling back."""

    @property
    def name(self) -> str:
        """The name in the current language, or the other one when it is missing."""
        if current_language() == 'en':
            return self.name_en or self.name_th
        return self.name_th or self.name_en
