"""Slow exports as jobs: the browser sees progress, then the file; the same data, the same job."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document
from pypdf import PdfReader

from forum.commitments.models import Commitment
from forum.commitments.services import update_commitment
from forum.exports.jobs import job_store

BROWSER = {'Accept': 'text/html,application/xhtml+xml,*/*;q=0.8', 'Accept-Language': 'en'}
JOB = re.compile(r'/exports/([0-9a-f]{32})$')


def _start(client, app, nap_id: int, fmt: str = 'docx') -> str:
    """Ask for the export as a browser would, with no time to wait; return the job's key."""
    app.config['EXPORT_WAIT'] = 0
    response = client.get(f'/naps/{nap_id}/export.{fmt}?lang=th', headers=BROWSER)
    assert response.status_code == 303
    return JOB.search(response.headers['Location'])[1]


def _finish(app, key: str) -> dict:
    with app.app_context():
        status = job_store().wait(key, 180)
    assert status['state'] == 'done', status
    return status


def test_a_slow_export_shows_its_progress_then_the_file(client, app, world):
    key = _start(client, app, world.nap_id)
    page = client.get(f'/exports/{key}', headers=BROWSER)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'TH-NAP1-th.docx' in html
    assert '<progress max="100"' in html
    if 'data-export-ready hidden' in html:  # still running: the page reloads itself without JS
        assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    progress = client.get(f'/exports/{key}.json').get_json()
    assert progress['state'] in ('queued', 'running', 'done')
    assert 0 <= progress['percent'] <= 100

    _finish(app, key)
    progress = client.get(f'/exports/{key}.json').get_json()
    assert progress['state'] == 'done'
    assert progress['percent'] == 100
    assert progress['download_url'] == f'/exports/{key}/file'
    done = client.get(f'/exports/{key}', headers=BROWSER).get_data(as_text=True)
    assert 'http-equiv="refresh"' not in done
    assert '>Your file is ready</h1>' in done  # the heading follows the job
    assert 'Long files take a few minutes' in done  # (hidden once done; for any kind of file)
    assert f'href="/exports/{key}/file"' in done
    response = client.get(f'/exports/{key}/file')
    assert response.status_code == 200
    assert 'TH-NAP1-th.docx' in response.headers['Content-Disposition']
    assert response.headers['Cache-Control'] == 'private, no-cache'
    doc = Document(io.BytesIO(response.get_data()))
    assert any(p.text.startswith('TH0001 ') for p in doc.paragraphs)


def test_the_same_data_is_the_same_job_and_a_change_makes_a_new_one(client, app, db, world):
    key = _start(client, app, world.nap_id)
    _finish(app, key)
    # Unchanged: the finished file at once, even without time to wait.
    again = client.get(f'/naps/{world.nap_id}/export.docx?lang=th', headers=BROWSER)
    assert again.status_code == 200
    assert again.mimetype.endswith('wordprocessingml.document')
    # Another language is another file.
    english = client.get(f'/naps/{world.nap_id}/export.docx?lang=en', headers=BROWSER)
    assert english.status_code == 303
    assert JOB.search(english.headers['Location'])[1] != key
    # A changed title is a new job.
    commitment = db.session.get(Commitment, world.commitment_ids[0])
    update_commitment(
        commitment, actor=None, fields={'title_th': 'ชื่อใหม่'}, base_version=commitment.version
    )
    db.session.commit()
    assert _start(client, app, world.nap_id) != key


def test_a_client_that_does_not_ask_for_html_waits_for_the_file(client, app, world):
    app.config['EXPORT_WAIT'] = 0
    response = client.get(f'/naps/{world.nap_id}/export.docx', headers={'Accept': '*/*'})
    assert response.status_code == 200
    assert response.mimetype.endswith('wordprocessingml.document')


