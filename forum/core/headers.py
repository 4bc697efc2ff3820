"""Security headers on every response, set by Flask-Talisman (docs/security.md).

The pages load their scripts, styles and fonts from ``/static`` and write nothing inline: no
``<script>`` with code, no ``style=`` attribute, no ``on…=`` handler. (The ``<script
type="application/json">`` blocks that carry translated texts to the scripts are data, which CSP
never executes.) So the policy allows this site only, for everything, with no ``unsafe-inline``
for scripts or styles. Socket.IO's long-polling requests and its websocket are same-origin:
``connect-src 'self'`` covers both, as CSP Level 3 lets ``'self'`` match ``ws:``/``wss:`` of the
page's own host (Chromium does; the browser tests connect under this policy).

No redirect to HTTPS is forced: the embedded set-up is served over plain HTTP on the loopback or
a LAN, and behind a TLS proxy the proxy redirects. HSTS is sent when cookies are HTTPS-only
(``FORUM_SECURE_COOKIES=1``, the sign that the forum is served over HTTPS), and only on
responses that came over HTTPS (directly, or ``X-Forwarded-Proto: https`` from the proxy), as
browsers ignore it on plain HTTP anyway.
"""

from __future__ import annotations

from flask import Flask
from flask_talisman import Talisman

#: The Content-Security-Policy of every response.
CONTENT_SECURITY_POLICY = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self'",
    'font-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
}
#: HSTS lifetime when it is sent: a year, this host only (not every subdomain of the domain).
HSTS_MAX_AGE = 365 * 24 * 3600

talisman = Talisman()


def init_headers(app: Flask) -> None:
    """Send the security headers on every response of ``app``."""
    secure = bool(app.config.get('SESSION_COOKIE_SECURE'))
    talisman.init_app(
        app,
        force_https=False,
        frame_options='DENY',  # for browsers older than frame-ancestors
        strict_transport_security=secure,
        strict_transport_security_max_age=HSTS_MAX_AGE,
        strict_transport_security_include_subdomains=False,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy='strict-origin-when-cross-origin',
        x_content_type_options=True,
        # Talisman also manages the session cookie's flags: hand it ours, so that it changes
        # nothing (it would otherwise make the cookie HTTPS-only on a plain-HTTP server).
        session_cookie_secure=secure,
        session_cookie_http_only=app.config.get('SESSION_COOKIE_HTTPONLY', True),
        session_cookie_samesite=app.config.get('SESSION_COOKIE_SAMESITE', 'Lax'),
    )
