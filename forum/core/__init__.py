"""Cross-cutting pieces: permissions, audit, i18n helpers, base forms."""