def test_a_failed_job_says_so_and_is_tried_again(client, app, world, exports_dir):
    key = _start(client, app, world.nap_id)
    _finish(app, key)
    status_path = exports_dir / f'{key}.status.json'
    status = json.loads(status_path.read_text('utf-8'))
    status['state'] = status['stage'] = 'failed'
    status_path.write_text(json.dumps(status), 'utf-8')
    page = client.get(f'/exports/{key}', headers=BROWSER).get_data(as_text=True)
    assert 'The file could not be made' in page
    assert '>Export failed</h1>' in page
    assert f'href="/naps/{world.nap_id}/export.docx?lang=th"' in page
    assert client.get(f'/exports/{key}/file').status_code == 404
    # Asking again starts it again.
    app.config['EXPORT_WAIT'] = 120
    response = client.get(f'/naps/{world.nap_id}/export.docx?lang=th', headers=BROWSER)
    assert response.status_code == 200


def test_unknown_jobs_are_404(client, world):
    assert client.get('/exports/../../etc/passwd').status_code == 404
    assert client.get('/exports/not-a-key').status_code == 404
    assert client.get('/exports/' + 'a' * 32).status_code == 404
    assert client.get('/exports/' + 'a' * 32 + '.json').status_code == 404
    assert client.get('/exports/' + 'a' * 32 + '/file').status_code == 404


def test_a_file_removed_meanwhile_is_made_again(client, app, world, exports_dir):
    key = _start(client, app, world.nap_id)
    _finish(app, key)
    (exports_dir / f'{key}.out').unlink()  # pruned after a day, or removed by an operator
    assert client.get(f'/exports/{key}/file').status_code == 404
    app.config['EXPORT_WAIT'] = 120
    response = client.get(f'/naps/{world.nap_id}/export.docx?lang=th', headers=BROWSER)
    assert response.status_code == 200
    assert response.mimetype.endswith('wordprocessingml.document')


@pytest.mark.parametrize('setting', [None, '5', 'low', '-5'])
def test_the_worker_gives_way_to_the_server(setting):
    """A job lowers its CPU priority (and its layout processes inherit it) before rendering."""
    import os
    import subprocess
    import sys

    code = (
        'import os\n'
        'from forum.exports.worker import _lower_priority\n'
        'before = os.nice(0)\n'
        'try:\n'
        '    _lower_priority()\n'
        'except ValueError as error:\n'
        '    print(error)\n'
        'else:\n'
        '    print(before, os.nice(0))\n'
    )
    env = {k: v for k, v in os.environ.items() if k != 'FORUM_EXPORT_NICE'}
    if setting is not None:
        env['FORUM_EXPORT_NICE'] = setting
    run = subprocess.run([sys.executable, '-c', code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    if setting in ('low', '-5'):  # never a higher priority than the server's
        refused = f"FORUM_EXPORT_NICE must be a whole number from 0 to 19, not '{setting}'"
        assert refused in run.stdout
        return
    before, after = map(int, run.stdout.split())
    assert after == min(19, before + int(setting or 10))


@pytest.mark.layout_only  # the worker's layout reads no database
def test_a_long_summary_is_laid_out_in_pieces_by_the_worker(
    client, app, db, exports_dir, monkeypatch
):
    """The real worker (``python -m forum.exports.worker``) with two layout processes it spawns."""
    from forum.naps.services import ensure_policy_areas
    from tests.exports.seed_round import seed_round

    monkeypatch.setenv('FORUM_EXPORT_PROCESSES', '2')  # the worker inherits it
    ensure_policy_areas()
    round_id = seed_round(460)  # more than one piece (450 inputs at most): six of 77
    db.session.commit()
    app.config['EXPORT_WAIT'] = 0
    response = client.get(f'/consultations/{round_id}/summary.pdf?lang=th', headers=BROWSER)
    assert response.status_code == 303
    key = JOB.search(response.headers['Location'])[1]
    status = _finish(app, key)
    assert status['total'] == 8  # six pieces, the contents, the joining
    data = client.get(f'/exports/{key}/file').get_data()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    # After the cover and the contents, every page numbered in turn.
    numbers = [re.findall(r'- (\d+) -', text)[-1] for text in pages[2:]]
    assert numbers == [str(n) for n in range(1, len(pages) - 1)]
    text = ''.join(pages)
    missing = [n for n in range(1, 461) if f'C1-{n:06d}' not in text]
    assert not missing  # every input, from both pieces (hidden and withdrawn ones as such)
