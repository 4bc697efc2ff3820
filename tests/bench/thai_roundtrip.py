"""How much Thai survives copying out of our PDFs: the seed document through the plan's report.

Every Thai paragraph of the seed document (shared/seed/, by default ``../shared/seed`` beside the
repository) becomes a commitment's text in a plan report, rendered as the export renders it,
once with WeasyPrint's own text layer and once repaired (``forum/exports/render/pdf_text.py``).
The text is then extracted with pypdf and poppler's ``pdftotext`` (``-raw`` and its default
layout mode), and the share of the seed's Thai characters found in order is printed, with the
characters most often lost.

    .venv/bin/python tests/bench/thai_roundtrip.py [--seed PATH]
"""

from __future__ import annotations

import argparse
import collections
import difflib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

THAI = re.compile('[\u0e00-\u0e7f]')


def paragraphs(seed: Path) -> list[str]:
    """The seed's Thai paragraphs (lines with Thai of 80 characters or more, markup dropped)."""
    found = []
    for path in sorted(seed.glob('*.txt')):
        for line in path.read_text('utf-8').splitlines():
            line = re.sub(r'<[^>]+>', '', line).strip().lstrip('#').strip()
            if len(line) >= 80 and THAI.search(line):
                found.append(line)
    return found


def document(texts: list[str]) -> dict:
    """A plan report whose commitments carry ``texts`` as their descriptions."""
    from flask_babel import force_locale

    from forum import create_app
    from forum.exports.nap.report import labels

    app = create_app({})
    with app.app_context(), force_locale('th'):
        names = labels()
    commitments = [
        {
            'anchor': f'TH{n:04d}', 'code': f'TH{n:04d}', 'title': f'ย่อหน้าที่ {n}',
            'fields': [], 'values': [], 'milestones': [],
            'sections': [{'label': 'คำอธิบาย', 'text': text}],
        }
        for n, text in enumerate(texts, start=1)
    ]  # fmt: skip
    return {
        'lang': 'th', 'digits': 'arabic', 'labels': names, 'title': 'ทดสอบ', 'kicker': 'ทดสอบ',
        'period': '', 'date': '', 'state': '', 'about': '', 'withdrawn': [],
        'areas': [{'anchor': 'area', 'name': 'ข้อความจากเอกสารต้นทาง', 'commitments': commitments}],
    }  # fmt: skip


def share(source: str, extracted: str) -> tuple[int, int, collections.Counter]:
    """Thai characters of ``source`` found in order in ``extracted``, of how many, and the lost."""
    a = ''.join(THAI.findall(source))
    b = ''.join(THAI.findall(extracted))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    kept = [False] * len(a)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            kept[i] = True
    lost = collections.Counter(c for c, k in zip(a, kept, strict=True) if not k)
    return sum(kept), len(a), lost


def extract(pdf: bytes, how: str) -> str:
    """The PDF's text by pypdf or pdftotext."""
    if how == 'pypdf':
        from pypdf import PdfReader

        return '\n'.join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
        f.write(pdf)
        f.flush()
        args = ['pdftotext', *(['-raw'] if how == 'pdftotext -raw' else []), f.name, '-']
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main() -> int:
    """Render, extract, count; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seed', type=Path, default=ROOT.parent / 'shared' / 'seed')
    args = parser.parse_args()
    from forum.exports.nap import report_pdf

    texts = paragraphs(args.seed)
    source = '\n'.join(texts)
    doc = document(texts)
    tools = ['pypdf'] + (['pdftotext -raw', 'pdftotext'] if shutil.which('pdftotext') else [])
    print(f'{len(texts)} paragraphs, {len(THAI.findall(source)):,} Thai characters')
    print('\n| text layer | extractor | Thai characters in order | share | most often lost |')
    print('|---|---|---|---|---|')
    for repair in (False, True):
        out = io.BytesIO()
        report_pdf.render(doc, out, None, repair=repair)
        for tool in tools:
            found, total, lost = share(source, extract(out.getvalue(), tool))
            worst = ', '.join(f'{c} ×{n}' for c, n in lost.most_common(4)) or '—'
            label = 'repaired' if repair else "WeasyPrint's own"
            print(f'| {label} | {tool} | {found:,} / {total:,} | {100 * found / total:.2f} % '
                  f'| {worst} |')  # fmt: skip
    return 0


if __name__ == '__main__':
    sys.exit(main())
