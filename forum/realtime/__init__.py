"""Live connections: Socket.IO set-up, authentication at connect, per-user rooms.

Rooms: ``user:<id>`` holds every connection of one logged-in person (so logging out can close
them). Later areas add their own rooms (``commitment:<id>``) and events in their packages.

This package is infrastructure below the areas; the namespace (:mod:`forum.sockets`) sits
above them, and ``create_app`` registers it and connects the areas' broadcast receivers
(``forum._connect_areas``).
"""

from flask import Flask, request

from ..extensions import db, socketio
from . import frames, limits, utf8_json


def init_app(app: Flask) -> None:
    """Bind Socket.IO to ``app`` with the configured async mode and message queue."""
    # Flask-SocketIO keeps the previous app's queue manager in its options; each app (tests build
    # many) must start from its own configuration.
    socketio.server_options.pop('client_manager', None)
    socketio.init_app(
        app,
        async_mode=app.config['SOCKETIO_ASYNC_MODE'],
        message_queue=app.config['REDIS_URL'],
        channel=app.config['SOCKETIO_CHANNEL'],
        # Same-origin only: the default check compares Origin with the Host header.
        cors_allowed_origins=None,
        manage_session=False,
        # Larger messages close only the sender's connection; a comment is at most 5,000 characters.
        max_http_buffer_size=256 * 1024,
        # A client that answers no ping for ping_interval + ping_timeout seconds is gone.
        ping_interval=app.config['SOCKET_PING_INTERVAL'],
        ping_timeout=app.config['SOCKET_PING_TIMEOUT'],
        json=utf8_json,
    )
    if not app.config['WEBSOCKET_COMPRESSION']:
        app.wsgi_app = _without_websocket_compression(app.wsgi_app)
        # No extension can be negotiated now, so text frames can be written directly.
        frames.install(socketio.server)
    # Slow and stalled clients are disconnected (docs/realtime.md "Limits").
    limits.install(socketio.server, limits.SocketLimits.from_config(app.config))

    @app.teardown_request
    def _release_db_session_after_socket_event(exc):
        # Flask-SQLAlchemy removes its session when the app context ends, which a socket event
        # does not always do (Flask-SocketIO #1500): release the pooled connection every time.
        if getattr(request, 'sid', None) is not None:
            db.session.remove()


def _without_websocket_compression(wsgi_app):
    """Decline permessage-deflate by hiding the browser's offer from the websocket handshake.

    simple-websocket accepts compression whenever a client offers it (browsers always do), and a
    compression context costs about 100 KB per connection: 1,000 watchers took the worker from
    174 MB to 275 MB (docs/bench-log/fanout.md). Our messages are small; memory matters more.
    """

    def middleware(environ, start_response):
        environ.pop('HTTP_SEC_WEBSOCKET_EXTENSIONS', None)
        return wsgi_app(environ, start_response)

    return middleware
