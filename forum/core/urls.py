"""URL helpers shared by routes: redirects that stay on this site, absolute URLs."""

from urllib.parse import urlsplit

from flask import current_app, url_for


def safe_next(target: str | None) -> str:
    r"""Return ``target`` when it is a path on this site, else the home page (no open redirects).

    Browsers read a backslash as a slash in ``http`` and ``https`` URLs (``/\evil.example`` is
    ``//evil.example``, another site), and drop tabs and line breaks anywhere in a URL
    (``/<tab>/evil.example`` too): neither may appear. Werkzeug happens to percent-encode a
    backslash in the ``Location`` header, but the check must not rest on that.
    """
    if (
        target
        and target.startswith('/')
        and not target.startswith('//')
        and '\\' not in target
        and target.isprintable()  # no tab or line break, which browsers drop, nor any control
        and len(target) <= 2000
    ):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for('main.index')


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint``, under ``FORUM_BASE_URL`` when it is set.

    ``url_for(..., _external=True)`` takes the scheme and host from the request, and so from
    whatever ``Host`` header a client sends; an address built from it and handed to others (the
    API's ``url`` and ``html_url``) could point anywhere. With ``BASE_URL`` the address is the
    configured one; its path, if any, is where the application is mounted. Without it (the
    embedded set-up, reached as ``http://127.0.0.1:5000``) the request's host is all there is.
    """
    base = current_app.config.get('BASE_URL')
    if not base:
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or '/', url_scheme=parts.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
