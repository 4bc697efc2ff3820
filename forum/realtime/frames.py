"""How a broadcast reaches a thousand browsers quickly: text frames written directly.

A broadcast writes one websocket frame to every socket in the room, so whatever one frame costs
is paid a thousand times per comment when a thousand people watch (docs/performance.md). Two
costs are avoided here, and only while compression is declined (no extension can then apply):

- **Building the frame.** simple-websocket builds each frame through wsproto's general event
  machinery. A server's text frame is always the same few bytes (RFC 6455, section 5.2): FIN
  and the text opcode, the payload length, no mask, the payload. :func:`text_frame` writes them;
  a broadcast builds its frame once for all its sockets.
- **The hop through Engine.IO's queue** (gevent only). Engine.IO puts every packet in the
  socket's queue, and a writer greenlet per socket wakes to send it: on this machine that hop
  cost as much as the write itself. When a socket's queue is empty and nothing is being written
  to it, the broadcast writes the frame itself, without waiting for the socket's buffer: a
  socket that cannot take it at once gets it through the queue as before. Because greenlets
  only switch where they wait, "queue empty and nothing being written" means every earlier
  packet has been written, so the order of messages is kept.

Anything else (binary data, closed or upgrading connections, threads instead of gevent) goes
through Engine.IO and simple-websocket unchanged.

Every write that may wait records when it last made progress (``write_since``): a client that
takes nothing for ``FORUM_SOCKET_SEND_TIMEOUT`` seconds is disconnected (forum.realtime.limits).
"""

from __future__ import annotations

import struct
import time
import weakref

import gevent
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI
from gevent.socket import socket as CooperativeSocket

#: FIN bit and opcode 1 (text).
_FIN_TEXT = 0x81


def text_frame(text: str) -> bytes:
    """One final, unmasked text frame carrying ``text``, as a server sends it."""
    payload = text.encode('utf-8')
    size = len(payload)
    if size < 126:
        header = bytes((_FIN_TEXT, size))
    elif size < 1 << 16:
        header = struct.pack('!BBH', _FIN_TEXT, 126, size)
    else:
        header = struct.pack('!BBQ', _FIN_TEXT, 127, size)
    return header + payload


class DirectTextFrames:
    """Mixin for Engine.IO's simple-websocket wrapper: text frames without wsproto.

    :meth:`send` is what Engine.IO's writer calls; :meth:`send_now` is the broadcast's way in.
    """

    #: True while :meth:`send` is inside a write that had to wait for the socket.
    _writing = False
    #: The greenlet finishing a frame :meth:`send_now` could only partly write, if any.
    _finishing = None
    #: monotonic() when the write in progress started or last made progress; None when idle.
    #: forum.realtime.limits closes a connection whose write makes no progress for too long.
    write_since = None

    def __init__(self, handler, server, **kwargs):
        super().__init__(handler, server, **kwargs)
        # ``handler`` is the Engine.IO socket's bound method: let the socket find this wrapper.
        eio_socket = getattr(handler, '__self__', None)
        if eio_socket is not None:
            eio_socket.forum_websocket = weakref.ref(self)

    def send(self, message):
        """Engine.IO's writer sends one packet: text as a direct frame, the rest as before."""
        ws = self.ws
        if not isinstance(message, str) or not ws.connected:
            return super().send(message)
        # Marked as writing before waiting for a partly written frame: Engine.IO's writer has
        # already taken this packet (and any after it) from the queue, so while it waits the
        # queue looks empty, and a broadcast written directly meanwhile would overtake it.
        self._writing = True
        try:
            if self._finishing is not None:
                self._finishing.join()
            self._write(text_frame(message))
        finally:
            self._writing = False
        return None

    def send_now(self, frame: bytes) -> bool:
        """Write ``frame`` if the socket can take it at once; False if it must be queued."""
        ws = self.__dict__.get('ws')
        if ws is None or not ws.connected or self._writing or self._finishing is not None:
            return False
        if not isinstance(ws.sock, CooperativeSocket):
            return False  # only a gevent socket can be asked not to wait
        try:
            sent = ws.sock.send(frame, 0, timeout=0.0)
        except OSError:
            # Full (nothing was written) or broken: the queue's writer takes it from here.
            return False
        if sent < len(frame):
            self._finishing = gevent.spawn(self._finish, memoryview(frame)[sent:])
        return True

    def _finish(self, rest) -> None:
        try:
            self._write(rest)
        except OSError:
            pass
        finally:
            self._finishing = None

    def _write(self, frame) -> None:
        """Write all of ``frame``; OSError (as Engine.IO expects) if the connection is gone.

        One send() nearly always takes the whole frame (sendall() would first ask the kernel
        for the buffer size on every call); each send() that takes part of it is progress.
        """
        ws = self.ws
        self.write_since = time.monotonic()
        try:
            sent = ws.sock.send(frame)
            if sent < len(frame):
                rest = memoryview(frame)[sent:]
                while rest:
                    self.write_since = time.monotonic()
                    rest = rest[ws.sock.send(rest) :]
        except OSError:
            ws.connected = False
            raise
        finally:
            self.write_since = None


def install(sio_server) -> bool:
    """Write text frames directly on Socket.IO server ``sio_server``; False if it cannot.

    Only for connections without extensions: call it when compression is declined.
    """
    eio = sio_server.eio
    base = eio._async.get('websocket')
    if not isinstance(base, type) or not issubclass(base, SimpleWebSocketWSGI):
        return False
    if not issubclass(base, DirectTextFrames):
        # A copy of the driver's table: the module-level one stays untouched.
        eio._async = dict(eio._async, websocket=type(base.__name__, (DirectTextFrames, base), {}))
    if eio.async_mode == 'gevent' and not hasattr(sio_server, 'forum_queued_send'):
        # Cooperative greenlets only: with threads, a writer could be between taking a packet
        # from the queue and writing it while the queue looks empty.
        sio_server.forum_queued_send = sio_server._send_eio_packet
        sio_server._send_eio_packet = _DirectBroadcast(sio_server)
    return True


class _DirectBroadcast:
    """Replaces ``Server._send_eio_packet``, which Socket.IO calls once per socket of a room."""

    def __init__(self, sio_server):
        self.eio = sio_server.eio
        self.queued_send = sio_server.forum_queued_send
        #: The last packet and its frame: a broadcast passes one packet object to every socket.
        self.last = (None, b'')

    def __call__(self, eio_sid, pkt) -> None:
        sock = self.eio.sockets.get(eio_sid)
        ref = getattr(sock, 'forum_websocket', None)
        wrapper = ref() if ref is not None else None
        if (
            wrapper is None
            or not sock.upgraded
            or sock.upgrading
            or sock.closing
            or sock.closed
            or sock.queue.qsize()
            or not sock.check_ping_timeout()
        ):
            return self.queued_send(eio_sid, pkt)
        last_pkt, frame = self.last
        if pkt is not last_pkt:
            encoded = pkt.encode()
            if not isinstance(encoded, str):
                return self.queued_send(eio_sid, pkt)
            frame = text_frame(encoded)
            self.last = (pkt, frame)
        if not wrapper.send_now(frame):
            return self.queued_send(eio_sid, pkt)
        return None
