"""The bare reference of the page benchmark: a WSGI app that burns CPU as a page does.

``BARE_BURN_MS`` of busy CPU per request (the forum's page time, measured first) and a body of
``BARE_BODY_BYTES`` (the page's size); nothing else: no framework, no database, no session.
Served by the same ``gunicorn -k gevent -w 1`` as the forum, beside it in one run.
"""

from __future__ import annotations

import os
import time

BURN = float(os.environ.get('BARE_BURN_MS', '8')) / 1000
BODY = b'x' * int(os.environ.get('BARE_BODY_BYTES', '26000'))


def app(environ, start_response):
    """Burn ``BURN`` seconds of CPU, then answer ``BODY``."""
    end = time.perf_counter() + BURN
    while time.perf_counter() < end:
        pass
    start_response('200 OK', [('Content-Type', 'text/html'), ('Content-Length', str(len(BODY)))])
    return [BODY]
