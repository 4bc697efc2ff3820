"""Text frames written directly (forum.realtime.frames), read back by a websocket client."""

import socket
import threading

import engineio.async_drivers.threading as threading_driver
import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    Message,
    Request,
    TextMessage,
)

from forum import create_app
from forum.extensions import socketio
from forum.realtime.frames import DirectTextFrames, text_frame

THAI = 'ข้อเสนอ: เปิดเผยข้อมูลงบประมาณ '


def _server_frame(text: str) -> bytes:
    """What wsproto, the library simple-websocket sends with, makes of ``text``."""
    server = WSConnection(ConnectionType.SERVER)
    client = WSConnection(ConnectionType.CLIENT)
    server.receive_data(client.send(Request(host='forum.test', target='/socket.io/')))
    next(server.events())
    server.send(AcceptConnection())
    return server.send(TextMessage(data=text))


@pytest.mark.parametrize('size', [0, 1, 125, 126, 127, 65535, 65536, 70000])
def test_a_text_frame_is_what_wsproto_would_send(size):
    text = 'a' * size
    assert text_frame(text) == _server_frame(text)


def test_the_length_of_thai_text_counts_bytes_not_characters():
    text = 'ประชาชน' * 40  # 280 Thai characters, 3 bytes each in UTF-8
    frame = text_frame(text)
    assert frame[1] == 126
    assert int.from_bytes(frame[2:4], 'big') == len(text.encode()) == 840
    assert frame == _server_frame(text)


def test_installed_on_the_apps_server_without_touching_the_driver(app):
    websocket_class = socketio.server.eio._async['websocket']
    assert issubclass(websocket_class, DirectTextFrames)
    assert issubclass(websocket_class, threading_driver._async['websocket'])
    assert not issubclass(threading_driver._async['websocket'], DirectTextFrames)
    # Writing from the broadcast needs greenlets; with threads every packet takes the queue.
    assert not hasattr(socketio.server, 'forum_queued_send')


def test_thai_goes_on_the_wire_as_utf8_not_escapes(app):
    packet = socketio.server.packet_class(2, data=['comment_added', {'name': 'ประเสริฐ'}])
    assert packet.encode() == '2["comment_added",{"name":"ประเสริฐ"}]'


def test_not_installed_when_compression_is_allowed(database_url):
    create_app({'SQLALCHEMY_DATABASE_URI': database_url, 'WEBSOCKET_COMPRESSION': True})
    assert not issubclass(socketio.server.eio._async['websocket'], DirectTextFrames)


class _Peer:
    """The browser's end of a websocket: a real socket, frames read by wsproto."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.events = []

    def read_until(self, count: int) -> list:
        """Read until ``count`` events arrived (the acceptance, then whole messages)."""
        self.sock.settimeout(5)
        partial = None
        while len(self.events) < count:
            data = self.sock.recv(65536)
            assert data, f'connection closed after {self.events}'
            self.ws.receive_data(data)
            for event in self.ws.events():
                if not isinstance(event, Message):
                    self.events.append(event)
                    continue
                # wsproto hands a long message over in pieces: join them.
                partial = event if partial is None else type(event)(data=partial.data + event.data)
                if event.message_finished:
                    self.events.append(partial)
                    partial = None
        return self.events


def _handshake_environ(peer: _Peer, server_sock) -> dict:
    """The WSGI environ of ``peer``'s websocket handshake, served on ``server_sock``."""
    handshake = peer.ws.send(Request(host='forum.test', target='/socket.io/'))
    head = handshake.decode().split('\r\n')
    headers = dict(line.split(': ', 1) for line in head[1:] if ': ' in line)
    return {
        'werkzeug.socket': server_sock,
        'REQUEST_METHOD': 'GET',
        'PATH_INFO': '/socket.io/',
        'HTTP_HOST': 'forum.test',
        'HTTP_CONNECTION': 'Upgrade',
        'HTTP_UPGRADE': 'websocket',
        'HTTP_SEC_WEBSOCKET_VERSION': '13',
        'HTTP_SEC_WEBSOCKET_KEY': headers['Sec-WebSocket-Key'],
    }


def _run_wrapper(wrapper, environ) -> None:
    # In Werkzeug mode the wrapper ends by raising ConnectionError, as Engine.IO expects.
    try:
        wrapper(environ, lambda *a: None)
    except ConnectionError:
        pass


def _serve_one(handler) -> _Peer:
    """Run the app's websocket class over a socket pair; ``handler(ws)`` sends through it."""
    server_sock, client_sock = socket.socketpair()
    peer = _Peer(client_sock)
    environ = _handshake_environ(peer, server_sock)
    wrapper = socketio.server.eio._async['websocket'](handler, socketio.server.eio)
    thread = threading.Thread(target=_run_wrapper, args=(wrapper, environ), daemon=True)
    thread.start()
    peer.thread = thread
    return peer


