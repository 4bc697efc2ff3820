"""A viewer that keeps dropping and rejoining, as a phone on a bad network does.

:class:`ChurnViewer` is what static/js/live.js and comments.js do, in Python: it holds every
comment by id in its newest state (by ``seq``), keeps a contiguous watermark (every change up to
it has been seen), and rejoins with ``since_seq`` = the watermark. It records what it received
on every connection so that a test can count missing and duplicated comments and events.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import socketio


@dataclass
class Connection:
    """What one connection (one join) brought."""

    ack_seq: int
    reset: bool
    #: ``(id, seq)`` of the ack's comments, and of every comment event, in arrival order.
    acked: list[tuple[int, int]] = field(default_factory=list)
    events: list[tuple[int, int]] = field(default_factory=list)


class ChurnViewer:
    """An anonymous viewer on one server that rejoins every 50–300 ms until told to stop."""

    def __init__(self, name: str, url: str, commitment_id: int, start_seq: int, *, cursor='seq'):
        self.name = name
        self.url = url
        self.commitment_id = commitment_id
        self.cursor = cursor  # 'seq', or 'id': the old client (since_id = highest id seen)
        self.watermark = start_seq
        self.above: set[int] = set()
        #: id -> (seq, comment): the newest state of every comment this viewer holds.
        self.comments: dict[int, tuple[int, dict]] = {}
        self.connections: list[Connection] = []
        self.errors: list[str] = []
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    # The client logic (live.js + comments.js).
    def _saw(self, seq: int) -> None:
        if seq > self.watermark:
            self.above.add(seq)
        while self.watermark + 1 in self.above:
            self.above.discard(self.watermark + 1)
            self.watermark += 1

    def _upsert(self, comment: dict) -> None:
        held = self.comments.get(comment['id'])
        if held is None or comment['seq'] > held[0]:
            self.comments[comment['id']] = (comment['seq'], comment)
        self._saw(comment['seq'])

    def _on_event(self, connection: Connection, comment: dict) -> None:
        with self._lock:
            connection.events.append((comment['id'], comment['seq']))
            self._upsert(comment)

    def _payload(self) -> dict:
        payload = {'commitment_id': self.commitment_id}
        if self.cursor == 'seq':
            payload['since_seq'] = self.watermark
        else:
            payload['since_id'] = max(self.comments, default=0)
        return payload

    def _join_once(self, stay: float) -> None:
        sio = socketio.Client(reconnection=False)
        pending: list[dict] = []  # events that arrive before the ack is handled
        current: list[Connection] = []

        def on_comment(data):
            with self._lock:
                if current:
                    self._on_event(current[0], data['comment'])
                else:
                    pending.append(data['comment'])

        for name in ('comment_added', 'comment_updated', 'comment_deleted', 'comment_hidden'):
            sio.on(name, on_comment)
        try:
            sio.connect(self.url, wait_timeout=10, transports=['websocket'])
            ack = sio.call('join', self._payload(), timeout=10)
            if not ack.get('ok'):
                self.errors.append(f'join refused: {ack}')
                return
            with self._lock:
                connection = Connection(ack_seq=ack['seq'], reset=bool(ack.get('reset')))
                self.connections.append(connection)
                for comment in ack['comments']:
                    connection.acked.append((comment['id'], comment['seq']))
                    self._upsert(comment)
                if connection.reset or ack['seq'] > self.watermark:
                    self.above = {s for s in self.above if s > ack['seq']}
                    self.watermark = ack['seq']
                    self._saw(ack['seq'])
                current.append(connection)
                for comment in pending:
                    self._on_event(connection, comment)
            time.sleep(stay)
        except Exception as exc:  # noqa: BLE001 - counted: a test fails on any
            self.errors.append(f'{type(exc).__name__}: {exc}')
        finally:
            sio.disconnect()

    def _run(self) -> None:
        rnd = random.Random(self.name)
        while not self._stop.is_set():
            self._join_once(rnd.uniform(0.05, 0.3))
        self._join_once(1.0)  # the last join, after the posts ended: must leave it complete

    def start(self) -> ChurnViewer:
        """Start rejoining in a thread."""
        self._thread.start()
        return self

    def finish(self, timeout: float = 30) -> None:
        """Stop after one last join (held a second) and wait for it."""
        self._stop.set()
        self._thread.join(timeout)

    def duplicated_events(self) -> int:
        """Events one connection received twice (same comment, same seq)."""
        return sum(n - 1 for c in self.connections for n in Counter(c.events).values() if n > 1)

    def stream_gaps(self) -> int:
        """Changes a connection skipped: numbered between its ack and the last event it got.

        Not all are losses: a change broadcast by the other process may still be on its way when
        the connection closes. The next join fetches them all (``since_seq``).
        """
        gaps = 0
        for c in self.connections:
            got = {seq for _id, seq in c.acked + c.events}
            top = max((seq for _id, seq in c.events), default=c.ack_seq)
            gaps += sum(1 for seq in range(c.ack_seq + 1, top) if seq not in got)
        return gaps

    def overlaps(self) -> int:
        """Changes a connection got both in its ack and as an event (dropped by id, as designed)."""
        return sum(len(set(c.acked) & set(c.events)) for c in self.connections)
