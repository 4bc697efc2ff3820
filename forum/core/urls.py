"""URL helpers shared by routes."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None) -> str:
    """Return ``target`` when it is a path on this site, else the home page (no open redirects)."""
    if (
        target
        and target.startswith('/')
        and not target.startswith('//')
        and target.isprintable()  # no newline can split the Location header
        and len(target) <= 2000
    ):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for('main.index')
