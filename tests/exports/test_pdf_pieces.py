"""A long report laid out in pieces, in several processes: one document, numbered throughout.

The pieces of a report are laid out side by side (``forum/exports/render/pdf.py``), each without
page numbers; the numbers are laid out afterwards and drawn over the body. These tests cut small
reports into one piece per input or commitment, lay them out in two real processes and in this
one, and read the PDFs back.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from flask_login import AnonymousUserMixin
from pypdf import PdfReader

from forum.consultations.models import ConsultationRound
from forum.exports import registry
from forum.exports.render.pdf import default_processes
from forum.exports.text import numerals
from forum.naps.models import Nap
from tests.exports.rounds import PASSAGE

#: Laying pieces out reads no database: once, on SQLite (tests/conftest.py).
pytestmark = pytest.mark.layout_only


def _document(app, kind: str, model, subject_id: int, **options) -> dict:
    with app.test_request_context('/'):
        from forum.extensions import db

        subject = db.session.get(model, subject_id)
        exporter = registry.exporter(kind, 'pdf')
        return registry.build_document(
            exporter, subject, registry.Options(**options), AnonymousUserMixin()
        )


def _render(kind: str, document: dict, **kwargs) -> tuple[bytes, dict]:
    out = io.BytesIO()
    result = registry.exporter(kind, 'pdf').render(document, out, None, **kwargs)
    return out.getvalue(), result


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _number(text: str) -> str | None:
    """The page number drawn at the top centre ("- 7 -"), in either digits."""
    found = re.findall(r'- ([0-9๐-๙]+) -', text)
    return found[-1] if found else None


@pytest.fixture
def summary_document(app, summary_round):
    return _document(app, 'consultation', ConsultationRound, summary_round, lang='th')


def test_pieces_in_two_processes_make_the_same_document_as_one(summary_document):
    one, one_result = _render('consultation', summary_document, processes=1, size=1)
    two, two_result = _render('consultation', summary_document, processes=2, size=1)
    assert two_result['processes'] == 2
    assert one_result['processes'] == 1
    assert one_result['pages'] == two_result['pages']
    assert _pages(one) == _pages(two)


def test_every_body_page_is_numbered_in_turn_and_the_contents_point_at_them(summary_document):
    data, result = _render('consultation', summary_document, processes=2, size=1)
    pages = _pages(data)
    front = result['pages'] - result['body_pages']
    assert result['body_pages'] >= len(summary_document['groups']) >= 2
    for index, text in enumerate(pages[front:], start=1):
        assert _number(text) == str(index), (index, text[-200:])
    # The contents give each group's page; that page has the group's heading.
    contents = pages[1]
    for group in summary_document['groups']:
        title = group['title']
        line = next(line for line in contents.splitlines() if line.startswith(title[:20]))
        page = int(line.split()[-1])
        assert title[:20] in pages[front + page - 1]


def test_thai_digits_number_the_pages_in_thai(app, summary_round):
    document = _document(
        app, 'consultation', ConsultationRound, summary_round, lang='th', digits='thai'
    )
    data, result = _render('consultation', document, processes=2, size=1)
    pages = _pages(data)
    front = result['pages'] - result['body_pages']
    numbers = [_number(text) for text in pages[front:]]
    assert numbers == [numerals(str(n), 'thai') for n in range(1, len(numbers) + 1)]


def test_a_piece_that_starts_inside_a_section_keeps_its_running_head(summary_document):
    data, result = _render('consultation', summary_document, processes=2, size=1)
    pages = _pages(data)
    title = summary_document['labels']['inputs_title']
    # The last page belongs to the last piece, which has no heading of its own at the top.
    assert pages[-1].count(title) == 1
    # The hidden element that carries it draws nothing: the title is the running head only,
    # the last line but one (the number, drawn over the page afterwards, comes last).
    *_, running, number = pages[-1].rstrip().splitlines()
    assert running == title
    assert number == f'- {len(pages) - (result["pages"] - result["body_pages"])} -'


def test_the_plan_in_pieces_keeps_its_text_in_order(app, world):
    document = _document(app, 'nap', Nap, world.nap_id, lang='th')
    one, _ = _render('nap', document, processes=1)
    two, result = _render('nap', document, processes=2, size=1)
    assert result['processes'] == 2
    text_one = ''.join(_pages(one)).replace('\n', '')
    text_two = ''.join(_pages(two)).replace('\n', '')
    assert PASSAGE[0][:60] in text_two
    # A commitment per piece starts each on a new page, as the template does in one piece.
    assert len(_pages(one)) == len(_pages(two))
    assert text_one == text_two


def _pgm(path) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of a binary PGM (pdftoppm -gray)."""
    data = path.read_bytes()
    magic, width, height, _max, pixels = data.split(maxsplit=4)
    assert magic == b'P5'
    return int(width), int(height), pixels


