"""Content stored in Thai and English, shown in the reader's language."""

from flask_babel import get_locale


def current_language() -> str:
    """Return ``th`` or ``en`` for the current request (Thai outside a request)."""
    try:
        locale = get_locale()
    except RuntimeError:
        return 'th'
    return locale.language if locale is not None else 'th'


class BilingualMixin:
    """Models with ``<field>_th`` / ``<field>_en`` columns."""

    def text(self, name: str, lang: str | None = None) -> str:
        """The text ``name`` in ``lang`` (default: the reader's), falling back to the other."""
        lang = lang or current_language()
        other = 'en' if lang == 'th' else 'th'
        return getattr(self, f'{name}_{lang}') or getattr(self, f'{name}_{other}')


class BilingualNameMixin(BilingualMixin):
    """Models with ``name_th`` and ``name_en``: ``name`` picks the reader's, falling back."""

    @property
    def name(self) -> str:
        """The name in the current language, or the other one when it is missing."""
        return self.text('name')
