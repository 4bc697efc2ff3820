"""What a real gevent server writes on the wire: no compression, every frame whole and in order.

The watcher here is a raw websocket client with a tiny receive buffer that stops reading while
comments are posted, so that the server's direct writes (forum/realtime/frames.py) meet full
socket buffers: frames written in part, and frames that must wait in Engine.IO's queue.
"""

from __future__ import annotations

import json
import socket
import uuid
from urllib.parse import urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Request, TextMessage
from wsproto.extensions import PerMessageDeflate

from forum.comments.window import THREADS

COMMITMENT = 1
CHAIR = 'chair@example.org'
THAI = 'ความโปร่งใสของงบประมาณท้องถิ่น '


class RawWatcher:
    """An anonymous Engine.IO v4 websocket client that reads only when asked to."""

    def __init__(self, url: str, *, receive_buffer: int = 4096):
        parts = urlsplit(url)
        self.sock = socket.socket()
        # Set before connecting, so that the server sees a small window from the start.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.settimeout(10)
        self.sock.connect((parts.hostname, parts.port))
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.accepted: AcceptConnection | None = None
        #: Complete packets received and not yet consumed, in order.
        self._inbox: list[str] = []
        #: Every packet received, as it came.
        self.raw: list[str] = []
        self._partial = ''
        self.sock.sendall(
            self.ws.send(
                Request(
                    host=parts.netloc,
                    target='/socket.io/?EIO=4&transport=websocket',
                    # As browsers do: offer compression; the server must decline it.
                    extensions=[PerMessageDeflate()],
                )
            )
        )
        open_packet = self.next_packet()
        assert open_packet.startswith('0{'), open_packet

    def send(self, text: str) -> None:
        self.sock.sendall(self.ws.send(TextMessage(data=text)))

    def _read(self) -> None:
        """Read from the socket until at least one more packet is complete."""
        before = len(self._inbox)
        while len(self._inbox) == before:
            data = self.sock.recv(65536)
            assert data, 'the server closed the connection'
            self.ws.receive_data(data)
            for event in self.ws.events():
                if isinstance(event, AcceptConnection):
                    self.accepted = event
                elif isinstance(event, TextMessage):
                    self._partial += event.data
                    if not event.message_finished:
                        continue
                    if self._partial == '2':  # the server's ping
                        self.send('3')
                    else:
                        self._inbox.append(self._partial)
                        self.raw.append(self._partial)
                    self._partial = ''

    def next_packet(self) -> str:
        """The next Engine.IO packet."""
        if not self._inbox:
            self._read()
        return self._inbox.pop(0)

    def event(self) -> tuple[str, object]:
        """The next Socket.IO event of the default namespace: (name, payload)."""
        while True:
            packet = self.next_packet()
            if packet.startswith('42'):
                name, payload = json.loads(packet[2:])
                return name, payload

    def call(self, name: str, payload: dict, ack_id: int) -> object:
        """Send an event with an ack id; return the acknowledgement (other packets stay)."""
        self.send(f'42{ack_id}' + json.dumps([name, payload]))
        prefix = f'43{ack_id}'
        seen = 0
        while True:
            for index in range(seen, len(self._inbox)):
                if self._inbox[index].startswith(prefix):
                    return json.loads(self._inbox.pop(index)[len(prefix) :])[0]
            seen = len(self._inbox)
            self._read()

    def close(self) -> None:
        self.sock.close()


def test_compression_is_declined_and_every_frame_arrives_whole_and_in_order(web, live, server_a):
    watcher = RawWatcher(server_a.url)
    try:
        assert watcher.accepted is not None
        assert watcher.accepted.extensions == []
        watcher.send('40')
        assert watcher.next_packet().startswith('40{')
        joined = watcher.call('join', {'commitment_id': COMMITMENT}, ack_id=1)
        assert joined['ok'] is True, joined

        poster = live(web(server_a).login(CHAIR), 'chair@A')
        assert poster.call('join', {'commitment_id': COMMITMENT})['ok'] is True
        # Long Thai comments (frames of tens of kilobytes) and short ones, while the watcher
        # reads nothing: its buffers fill after the first few.
        bodies = [
            (THAI * 160)[:5000] + f' {n}' if n % 3 == 0 else f'ความเห็นสั้น {n} **{n}**'
            for n in range(30)
        ]
        posted = []
        for body in bodies:
            ack = poster.call(
                'post_comment',
                {'commitment_id': COMMITMENT, 'body': body, 'client_id': str(uuid.uuid4())},
            )
            assert ack['ok'] is True, ack
            posted.append(ack['comment'])

        received = []
        while len(received) < len(posted):
            name, payload = watcher.event()
            if name == 'comment_added':
                received.append(payload['comment'])
        assert [c['id'] for c in received] == [c['id'] for c in posted]
        assert received == posted
        for n, comment in enumerate(received):
            assert str(n) in comment['body_html']
        assert (THAI * 160)[:5000] in received[0]['body_html']
        # Thai travels as UTF-8 (3 bytes a letter), not as \u escapes (6).
        assert any(THAI in packet for packet in watcher.raw)

        # Everything again in one acknowledgement: a frame longer than 65,535 bytes.
        rejoined = watcher.call('join', {'commitment_id': COMMITMENT, 'since_id': 0}, ack_id=2)
        assert rejoined['ok'] is True
        assert len(json.dumps(rejoined)) > 65535
        # Every change since the start, or, when the server's discussion holds more changes than
        # a join replays (other tests' comments), the window of the latest THREADS threads.
        posted_ids = [c['id'] for c in posted]
        expected = posted_ids[-THREADS:] if rejoined.get('reset') else posted_ids
        assert [c['id'] for c in rejoined['comments']][-len(expected) :] == expected
    finally:
        watcher.close()
    assert 'Traceback' not in server_a.log_text()
