"""One PDF piece laid out a given number of times, to count its instructions under callgrind.

Wall and CPU seconds vary with what else the machine runs; valgrind's instruction count does not.
Run it twice, with ``--layouts 0`` and ``--layouts 1``: the difference is one piece (WeasyPrint's
layout and drawing, our Thai text repair), whatever the process spent getting there. The piece
is cut as ``bench_pdf_piece.py`` cuts it (the second of a seeded round of ``--inputs``) and kept in
``--piece`` (a pickle), so that the seeding runs once, outside valgrind.

    .venv/bin/python tests/bench/callgrind_pdf_piece.py --piece /tmp/piece.pkl --layouts 0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python
        tests/bench/callgrind_pdf_piece.py --piece /tmp/piece.pkl --layouts 1   (one line)

``--keep-layouts`` is an experiment, not what the export does: WeasyPrint frees each line's Pango
layout after laying it out and makes it again to draw the line; this keeps it instead.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _keep_layouts() -> None:
    from weasyprint.text import line_break

    def deactivate(self):
        self.kept = True

    def reactivate(self, style):
        if getattr(self, 'kept', False):
            self.style = style
            return
        self.setup(style)
        self.set_text(self.text, justify=True)

    line_break.Layout.deactivate = deactivate
    line_break.Layout.reactivate = reactivate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--piece', type=Path, required=True, help='the piece (made when missing)')
    parser.add_argument('--inputs', type=int, default=900, help='inputs in the round seeded')
    parser.add_argument('--layouts', type=int, default=1)
    parser.add_argument('--keep-layouts', action='store_true')
    args = parser.parse_args()
    if not args.piece.exists():
        from tests.bench.bench_pdf_piece import _piece

        args.piece.write_bytes(pickle.dumps(_piece(args.inputs)))
    (html, css), base_url = pickle.loads(args.piece.read_bytes())
    if args.keep_layouts:
        _keep_layouts()
    from forum.exports.render.pdf_layout import lay_out, warm_up

    warm_up()
    for _ in range(args.layouts):
        lay_out((html, css), base_url)
    return 0


if __name__ == '__main__':
    sys.exit(main())
