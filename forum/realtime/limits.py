"""Limits on what one websocket may keep waiting: slow and stalled clients are disconnected.

A client that stops reading (a frozen tab, a phone gone to sleep, a hostile script) used to
keep its TCP connection, file descriptor and a few megabytes of kernel buffer for ever, and
every broadcast to its rooms was queued for it in the worker's memory. Engine.IO's own ping
timeout only marks such a socket closed: its writer stays blocked on the full socket, or its
reader waits for a frame that never comes, so the connection itself was never released.

Here, per websocket:

- **Queue bound.** What waits in the socket's Engine.IO queue is counted, in packets and in
  bytes of the packets' text as held in memory (:class:`CountedQueue`). A packet for a socket
  whose queue already holds ``SOCKET_QUEUE_LIMIT`` packets or more than ``SOCKET_QUEUE_BYTES``
  closes that connection instead of being queued.
- **Send timeout.** A write that has made no progress for ``SOCKET_SEND_TIMEOUT`` seconds (the
  client's window and our kernel buffer are full) closes the connection.
- **Closed means closed.** A connection whose Engine.IO socket is closed (ping timeout, logout,
  the server's ``disconnect``) and whose TCP connection is still open ``CLOSE_GRACE`` seconds
  later is closed too.

Closing (:meth:`BoundedWebSocket.abort`) shuts the TCP socket down with ``SO_LINGER`` 0: the
client gets a reset, the kernel drops what it still held for it, and every greenlet waiting on
the socket wakes up. Engine.IO then ends the connection the normal way: its ``disconnect``
handler runs (presence entries are removed) and gunicorn releases the file descriptor. The
client reconnects and rejoins as after any network failure (static/js/live.js).

A watchdog (one background task per process, started with the first websocket) checks every
connection once per ``check_every`` seconds; the queue bound is also checked at every packet.

This relies on private parts of python-engineio, python-socketio and simple-websocket (the
socket's queue and flags, the websocket wrapper's ``ws``, ``Server._send_eio_packet``): the
versions are pinned in pyproject.toml and :func:`install` refuses to start with others.
"""

from __future__ import annotations

import logging
import socket
import struct
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from importlib import metadata

from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI
from engineio.socket import Socket as EngineIOSocket
from simple_websocket.ws import Base as SimpleWebSocket
from socketio import Server as SocketIOServer

logger = logging.getLogger(__name__)

#: The versions whose internals this module (and frames.py) was written against.
PINNED = {'python-engineio': '4.15.1', 'python-socketio': '5.18.1', 'simple-websocket': '1.1.0'}
#: Seconds a connection may stay open after its Engine.IO socket closed (time for the client's
#: close frame to arrive) before its TCP socket is shut down.
CLOSE_GRACE = 5.0
#: ``SO_LINGER`` on, 0 seconds: close() resets the connection and drops unsent data.
_LINGER_RESET = struct.pack('ii', 1, 0)


@dataclass(frozen=True)
class SocketLimits:
    """The bounds of one process (forum.config: ``SOCKET_*``)."""

    queue_packets: int
    queue_bytes: int
    send_timeout: float
    #: SO_SNDBUF of each websocket's TCP socket; 0 leaves the kernel's autotuning (up to
    #: net.ipv4.tcp_wmem's maximum, 4 MB here, for a client that stops reading).
    send_buffer: int = 0

    @property
    def check_every(self) -> float:
        """Seconds between the watchdog's rounds."""
        return min(1.0, self.send_timeout / 4)

    @classmethod
    def from_config(cls, config) -> SocketLimits:
        """The limits of an app's configuration; ValueError names a setting out of range."""
        limits = cls(
            queue_packets=int(config['SOCKET_QUEUE_LIMIT']),
            queue_bytes=int(config['SOCKET_QUEUE_BYTES']),
            send_timeout=float(config['SOCKET_SEND_TIMEOUT']),
            send_buffer=int(config['SOCKET_SEND_BUFFER']),
        )
        for name, value in (
            ('FORUM_SOCKET_QUEUE_LIMIT', limits.queue_packets),
            ('FORUM_SOCKET_QUEUE_BYTES', limits.queue_bytes),
            ('FORUM_SOCKET_SEND_TIMEOUT', limits.send_timeout),
        ):
            if not value > 0:
                raise ValueError(f'{name} must be a positive number, not {value!r}')
        if limits.send_buffer < 0:
            raise ValueError(
                f'FORUM_SOCKET_SEND_BUFFER must be 0 or more, not {limits.send_buffer}'
            )
        return limits


