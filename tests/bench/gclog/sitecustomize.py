"""Log every garbage collection of 1 ms or more (``bench_fanout.py --gc-log``).

Python imports ``sitecustomize`` at start-up from its path: the benchmark puts this folder on
``PYTHONPATH`` of the servers and clients it starts and names the log file in
``FORUM_BENCH_GC_LOG``. One line per collection: start (``time.monotonic()``, the benchmark's
clock), process id, generation, duration in ms.
"""

import gc
import os
import time

_LOG = os.environ.get('FORUM_BENCH_GC_LOG')

if _LOG:
    _started = [0.0]

    def _timed(phase, info):
        if phase == 'start':
            _started[0] = time.monotonic()
            return
        took = (time.monotonic() - _started[0]) * 1000
        if took >= 1:
            with open(_LOG, 'a', encoding='ascii') as log:
                log.write(f'{_started[0]:.4f} {os.getpid()} {info["generation"]} {took:.1f}\n')

    gc.callbacks.append(_timed)
