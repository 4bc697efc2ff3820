"""Viewers dropping and rejoining every 50–300 ms while people post on both processes.

The join race and the resync cursor (issue 11): every viewer must end with every comment in its
newest state, its watermark at the commitment's counter, and no event twice on one connection.
Bounded: about 20 s of posting, six viewers, loopback only.
"""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

from tests.multiprocess.churn import ChurnViewer

COMMITMENT = 1
POSTERS = (('chair@example.org', 0), ('cochair@example.org', 1))  # (who, on server A or B)
#: Seconds of posting; the viewers go on until then, and join once more after.
POSTING = float(os.environ.get('FORUM_CHURN_SECONDS', '20'))
#: 'id' measures the old client (since_id = the highest id seen) for comparison.
CURSOR = os.environ.get('FORUM_CHURN_CURSOR', 'seq')


def _poster(client, name: str, stop: threading.Event, posted: dict, errors: list) -> None:
    """Post every 20–80 ms; now and then reply, edit or delete one of one's own comments."""
    rnd = random.Random(name)
    mine: list[int] = []
    last_edit = 0.0
    while not stop.is_set():
        payload = {'commitment_id': COMMITMENT, 'body': f'{name} {uuid.uuid4()}',
                   'client_id': str(uuid.uuid4())}  # fmt: skip
        if mine and rnd.random() < 0.2:
            payload['parent_id'] = rnd.choice(mine)
        ack = client.call('post_comment', payload)
        if not ack.get('ok'):
            errors.append(f'{name} post: {ack}')
            return
        posted[ack['comment']['id']] = payload['client_id']
        mine.append(ack['comment']['id'])
        if len(mine) > 5 and time.monotonic() - last_edit > 2:  # edits: 20 a minute at most
            last_edit = time.monotonic()
            ack = client.call('edit_comment', {'comment_id': mine[-3], 'body': f'แก้ {name}'})
            if not ack.get('ok') and 'Too many' not in ack.get('error', ''):
                errors.append(f'{name} edit: {ack}')
        if len(mine) > 5 and rnd.random() < 0.05:
            ack = client.call('delete_comment', {'comment_id': mine.pop(-4)})
            if not ack.get('ok'):
                errors.append(f'{name} delete: {ack}')
        time.sleep(rnd.uniform(0.02, 0.08))


def test_rejoining_viewers_miss_nothing_and_get_nothing_twice(web, live, servers, db_query, capsys):
    start_seq = db_query('SELECT comment_seq FROM commitments WHERE id = %s', (COMMITMENT,))[0][0]
    viewers = [
        ChurnViewer(f'viewer{n}@{servers[n % 2].name}', servers[n % 2].url, COMMITMENT,
                    start_seq, cursor=CURSOR)
        for n in range(6)
    ]  # fmt: skip
    posters = []
    for email, where in POSTERS:
        client = live(web(servers[where]).login(email), f'{email}@{servers[where].name}')
        assert client.call('join', {'commitment_id': COMMITMENT})['ok']
        posters.append((client, email))

    stop = threading.Event()
    posted: dict[int, str] = {}
    errors: list[str] = []
    threads = [
        threading.Thread(target=_poster, args=(client, email, stop, posted, errors))
        for client, email in posters
    ]
    for viewer in viewers:
        viewer.start()
    for thread in threads:
        thread.start()
    time.sleep(POSTING)
    stop.set()
    for thread in threads:
        thread.join(15)
    time.sleep(1.0)  # the last broadcasts land
    for viewer in viewers:
        viewer.finish()
    assert errors == []

    final_seq = db_query('SELECT comment_seq FROM commitments WHERE id = %s', (COMMITMENT,))[0][0]
    truth = dict(db_query(
        'SELECT id, seq FROM comments WHERE commitment_id = %s AND seq > %s',
        (COMMITMENT, start_seq),
    ))  # fmt: skip
    stored = db_query(
        'SELECT client_id, count(*) FROM comments WHERE client_id = ANY(%s) GROUP BY client_id',
        (list(posted.values()),),
    )
    assert len(stored) == len(posted)
    assert all(n == 1 for _cid, n in stored)
    assert set(posted) <= set(truth)

    report = []
    for viewer in viewers:
        missing = sorted(set(truth) - set(viewer.comments))
        stale = sorted(
            i for i in truth if i in viewer.comments and viewer.comments[i][0] != truth[i]
        )
        report.append({
            'viewer': viewer.name, 'joins': len(viewer.connections), 'missing': len(missing),
            'stale': len(stale), 'duplicated_events': viewer.duplicated_events(),
            'events': sum(len(c.events) for c in viewer.connections),
            'overlap_ack_and_event': viewer.overlaps(), 'stream_gaps': viewer.stream_gaps(),
            'resets': sum(c.reset for c in viewer.connections),
            'watermark': viewer.watermark, 'errors': viewer.errors[:3],
        })  # fmt: skip
    with capsys.disabled():
        print(f'\nchurn ({CURSOR}): {len(posted)} posts, seq {start_seq} -> {final_seq}')
        for line in report:
            print(line)
    for line in report:
        assert line['errors'] == [], line
        assert (line['missing'], line['stale'], line['duplicated_events']) == (0, 0, 0), line
        assert line['resets'] == 0, line
        if CURSOR == 'seq':
            assert line['watermark'] == final_seq, line
    assert sum(line['joins'] for line in report) >= 100, report  # it did churn
