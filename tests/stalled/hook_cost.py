"""What the queue bound costs a broadcast: ``python -m tests.stalled.hook_cost gevent|threading``.

Calls forum.realtime.limits' replacement of ``Server._send_eio_packet`` once per socket for
1,000 Engine.IO sockets with empty queues (a broadcast's common case), the send it wraps
replaced by a no-op, and prints the best of 10 rounds beside the no-op alone.
"""

import sys
import time

from engineio import packet
from engineio.socket import Socket

from forum import create_app
from forum.extensions import socketio
from forum.realtime import limits

mode = sys.argv[1] if len(sys.argv) > 1 else 'gevent'
app = create_app(
    {'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'TESTING': True, 'SOCKETIO_ASYNC_MODE': mode}
)
srv = socketio.server
eio = srv.eio
sids = []
for i in range(1000):
    s = Socket(eio, f's{i}')
    s.upgraded = True
    s.last_ping = None
    eio.sockets[s.sid] = s
    sids.append(s.sid)


def noop(sid, pkt):
    return None


srv._send_eio_packet = noop
limits.install(srv, limits.SocketLimits(256, 1 << 22, 30))
hook = srv._send_eio_packet
assert hook.forum_bounded.send is noop
pkt = packet.Packet(packet.MESSAGE, data='2["x",{}]')
best = {}
for name, fn in [('without the hook', noop), ('with the hook', hook)] * 10:
    t = time.perf_counter()
    for _ in range(100):
        for sid in sids:
            fn(sid, pkt)
    dt = (time.perf_counter() - t) / 100_000 * 1e6
    best[name] = min(best.get(name, 1e9), dt)
for name, dt in best.items():
    print(f'{mode}: {name}: {dt:.2f} us per socket per broadcast (best of 10 rounds of 100 x 1000)')
