"""Micro-benchmark: writing one frame to 1,000 sockets, directly or through a queue each.

What ``forum/realtime/frames.py`` saves. 1,000 loopback TCP connections, read by two child
processes that only drain them; the gevent side writes the same 788-byte frame to every
connection either straight from one loop (as a direct broadcast does) or by putting it in each
connection's gevent queue, from which one writer greenlet per connection sends it (as Engine.IO
does). Prints microseconds per socket for each way, several times.

    .venv/bin/python tests/bench/micro/send_paths.py [--sockets 1000] [--repeat 5]
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
from gevent.queue import Empty, JoinableQueue  # noqa: E402

FRAME = bytes((0x81, 126)) + (784).to_bytes(2, 'big') + b'x' * 784
READER = """
import selectors, socket, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
sel = selectors.DefaultSelector()
for _ in range(count):
    s = socket.create_connection(('127.0.0.1', port))
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
print('ready', flush=True)
while True:
    for key, _ in sel.select():
        try:
            if not key.fileobj.recv(65536):
                sys.exit(0)
        except BlockingIOError:
            pass
"""


def main() -> int:
    """Run both ways ``--repeat`` times and print µs per socket."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--sockets', type=int, default=1000)
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(args.sockets)
    port = listener.getsockname()[1]
    readers = [
        subprocess.Popen(
            [sys.executable, '-c', READER, str(port), str(args.sockets // 2)],
            stdout=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    try:
        conns = [listener.accept()[0] for _ in range(2 * (args.sockets // 2))]
        for reader in readers:
            reader.stdout.readline()
        queues = [JoinableQueue() for _ in conns]
        written = [0]

        def writer(queue, conn):
            while True:
                packets = [queue.get(timeout=45)]
                queue.task_done()
                while True:
                    try:
                        packets.append(queue.get(block=False))
                        queue.task_done()
                    except Empty:
                        break
                for packet in packets:
                    conn.send(packet)
                written[0] += 1

        writers = [gevent.spawn(writer, q, c) for q, c in zip(queues, conns, strict=True)]
        gevent.sleep(0.1)
        for _ in range(args.repeat):
            gevent.sleep(0.1)
            started = time.perf_counter()
            for conn in conns:
                conn.send(FRAME)
            direct = (time.perf_counter() - started) / len(conns) * 1e6
            gevent.sleep(0.1)
            target = written[0] + len(conns)
            started = time.perf_counter()
            for queue in queues:
                queue.put(FRAME)
            while written[0] < target:
                gevent.sleep(0)
            queued = (time.perf_counter() - started) / len(conns) * 1e6
            print(
                f'direct {direct:5.1f} µs/socket   queue + writer greenlet {queued:5.1f} µs/socket'
            )
        gevent.killall(writers)
    finally:
        for reader in readers:
            reader.kill()
            reader.wait()
    return 0


if __name__ == '__main__':
    sys.exit(main())
