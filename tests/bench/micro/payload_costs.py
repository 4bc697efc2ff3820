r"""Micro-benchmark: what one message costs to build on the server and to read on a client.

- building a text frame: wsproto (as simple-websocket does) against ``forum.realtime.frames``;
- a client reading one ``comment_added`` packet (Engine.IO + Socket.IO decoding and the JSON):
  our comment, as the demo chair's benchmark comment is serialised, with the standard JSON
  module (Thai as ``\u`` escapes) and with ``forum.realtime.utf8_json``, against the Node
  reference server's 144-byte echo.

    .venv/bin/python tests/bench/micro/payload_costs.py
"""

import json
import sys
import timeit
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import engineio  # noqa: E402
import socketio  # noqa: E402
from wsproto import ConnectionType, WSConnection  # noqa: E402
from wsproto.events import AcceptConnection, Request, TextMessage  # noqa: E402

from forum import create_app  # noqa: E402
from forum.realtime import utf8_json  # noqa: E402
from forum.realtime.frames import text_frame  # noqa: E402

NUMBER = 20000


def our_comment() -> dict:
    """The demo chair's benchmark comment on commitment 1, as ``comment_added`` carries it."""
    from forum.auth.models import User
    from forum.comments.serialize import comment_json
    from forum.comments.services import post_comment
    from forum.commitments.models import Commitment
    from forum.demo.loader import load_demo
    from forum.extensions import db

    app = create_app({'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'COMMENT_RATE_LIMIT': 1000})
    with app.app_context():
        db.create_all()
        load_demo()
        chair = db.session.scalar(db.select(User).filter_by(email='chair@example.org'))
        comment, _new = post_comment(
            db.session.get(Commitment, 1),
            actor=chair,
            body='bench-seq 12 sent-at 2558.734011',
            client_id=str(uuid.uuid4()),
        )
        return {'comment': comment_json(comment)}


def per_call(fn) -> float:
    """Microseconds per call, best of five."""
    return min(timeit.repeat(fn, number=NUMBER, repeat=5)) / NUMBER * 1e6


def main() -> int:
    """Print the costs."""
    server = WSConnection(ConnectionType.SERVER)
    server.receive_data(
        WSConnection(ConnectionType.CLIENT).send(Request(host='forum.test', target='/'))
    )
    next(server.events())
    server.send(AcceptConnection())
    ours = our_comment()
    node = {
        'comment': {
            'commitment_id': 1,
            'body': 'bench-seq 12 sent-at 2558.734011',
            'client_id': str(uuid.uuid4()),
        }
    }
    for name, payload, module in (
        ('ours, standard JSON', ours, json),
        ('ours, utf8_json', ours, utf8_json),
        ('Node echo', node, json),
    ):
        packet = socketio.packet.Packet(socketio.packet.EVENT, data=['comment_added', payload])
        packet.json = module
        text = '4' + packet.encode()

        def read(text=text):
            socketio.packet.Packet(encoded_packet=engineio.packet.Packet(encoded_packet=text).data)

        print(
            f'{name:20} {len(text.encode()):5d} bytes; client reads it in {per_call(read):5.1f} µs'
        )
        if module is utf8_json:
            wsproto_us = per_call(lambda text=text: server.send(TextMessage(data=text)))
            direct_us = per_call(lambda text=text: text_frame(text))
            print(f'  frame: wsproto {wsproto_us:.1f} µs, text_frame {direct_us:.1f} µs')
    return 0


if __name__ == '__main__':
    sys.exit(main())
