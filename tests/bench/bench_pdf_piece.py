"""One piece of the summary's PDF, timed alone: where a piece's CPU goes, and what a change saves.

A long summary is laid out in pieces of up to 450 inputs, side by side (docs/exports.md), so the
time of the whole is about the time of one piece times the pieces, over the cores. This seeds a
round (``tests/exports/seed_round.py``, as ``bench_exports.py`` does), cuts its body as the
export does and times the second piece (a piece that starts inside a section, as most do) in
this one process, after a first layout has warmed it up:

- **layout**: WeasyPrint's HTML → pages; **drawing**: its ``write_pdf``; **repair**: our Thai
  text repair and pypdf's rewrite (``lay_out`` with the repair less ``lay_out`` without);
- with ``--variants``, the whole piece (``lay_out``) again for each variant of the piece's HTML
  or stylesheet named below — experiments, not what the export does — against the piece as it is.

    .venv/bin/python tests/bench/bench_pdf_piece.py [--inputs 900] [--repeat 3]
        [--variants no-running-head,compact-html,no-rules,white-space-normal,
         no-long-word-breaks,overflow-wrap,all]

Times are CPU seconds of this process (``time.process_time``), the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RULES = ('border-top: 0.5pt solid #999;', 'border-left: 1.2pt solid #1f4e79;')


def _no_running_head(html: str, css: str) -> tuple[str, str]:
    return html, css.replace('content: string(running);', 'content: none;')


def _compact_html(html: str, css: str) -> tuple[str, str]:
    return re.sub(r'>\s+<', '><', html), css


def _no_rules(html: str, css: str) -> tuple[str, str]:
    for rule in RULES:
        css = css.replace(rule, '')
    return html, css


def _white_space_normal(html: str, css: str) -> tuple[str, str]:
    return html, css.replace('div.input p { margin: 0; white-space: pre-line; }', '')


def _no_long_word_breaks(html: str, css: str) -> tuple[str, str]:
    return html, css.replace('word-break: break-all;', '')


def _overflow_wrap(html: str, css: str) -> tuple[str, str]:
    return html, css.replace('word-break: break-all;', 'overflow-wrap: anywhere;')


def _all(html: str, css: str) -> tuple[str, str]:
    for change in (_no_running_head, _compact_html, _no_rules, _white_space_normal):
        html, css = change(html, css)
    return html, css


#: What each variant changes: the page's running head (a margin box on every page), the white
#: space between elements, the rules beside each input and its response, white-space: pre-line,
#: long words broken at the margin, or by ``overflow-wrap`` instead (``all``: the first four).
VARIANTS = {
    'no-running-head': _no_running_head,
    'compact-html': _compact_html,
    'no-rules': _no_rules,
    'white-space-normal': _white_space_normal,
    'no-long-word-breaks': _no_long_word_breaks,
    'overflow-wrap': _overflow_wrap,
    'all': _all,
}


def _piece(inputs: int) -> tuple[tuple[str, str], str]:
    from flask_login import AnonymousUserMixin

    from forum import create_app
    from forum.exports import registry
    from forum.exports.consultation.report import CHUNK_INPUTS, pdf_pieces
    from forum.exports.render.pdf import report_base_url
    from tests.bench.bench_exports import seed_consultation

    with tempfile.TemporaryDirectory(prefix='bench-piece-') as folder:
        url = f'sqlite:///{folder}/round.sqlite3'
        round_id = seed_consultation(url, inputs)
        app = create_app({'SQLALCHEMY_DATABASE_URI': url})
        with app.test_request_context('/'):
            viewer = AnonymousUserMixin()
            subject = registry.kind('consultation').load(round_id, viewer)
            exporter = registry.exporter('consultation', 'pdf')
            options = registry.Options(lang='th')
            document = registry.build_document(exporter, subject, options, viewer)
    pieces = pdf_pieces(document, CHUNK_INPUTS)
    return pieces[min(1, len(pieces) - 1)], report_base_url()


def _median(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--inputs', type=int, default=900, help='inputs in the round seeded')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--variants', default='', help=', '.join(VARIANTS))
    args = parser.parse_args()
    unknown = [v for v in filter(None, args.variants.split(',')) if v not in VARIANTS]
    if unknown:
        parser.error(f'unknown variant(s) {unknown}; known: {", ".join(VARIANTS)}')

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from forum.exports.render.pdf_layout import lay_out, warm_up

    (html, css), base_url = _piece(args.inputs)
    warm_up()
    lay_out((html, css), base_url)  # the first layout in a process costs more
    fonts = FontConfiguration()

    def render():
        sheet = CSS(string=css, base_url=base_url, font_config=fonts)
        return HTML(string=html, base_url=base_url).render(font_config=fonts, stylesheets=[sheet])

    document = render()
    layout = _median(args.repeat, render)
    drawing = _median(args.repeat, document.write_pdf)
    plain = _median(args.repeat, lambda: lay_out((html, css), base_url, repair=False))
    whole = _median(args.repeat, lambda: lay_out((html, css), base_url))
    inputs = html.count('<div class="input')
    print(f'one piece: {inputs} inputs, {len(document.pages)} pages (median of {args.repeat})')
    print(f'  layout {layout:.2f}  drawing {drawing:.2f}  repair {whole - plain:.2f}  '
          f'whole piece {whole:.2f} CPU-s')  # fmt: skip
    for name in filter(None, args.variants.split(',')):
        changed = VARIANTS[name](html, css)
        seconds = _median(args.repeat, lambda changed=changed: lay_out(changed, base_url))
        print(f'  {name:20s} {seconds:.2f} CPU-s ({(seconds - whole) / whole:+.1%})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