def packet_size(item) -> int:
    """Bytes one queued item holds: an Engine.IO packet's text or binary data."""
    data = getattr(item, 'data', None)
    if isinstance(data, str | bytes):
        return sys.getsizeof(data)
    return 0


class CountedQueue:
    """Mixin for the async driver's queue class: keeps the bytes of what it holds.

    ``_put`` and ``_get`` are the queue's documented extension points (the standard library's
    and gevent's queues both call them under their own locking).
    """

    #: Bytes of the packets in the queue (:func:`packet_size`).
    forum_bytes = 0

    def _put(self, item):
        super()._put(item)
        self.forum_bytes += packet_size(item)

    def _get(self):
        item = super()._get()
        self.forum_bytes -= packet_size(item)
        return item


class BoundedWebSocket:
    """Mixin for Engine.IO's simple-websocket wrapper: one connection that can be cut off."""

    #: Set on the class :func:`install` builds.
    limits: SocketLimits
    #: monotonic() when the write in progress started or last made progress; None when idle.
    write_since: float | None = None
    #: Why the connection is being closed by us, once it is.
    aborted: str | None = None
    #: monotonic() when the watchdog first saw the Engine.IO socket closed.
    _closed_seen: float | None = None

    def __init__(self, handler, server, **kwargs):
        super().__init__(handler, server, **kwargs)
        self.eio_server = server
        # ``handler`` is the Engine.IO socket's bound method.
        self.eio_socket = getattr(handler, '__self__', None)
        if self.eio_socket is not None:
            self.eio_socket.forum_websocket = weakref.ref(self)

    def __call__(self, environ, start_response):
        """Serve the connection, watched by this process's watchdog until it ends."""
        connections = _watch(self.eio_server, self.limits)
        if self.limits.send_buffer:
            sock = environ.get('gunicorn.socket') or environ.get('werkzeug.socket')
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.limits.send_buffer)
        connections.add(self)
        try:
            return super().__call__(environ, start_response)
        finally:
            connections.discard(self)

    def send(self, message):
        """Engine.IO's writer sends one packet; the watchdog sees how long it waits."""
        self.write_since = time.monotonic()
        try:
            return super().send(message)
        finally:
            self.write_since = None

    def overdue(self, now: float) -> str | None:
        """Why this connection must be closed now, or None."""
        since = self.write_since
        if since is not None and now - since > self.limits.send_timeout:
            return f'no progress writing for {now - since:.1f} s'
        eio = self.eio_socket
        if eio is None:
            return None
        if eio.closed:
            if self._closed_seen is None:
                self._closed_seen = now
            elif now - self._closed_seen > CLOSE_GRACE:
                return 'still open after its Engine.IO socket closed'
            return None
        return over_limit(eio.queue, self.limits)

    def abort(self, reason: str) -> None:
        """Reset the TCP connection; Engine.IO then closes the socket the normal way."""
        if self.aborted is not None:
            return
        self.aborted = reason
        sid = getattr(self.eio_socket, 'sid', None)
        logger.warning('Closing websocket %s: %s', sid, reason)
        ws = self.__dict__.get('ws')
        if ws is None:
            return
        ws.connected = False
        sock = ws.sock
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
            # Wakes whatever waits on the socket: simple-websocket's reader (which then closes
            # it, sending the reset) and a writer blocked on the full buffer.
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed
        ws.event.set()  # Engine.IO's reader waiting in receive() sees the connection gone


def over_limit(queue, limits: SocketLimits) -> str | None:
    """Why ``queue`` holds too much to take one more packet, or None."""
    size = queue.qsize()
    if size >= limits.queue_packets:
        return f'{size} packets waiting'
    held = getattr(queue, 'forum_bytes', 0)
    if held > limits.queue_bytes:
        return f'{held} bytes waiting'
    return None


