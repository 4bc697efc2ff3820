"""The plan as DOCX and PDF, read back: the Thai text exactly as entered, in Sarabun, on A4."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from flask_login import AnonymousUserMixin
from pypdf import PdfReader

from forum.exports import registry
from forum.naps.models import Nap
from tests.exports.conftest import NOISY_CLEAN
from tests.exports.passages import PASSAGES, STACKED
from tests.exports.roundtrip import squash, thai_share

PASSAGE = list(PASSAGES.values())
A4 = (595, 842)  # points, rounded


def _docx_texts(data: bytes) -> tuple[list[tuple[str, str]], list[str]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return paragraphs, cells


def test_docx_has_headings_tables_and_the_thai_exactly(client, world):
    response = client.get(f'/naps/{world.nap_id}/export.docx?lang=th')
    assert response.status_code == 200
    assert response.mimetype.endswith('wordprocessingml.document')
    assert 'TH-NAP1-th.docx' in response.headers['Content-Disposition']
    paragraphs, cells = _docx_texts(response.get_data())
    texts = [text for _style, text in paragraphs]
    assert PASSAGE[0] in texts  # the description, as entered
    assert PASSAGE[2] in cells  # why the value is relevant
    assert PASSAGE[3] in cells  # the first milestone's output
    headings = {style: [t for s, t in paragraphs if s == style] for style, _ in paragraphs}
    assert 'การต่อต้านการทุจริต' in headings['Heading 1']
    assert f'TH0001 พันธกรณีที่ 1 {STACKED}' in headings['Heading 2']
    assert f'TH0003 {NOISY_CLEAN}' in headings['Heading 2']
    assert 'TH0004' in cells  # withdrawn, with its reason
    assert 'ซ้ำกับพันธกรณีอื่น' in cells
    assert 'ร้อยละ 0 → ร้อยละ 80' in cells  # baseline → target


def test_docx_styles_set_sarabun_for_complex_script(client, world):
    data = client.get(f'/naps/{world.nap_id}/export.docx?lang=th').get_data()
    doc = Document(io.BytesIO(data))
    for name in ('Normal', 'Heading 1', 'Heading 2', 'Table Grid'):
        rpr = doc.styles[name].element.rPr
        fonts = rpr.find(qn('w:rFonts'))
        assert fonts.get(qn('w:cs')) == 'Sarabun', name
        assert fonts.get(qn('w:ascii')) == 'Sarabun', name
        assert fonts.get(qn('w:cstheme')) is None, name  # a theme font would win
        assert rpr.find(qn('w:szCs')) is not None, name
        assert rpr.find(qn('w:lang')).get(qn('w:bidi')) == 'th-TH', name
    assert doc.styles['Heading 1'].element.rPr.find(qn('w:bCs')).get(qn('w:val')) == '1'
    assert {table.style.name for table in doc.tables} == {'Table Grid'}
    header_row = next(t for t in doc.tables if len(t.columns) == 7).rows[0]
    assert header_row._tr.trPr.find(qn('w:tblHeader')) is not None  # repeated on every page
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_thai_digits(client, world):
    data = client.get(f'/naps/{world.nap_id}/export.docx?lang=th&digits=thai').get_data()
    paragraphs, cells = _docx_texts(data)
    assert '๑ สิงหาคม ๒๕๖๙ – ๓๑ มีนาคม ๒๕๗๐' in cells
    assert 'ร้อยละ ๐ → ร้อยละ ๘๐' in cells
    header = Document(io.BytesIO(data)).sections[0].header._element.xml
    assert 'PAGE \\* ThaiArabic' in header


def _render(app, nap_id: int, **options) -> bytes:
    """The report built and rendered in this process (``repair=False``: as WeasyPrint wrote it)."""
    repair = options.pop('repair', True)
    with app.app_context():
        from forum.extensions import db

        exporter = registry.exporter('nap', 'pdf')
        nap = db.session.get(Nap, nap_id)
        document = registry.build_document(
            exporter, nap, registry.Options(**options), AnonymousUserMixin()
        )
    out = io.BytesIO()
    exporter.render(document, out, None, repair=repair)
    return out.getvalue()


def _text(data: bytes) -> str:
    return '\n'.join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_text_reads_back_as_entered(client, world):
    response = client.get(f'/naps/{world.nap_id}/export.pdf?lang=th')
    assert response.status_code == 200
    assert response.mimetype == 'application/pdf'
    reader = PdfReader(io.BytesIO(response.get_data()))
    assert {tuple(round(v) for v in page.mediabox[2:]) for page in reader.pages} == {A4}
    fonts = set()
    for page in reader.pages:
        for font in page['/Resources']['/Font'].values():
            fonts.add(str(font.get_object()['/BaseFont']))
    assert fonts
    assert all('Sarabun' in f for f in fonts), fonts  # no system font drew anything
    text = _text(response.get_data())
    squashed = squash(text)
    # Paragraphs come back whole (lines wrap: whitespace aside)...
    assert squash(PASSAGE[0]) in squashed
    for word in STACKED.split():
        assert word in squashed
    # ...a table cell that runs onto the next page comes back in order, with the row's other
    # cells between its parts: every Thai character of it, in order.
    for passage in PASSAGE[2:]:
        found, total = thai_share(passage, text)
        assert found == total, (found, total)
    # Control characters gone, emoji kept in the text layer (drawn as boxes: Sarabun has none);
    # the bidi override steers the line's direction and draws nothing, so reads as nothing.
    assert squash(NOISY_CLEAN.replace('\u202e', '')) in squashed


def test_pdf_repair_gives_back_sara_am_and_draws_the_same(app, world, tmp_path):
    raw = _render(app, world.nap_id, lang='th', repair=False)
    fixed = _render(app, world.nap_id, lang='th')
    raw_text, fixed_text = _text(raw), _text(fixed)

    def share(text: str) -> tuple[int, int]:
        counts = [thai_share(source, text) for source in [*PASSAGE, STACKED]]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)

    raw_found, total = share(raw_text)
    fixed_found, _total = share(fixed_text)
    # WeasyPrint's own text layer loses every SARA AM ("น้ำ" reads "นา")...
    assert 'น้ำ' not in squash(raw_text)
    assert raw_found < total
    # ...the repaired one gives every Thai character back.
    assert fixed_found == total
    if not shutil.which('pdftoppm'):
        pytest.skip('pdftoppm (Debian poppler-utils) is not installed')
    # Only the text layer changed: every page draws the same pixels.
    (tmp_path / 'raw.pdf').write_bytes(raw)
    (tmp_path / 'fixed.pdf').write_bytes(fixed)
    for name in ('raw', 'fixed'):
        subprocess.run(
            ['pdftoppm', '-r', '60', '-gray', str(tmp_path / f'{name}.pdf'), str(tmp_path / name)],
            check=True,
        )
    raw_pages = sorted(tmp_path.glob('raw-*.pgm'))
    fixed_pages = sorted(tmp_path.glob('fixed-*.pgm'))
    assert len(raw_pages) == len(fixed_pages) > 3
    for before, after in zip(raw_pages, fixed_pages, strict=True):
        assert before.read_bytes() == after.read_bytes(), before.name
    # And the pages are drawn: dark pixels on every page.
    for page in fixed_pages:
        pixels = page.read_bytes().split(b'\n', 3)[3]  # after "P5", the size and the maximum
        assert min(pixels) < 100, page.name


def test_pdf_thai_digits(app, world):
    text = _text(_render(app, world.nap_id, lang='th', digits='thai'))
    assert '- ๒ -' in text  # the page number, top centre
    assert '๑ กรกฎาคม ๒๕๖๙' in text
    assert 'ร้อยละ ๘๐' in text
    english = _text(_render(app, world.nap_id, lang='en'))
    assert 'July 1, 2026' in english
    assert 'Commitment 1' in english