def _messages(events) -> list:
    return [e for e in events if isinstance(e, Message)]


def test_text_of_every_length_and_bytes_reach_a_websocket_client(app):
    texts = [THAI, 'x' * 200, THAI * 2500, '42["comment_added",{}]']

    def handler(ws):
        for text in texts:
            ws.send(text)
        ws.send(b'\x00\x01binary')
        ws.close()

    peer = _serve_one(handler)
    events = peer.read_until(1 + len(texts) + 1)
    assert isinstance(events[0], AcceptConnection)
    received = _messages(events)
    assert [m.data for m in received[:-1]] == texts
    assert all(isinstance(m, TextMessage) for m in received[:-1])
    assert isinstance(received[-1], BytesMessage)
    assert received[-1].data == b'\x00\x01binary'
    peer.thread.join(5)
    peer.sock.close()


def test_sending_on_a_closed_connection_raises_oserror(app):
    outcome = {}

    def handler(ws):
        ws.ws.sock.shutdown(socket.SHUT_RDWR)
        try:
            for _ in range(3):
                ws.send('after the end')
        except OSError as exc:
            outcome['error'] = exc

    peer = _serve_one(handler)
    peer.thread.join(5)
    assert isinstance(outcome.get('error'), OSError)
    peer.sock.close()


def test_a_frame_the_socket_cannot_take_whole_is_finished_before_the_next(app):
    """Under gevent, as in production: the broadcast's write meets a full socket buffer."""
    import gevent
    import gevent.socket
    from engineio.async_drivers import gevent as gevent_driver

    websocket_class = type('Direct', (DirectTextFrames, gevent_driver.WebSocketWSGI), {})
    listener = gevent.socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(1)
    client = gevent.socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(listener.getsockname())
    server_sock, _ = listener.accept()
    server_sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    peer = _Peer(client)
    messages = [f'{n}:' + 'ก' * 5000 for n in range(40)]  # 15 kB frames
    outcome = {'direct': 0, 'partial': False}

    def handler(ws):
        pending = list(messages)
        # The broadcast's way: write at once while the socket takes it, never waiting.
        while pending and ws.send_now(text_frame(pending[0])):
            pending.pop(0)
            outcome['direct'] += 1
            outcome['partial'] = outcome['partial'] or ws._finishing is not None
        # Refused: the rest goes the queue's way, after the unfinished frame.
        for text in pending:
            ws.send(text)
        ws.close()

    environ = _handshake_environ(peer, server_sock)
    greenlet = gevent.spawn(_run_wrapper, websocket_class(handler, socketio.server.eio), environ)
    gevent.sleep(0.2)  # the handler fills the buffers while nobody reads
    events = peer.read_until(1 + len(messages))
    greenlet.join(5)
    assert 0 < outcome['direct'] < len(messages)
    assert outcome['partial'] is True
    assert [m.data for m in _messages(events)] == messages
    client.close()
    listener.close()


def test_a_queued_packet_waiting_for_an_unfinished_frame_is_not_overtaken(app):
    """Engine.IO's writer holds packets it took from the queue while the last direct frame ends.

    Meanwhile the queue looks empty: a broadcast written directly in that moment would reach the
    client before them. It must go behind them instead.
    """
    import gevent
    import gevent.socket
    from engineio.async_drivers import gevent as gevent_driver

    websocket_class = type('Direct', (DirectTextFrames, gevent_driver.WebSocketWSGI), {})
    listener = gevent.socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(1)
    client = gevent.socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(listener.getsockname())
    server_sock, _ = listener.accept()
    server_sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    peer = _Peer(client)
    big = ['A' * 60000]  # more than both buffers: the direct write is left unfinished
    sent = []
    outcome = {}

    def overtake(_finished):
        # Called first when the unfinished frame is done, before the writer goes on.
        outcome['direct'] = ws_box[0].send_now(text_frame('C: the newer broadcast'))
        if outcome['direct']:
            sent.append('C: the newer broadcast')

    ws_box = []

    def handler(ws):
        ws_box.append(ws)
        assert ws.send_now(text_frame(big[0]))
        sent.append(big[0])
        assert ws._finishing is not None
        ws._finishing.rawlink(overtake)
        ws.send('B: the queued packet')  # the writer: waits for the frame, then writes
        sent.append('B: the queued packet')
        if not outcome['direct']:
            ws.send('C: the newer broadcast')  # refused above: it goes the queue's way
            sent.append('C: the newer broadcast')
        ws.close()

    environ = _handshake_environ(peer, server_sock)
    greenlet = gevent.spawn(_run_wrapper, websocket_class(handler, socketio.server.eio), environ)
    gevent.sleep(0.2)
    events = peer.read_until(1 + 3)
    greenlet.join(5)
    assert [m.data for m in _messages(events)] == [
        big[0],
        'B: the queued packet',
        'C: the newer broadcast',
    ]
    assert outcome['direct'] is False
    client.close()
    listener.close()