class _BoundedSend:
    """Wraps ``Server._send_eio_packet``: a socket that holds too much is closed instead.

    :meth:`wrapper` is what replaces it: a closure (cheaper to call than this object, for it
    runs once per socket of every broadcast).
    """

    def __init__(self, sio_server, limits: SocketLimits):
        self.eio = sio_server.eio
        self.limits = limits
        self.send = sio_server._send_eio_packet

    def wrapper(self):
        """The replacement for ``Server._send_eio_packet``."""
        sockets, send, refuse = self.eio.sockets, self.send, self.refuse

        def bounded_send(eio_sid, pkt):
            sock = sockets.get(eio_sid)
            # The common case: nothing queued for the socket, no ping waiting for its answer.
            if sock is not None and (sock.last_ping or sock.queue.qsize()) and refuse(sock):
                return None
            return send(eio_sid, pkt)

        bounded_send.forum_bounded = self
        return bounded_send

    def refuse(self, sock) -> bool:
        """Whether ``sock`` must not get another packet (and is being closed)."""
        if _ping_timed_out(sock):
            # Engine.IO would close the socket right here, inside the emit, and run the
            # disconnect handler in the sender's request and database session (a comment's
            # commit, for a broadcast). It is gone either way: close it in a task of its own.
            if not getattr(sock, 'forum_ping_closing', False):
                sock.forum_ping_closing = True
                self.eio.start_background_task(_close_timed_out, sock)
            return True
        ref = getattr(sock, 'forum_websocket', None)
        wrapper = ref() if ref is not None else None
        if wrapper is not None and wrapper.aborted is not None:
            return True  # being closed: nothing more for it
        reason = over_limit(sock.queue, self.limits)
        if reason is None:
            return False
        if wrapper is not None:
            wrapper.abort(reason)
        else:  # long-polling: no connection to reset, the client polls no more
            logger.warning('Closing socket %s: %s', sock.sid, reason)
            sock.close(wait=False, abort=True)
        return True


def _ping_timed_out(sock) -> bool:
    """Engine.IO's own test (Socket.check_ping_timeout) without its side effect."""
    last_ping = sock.last_ping
    return bool(last_ping) and time.time() - last_ping > sock.server.ping_timeout


def _close_timed_out(sock) -> None:
    if not sock.closing and not sock.closed:
        sock.check_ping_timeout()


def _watch(eio_server, limits: SocketLimits) -> set:
    """The live websockets of ``eio_server``, watched by its watchdog (started on first use)."""
    connections = getattr(eio_server, 'forum_websockets', None)
    if connections is None:
        with _start_lock:
            connections = getattr(eio_server, 'forum_websockets', None)
            if connections is None:
                connections = eio_server.forum_websockets = set()
                eio_server.start_background_task(_watchdog, eio_server, connections, limits)
    return connections


_start_lock = threading.Lock()


def _watchdog(eio_server, connections: set, limits: SocketLimits) -> None:
    while True:
        eio_server.sleep(limits.check_every)
        now = time.monotonic()
        for ws in list(connections):
            try:
                reason = ws.overdue(now)
                if reason is not None:
                    ws.abort(reason)
            except Exception:  # one odd connection must not stop the watch of all others
                logger.exception('Socket watchdog failed on one connection')


def check_versions() -> None:
    """Refuse to start on library versions whose internals were not checked (RuntimeError)."""
    found = {name: metadata.version(name) for name in PINNED}
    moved = {name: version for name, version in found.items() if version != PINNED[name]}
    missing = [
        f'{cls.__module__}.{cls.__name__}.{name}'
        for cls, names in (
            (EngineIOSocket, ('_websocket_handler', 'check_ping_timeout', 'close')),
            (SocketIOServer, ('_send_eio_packet',)),
            (SimpleWebSocket, ('close', 'send', 'receive')),
            (SimpleWebSocketWSGI, ('send', 'close', 'wait')),
        )
        for name in names
        if not hasattr(cls, name)
    ]
    if moved or missing:
        raise RuntimeError(
            'forum.realtime.limits and frames rely on internals of '
            + ', '.join(f'{n}=={v}' for n, v in PINNED.items())
            + f'; installed: {found}; missing: {missing or "none"}. Check the new versions '
            'against forum/realtime/limits.py and frames.py, then update PINNED and pyproject.toml.'
        )


def install(sio_server, limits: SocketLimits) -> None:
    """Bound every socket of Socket.IO server ``sio_server``; call it after frames.install."""
    check_versions()
    eio = sio_server.eio
    table = dict(eio._async)
    queue_class = table['queue']
    if not issubclass(queue_class, CountedQueue):
        table['queue'] = type(queue_class.__name__, (CountedQueue, queue_class), {})
    websocket_class = table.get('websocket')
    if isinstance(websocket_class, type) and issubclass(websocket_class, SimpleWebSocketWSGI):
        if issubclass(websocket_class, BoundedWebSocket):
            websocket_class = websocket_class.__bases__[1]  # installed again: new limits
        table['websocket'] = type(
            websocket_class.__name__,
            (BoundedWebSocket, websocket_class),
            {'limits': limits},
        )
    else:
        raise RuntimeError(
            f'Engine.IO async mode {eio.async_mode!r} has no simple-websocket driver '
            f'({websocket_class!r}): socket limits cannot be enforced'
        )
    # A copy of the driver's table: the module-level one stays untouched.
    eio._async = table
    if not hasattr(sio_server._send_eio_packet, 'forum_bounded'):
        sio_server._send_eio_packet = _BoundedSend(sio_server, limits).wrapper()
