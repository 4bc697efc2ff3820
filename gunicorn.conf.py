"""gunicorn's settings for the forum: ``make serve`` and the production set-up (README.md).

gunicorn reads this file by itself when started from the repository root (its default
``--config`` is ``./gunicorn.conf.py``); ``make serve`` names it too. It imports nothing of the
forum: the master loads it before the gevent worker forks and monkey-patches.

Keep-alive connections take turns (issue 11, docs/performance.md "Commitment page"). gunicorn's
gevent worker serves a kept-alive connection in a loop in one greenlet: after a response it reads
the connection's next request at once, and when that request is already there (a client on
another core sends it within microseconds, or pipelines it) the greenlet goes on to serve it
without passing through the gevent hub. The other connections, whose requests are waiting too,
are only served when a read happens to find nothing: under ``wrk -c50`` on a page taking 11 ms,
half the requests were answered at once and others waited more than 2 s. :func:`post_request`
makes each kept-alive connection wait for its next request through the hub, behind every
connection already waiting, so each ready connection gets one request per turn of the loop.
"""

#: How long a kept-alive connection waits for its next request through the hub before reading
#: anyway: a pipelining client's next request is already in gunicorn's buffer, not on the socket.
TURN_WAIT = 0.001


def post_request(worker, req, environ, resp):
    """After a response on a connection kept alive: give the others their turn first."""
    if resp is None or not resp.headers_sent or environ.get('HTTP_UPGRADE'):
        return  # no answer sent (a websocket took the socket over), or a websocket's own
    if resp.should_close():
        return
    sock = environ.get('gunicorn.socket')
    if sock is None:
        return
    from gevent import monkey

    if not monkey.is_module_patched('socket'):
        return  # not the gevent worker: nothing to take turns with
    from gevent.socket import wait_read

    try:
        fileno = sock.fileno()
        if fileno >= 0:
            wait_read(fileno, timeout=TURN_WAIT)
    except (OSError, ValueError):
        pass  # timed out (socket.timeout is an OSError), or the socket is closed: read on