@pytest.mark.skipif(not shutil.which('pdftoppm'), reason='pdftoppm (poppler-utils) is missing')
def test_every_page_looks_the_same_whether_laid_out_in_one_piece_or_many(
    summary_document, tmp_path
):
    single, result = _render('consultation', summary_document, processes=1)
    pieces, _ = _render('consultation', summary_document, processes=2, size=1)
    front = result['pages'] - result['body_pages']
    for name, data in (('single', single), ('pieces', pieces)):
        (tmp_path / f'{name}.pdf').write_bytes(data)
        subprocess.run(
            ['pdftoppm', '-r', '50', '-gray', '-f', str(front + 1), '-l', str(front + 1),
             str(tmp_path / f'{name}.pdf'), str(tmp_path / name)],
            check=True,
        )  # fmt: skip
    (first,) = sorted(tmp_path.glob('single-*.pgm'))
    (second,) = sorted(tmp_path.glob('pieces-*.pgm'))
    assert first.read_bytes() == second.read_bytes()
    # The number is drawn in the top margin (22 mm of 297): dark pixels in that band.
    width, height, pixels = _pgm(first)
    band = pixels[: width * (height * 22 // 297)]
    assert min(band) < 128


def test_the_number_of_processes_comes_from_the_setting(monkeypatch):
    monkeypatch.setenv('FORUM_EXPORT_PROCESSES', '3')
    assert default_processes() == 3
    for bad in ('0', 'many', '-2', '๒', '1000'):
        monkeypatch.setenv('FORUM_EXPORT_PROCESSES', bad)
        with pytest.raises(ValueError, match='whole number from 1 to 64'):
            default_processes()
    monkeypatch.delenv('FORUM_EXPORT_PROCESSES')
    assert 1 <= default_processes() <= 3


@pytest.mark.parametrize('size', [1, 2, 3, 5, 450])
def test_pieces_keep_order_and_never_leave_a_heading_alone(size):
    from forum.exports.consultation.report import chunks as input_chunks
    from forum.exports.nap.report_pdf import chunks as plan_chunks

    groups = [{'title': f'g{g}', 'inputs': [f'{g}.{n}' for n in range(count)]}
              for g, count in enumerate([3, 0, 1, 4, 2])]  # fmt: skip
    pieces = input_chunks({'groups': groups}, size)
    assert [i for piece in pieces for part in piece for i in part['inputs']] == [
        i for g in groups for i in g['inputs']
    ]
    starts = [part['group']['title'] for piece in pieces for part in piece if part['starts']]
    assert starts == [g['title'] for g in groups]  # every heading once, in order
    for piece in pieces:
        assert sum(len(piece_part['inputs']) for piece_part in piece) <= size
        assert piece[-1]['inputs'] or not piece[-1]['group']['inputs']  # no heading alone

    areas = [{'name': f'a{a}', 'commitments': [{'milestones': [0] * m} for m in ms]}
             for a, ms in enumerate([[2, 0], [], [1], [3, 3, 0]])]  # fmt: skip
    pieces = plan_chunks({'areas': areas}, size)
    flat = [c for piece in pieces for part in piece for c in part['commitments']]
    assert flat == [c for a in areas for c in a['commitments']]
    assert [p['area']['name'] for piece in pieces for p in piece if p['starts']] == [
        a['name'] for a in areas
    ]
    for piece in pieces:
        assert piece[-1]['commitments'] or not piece[-1]['area']['commitments']


@pytest.mark.parametrize('style', ['decimal', 'thai'])
def test_numbers_written_from_the_sample_are_those_weasyprint_would_draw(style):
    """Each number is written from one laid-out page as WeasyPrint would draw it.

    Same glyphs, font and line (pdf_numbers.py), centred where WeasyPrint centres it: it measures
    in Pango's units of 1/1024, and the two differ by about a thousandth of a point (0.0004 mm).
    """
    from forum.exports.render.html import number_page
    from forum.exports.render.pdf import report_base_url
    from forum.exports.render.pdf_layout import lay_out
    from forum.exports.render.pdf_numbers import _LINE, SAMPLE, Numbering

    numbering = Numbering.learn(lay_out(number_page(SAMPLE, style), report_base_url())[0])
    for number in (1, 7, 10, 42, 99, 100, 1648, 20_001):
        data = lay_out(number_page(number, style), report_base_url())[0]
        theirs = _LINE.fullmatch(PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data())
        ours = _LINE.fullmatch(numbering.content(number))
        for part in ('head', 'y', 'size', 'glyphs', 'tail'):
            assert ours[part] == theirs[part], (number, part)
        assert abs(float(ours['x']) - float(theirs['x'])) < 0.01, number


def test_a_sample_page_not_as_expected_is_refused():
    from forum.exports.render.html import number_page
    from forum.exports.render.pdf import report_base_url
    from forum.exports.render.pdf_layout import lay_out
    from forum.exports.render.pdf_numbers import Numbering

    # Numbered 7, not 1234567890: not every digit is there to learn.
    data = lay_out(number_page(7, 'decimal'), report_base_url())[0]
    with pytest.raises(RuntimeError, match='sample page of numbers'):
        Numbering.learn(data)


def test_pieces_are_shared_evenly_and_cut_the_same_for_any_number_of_processes():
    from forum.exports.render.pdf import ROUNDS_OF, piece_size

    assert piece_size(300, 450) == 450  # one piece, laid out here
    assert piece_size(451, 450) == 76  # six pieces: one, two, three or six processes
    assert piece_size(10_000, 450) == 417  # 24 pieces, not 23
    for items, most in [(10_000, 450), (999, 100), (5_001, 330), (7, 1)]:
        size = piece_size(items, most)
        pieces = -(-items // size)
        assert size <= most, (items, most)
        assert pieces % ROUNDS_OF == 0 or pieces == items, (items, most, pieces)


def test_the_summary_is_cut_and_numbered_the_same_by_one_process_or_three(
    summary_document, monkeypatch
):
    # Pieces of at most four inputs: the round's five are cut into pieces of one whatever the
    # processes (two pieces would be cut for one process alone if the cut followed them).
    from forum.exports.consultation import report

    monkeypatch.setattr(report, 'CHUNK_INPUTS', 4)
    one, one_result = _render('consultation', summary_document, processes=1)
    three, three_result = _render('consultation', summary_document, processes=3)
    assert (one_result['processes'], three_result['processes']) == (1, 3)
    assert one_result['pieces'] == three_result['pieces'] > 3
    assert one_result['body_pages'] == three_result['body_pages']
    assert _pages(one) == _pages(three)


def _pieces(count: int, inputs: int) -> list:
    """``count`` pieces of a summary body, each of ``inputs`` seed passages."""
    from forum.exports.render.html import render as render_html

    css = render_html('report.css', first_page=None, counter_style='decimal', numbers=False)
    body = ''.join(f'<p>{PASSAGE[n % len(PASSAGE)]}</p>' for n in range(inputs))
    head = '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head>'
    page = f'{head}<body>{body}</body></html>'
    return [(page, css)] * count


def _front_page(anchors):
    return _pieces(1, 1)[0]


def _number_page(n):
    from forum.exports.render.html import number_page

    return number_page(n, 'decimal')


def test_one_process_reports_each_piece_as_it_is_laid_out(monkeypatch):
    """With one process the pieces are laid out in turn, each reported when done.

    A job that said nothing for minutes would be taken for dead and started again.
    """
    from forum.exports.render import pdf

    events = []
    real = pdf.lay_out

    def lay_out(page, base_url, repair=True):
        events.append('piece')
        return real(page, base_url, repair)

    monkeypatch.setattr(pdf, 'lay_out', lay_out)
    progress = lambda done, total, stage: events.append((done, stage))  # noqa: E731
    pdf.render_pdf(_front_page, _pieces(3, 2), _number_page, io.BytesIO(),
                   base_url=pdf.report_base_url(), progress=progress, processes=1)  # fmt: skip
    assert events[:7] == [(0, 'layout'), 'piece', (1, 'layout'), 'piece', (2, 'layout'), 'piece',
                          (3, 'layout')]  # fmt: skip
    assert events[7:] == [(3, 'contents'), 'piece', 'piece', (4, 'joining'), (5, 'done')]


def test_a_piece_that_fails_stops_the_others(tmp_path):
    """The error of one piece ends the export at once.

    The pieces not yet started are not laid out, and no layout process is left behind.
    """
    import multiprocessing
    import time

    from forum.exports.render import pdf

    pieces = _pieces(16, 60)
    started = time.monotonic()
    pdf.render_pdf(_front_page, pieces, _number_page, io.BytesIO(), base_url=pdf.report_base_url(),
                   processes=2)  # fmt: skip
    whole = time.monotonic() - started
    started = time.monotonic()
    with pytest.raises(TypeError):
        pdf.render_pdf(_front_page, [(None, None), *pieces], _number_page, io.BytesIO(),
                       base_url=pdf.report_base_url(), processes=2)  # fmt: skip
    failed = time.monotonic() - started
    # Not a speed target: the same 16 pieces, laid out in full and then cut short at once.
    assert failed < whole / 2, (failed, whole)
    assert multiprocessing.active_children() == []


def test_layout_processes_die_with_the_worker(tmp_path):
    """A worker killed outright (SIGKILL, the OOM killer) takes its layout processes with it."""
    import os
    import signal
    import sys
    import time

    script = tmp_path / 'pool.py'
    script.write_text(
        'import multiprocessing, sys, time\n'
        'from forum.exports.render.pdf import _pool\n'
        "if __name__ == '__main__':\n"
        '    pool = _pool(2)\n'
        '    jobs = [pool.submit(time.sleep, 1) for _ in range(2)]\n'
        '    [job.result() for job in jobs]\n'
        "    print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\n"
        '    time.sleep(600)\n'
    )
    from forum.config import ROOT

    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]
    finally:
        parent.kill()
        parent.wait()
    assert len(children) >= 2  # the two layout processes (and spawn's resource tracker)

    def alive(pid: int) -> bool:
        try:
            with open(f'/proc/{pid}/stat') as stat:
                return stat.read().rsplit(')', 1)[1].split()[0] != 'Z'  # a zombie is dead
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in children if alive(pid)]
    for pid in left:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []
