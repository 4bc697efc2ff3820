"""Downloading the plan: a PDF from the plan page, its progress shown while it is made."""

from __future__ import annotations

import io
import re
import subprocess

from axe import assert_accessible, visit
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.exports.roundtrip import squash
from tests.exports.seed_round import FIRST_TEXT
from tests.servers import BIN, ROOT

#: Laying out a PDF takes seconds of CPU, more on a busy machine.
DOWNLOAD_TIMEOUT_MS = 180_000


def test_a_pdf_downloads_from_the_plan_page_after_its_progress(new_page, make_commitment,
                                                               drafting_nap):  # fmt: skip
    make_commitment(milestones=2, title_th='พันธกรณีน้ำสะอาดสำหรับทุกคน')
    page = new_page(locale='th-TH', width=360, height=740)  # a phone
    visit(page, f'/naps/{drafting_nap}')
    link = page.locator('a[data-export="pdf-th"]')
    expect(link).to_be_visible()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        link.click()
        # The file takes longer than the server waits (none, here): its page shows progress.
        expect(page).to_have_url(re.compile(r'/exports/[0-9a-f]{32}$'))
        expect(page.locator('progress')).to_be_attached()
        expect(page.locator('[data-export-stage]')).not_to_be_empty()
        assert_accessible(page)
    download = download_info.value
    assert download.suggested_filename.endswith('-th.pdf')
    data = open(download.path(), 'rb').read()
    assert data.startswith(b'%PDF-')
    text = ''.join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert 'พันธกรณีน้ำสะอาดสำหรับทุกคน' in text.replace('\n', '')
    # The page says the file is ready, with a link to it for another download.
    expect(page.locator('[data-export-ready]')).to_be_visible()
    expect(page.locator('h1')).to_have_text('ไฟล์พร้อมแล้ว')
    expect(page).to_have_title(re.compile(r'^ไฟล์พร้อมแล้ว · '))  # the tab's title too
    expect(page.locator('[data-export-download]')).to_have_attribute('href', re.compile('/file$'))
    assert_accessible(page)


def test_without_javascript_the_progress_page_reloads_itself(browser, live_server, drafting_nap):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    context.set_default_timeout(DOWNLOAD_TIMEOUT_MS)
    try:
        page = context.new_page()
        response = page.goto(f'/naps/{drafting_nap}/export.docx?lang=en')
        assert response.status == 200
        assert re.search(r'/exports/[0-9a-f]{32}$', page.url)
        if page.locator('[data-export-ready]').is_hidden():
            expect(page.locator('h1')).to_have_text('Preparing your file')
            assert page.locator('meta[http-equiv="refresh"]').count() == 1
        # The page reloads itself until the file is ready, then links to it.
        expect(page.locator('[data-export-ready]')).to_be_visible(timeout=DOWNLOAD_TIMEOUT_MS)
        expect(page.locator('h1')).to_have_text('Your file is ready')
        with page.expect_download() as download_info:
            page.locator('[data-export-download]').click()
        assert download_info.value.suggested_filename.endswith('-en.docx')
    finally:
        context.close()


def _published_round(server_env) -> int:
    """A published round of 30 inputs in the live server's database (tests/exports/seed_round)."""
    script = (
        'from forum import create_app\n'
        'from tests.exports.seed_round import seed_round\n'
        'with create_app().app_context():\n'
        '    print(seed_round(30))\n'
    )
    result = subprocess.run(
        [str(BIN / 'python'), '-c', script], cwd=ROOT, env=server_env, capture_output=True,
        text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return int(result.stdout.strip().splitlines()[-1])


def test_a_summary_pdf_downloads_from_the_results_page(new_page, server_env):
    round_id = _published_round(server_env)
    page = new_page(locale='th-TH')
    visit(page, f'/consultations/{round_id}/results')
    link = page.locator('a[data-export="pdf-th"]')
    expect(link).to_be_visible()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        link.click()
        expect(page).to_have_url(re.compile(r'/exports/[0-9a-f]{32}$'))
        expect(page.locator('progress')).to_be_attached()
    download = download_info.value
    assert re.fullmatch(r'TH-C\d+-summary-th\.pdf', download.suggested_filename)
    data = open(download.path(), 'rb').read()
    text = ''.join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert squash(FIRST_TEXT) in squash(text)
    expect(page.locator('[data-export-ready]')).to_be_visible()
