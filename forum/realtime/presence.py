"""Per-user rooms and closing a person's connections."""

from ..extensions import socketio


def user_room(user_id: int) -> str:
    """Return the room that holds every connection of one person."""
    return f'user:{user_id}'


def disconnect_user(user_id: int) -> None:
    """Tell and disconnect every connection of ``user_id`` that this process holds."""
    server = socketio.server
    if server is None:
        return
    room = user_room(user_id)
    socketio.emit('session_ended', {}, to=room)
    for sid, _eio_sid in list(server.manager.get_participants('/', room)):
        server.disconnect(sid, namespace='/')
