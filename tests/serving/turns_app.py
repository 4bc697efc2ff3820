"""A WSGI app that numbers the requests it serves, for the keep-alive turns test.

Each answer is the number of requests this process served before it (and the connection's
label, from the ``X-Conn`` header). A request spends ``BURN_SECONDS`` of CPU, as a page does, so
that a pipelined batch lasts long enough for another connection's request to arrive meanwhile.
"""

from __future__ import annotations

import itertools
import time

BURN_SECONDS = 0.002
_served = itertools.count()


def app(environ, start_response):
    """Answer ``<label> <number>``."""
    end = time.perf_counter() + BURN_SECONDS
    while time.perf_counter() < end:
        pass
    body = f'{environ.get("HTTP_X_CONN", "-")} {next(_served)}'.encode()
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
    return [body]
