"""Live connections: Socket.IO set-up, authentication at connect, per-user rooms.

Rooms: ``user:<id>`` holds every connection of one logged-in person (so logging out can close
them). Later areas add their own rooms (``commitment:<id>``) and events in their packages.
"""

from flask import Flask

from ..extensions import socketio


def init_app(app: Flask) -> None:
    """Bind Socket.IO to ``app`` with the configured async mode and message queue."""
    socketio.init_app(
        app,
        async_mode=app.config['SOCKETIO_ASYNC_MODE'],
        message_queue=app.config['REDIS_URL'],
        # Same-origin only: the default check compares Origin with the Host header.
        cors_allowed_origins=None,
        manage_session=False,
        max_http_buffer_size=256 * 1024,
    )
    from . import events  # noqa: F401  (registers the handlers)
