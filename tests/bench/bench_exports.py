"""Export benchmark (issue 16): the plan and a consultation summary, every format, two sizes.

A row is a milestone: a plan of ``rows / 10`` commitments with ten milestones each, every text in
Thai from the seed document's passages (a commitment's texts about 150 characters each, a
milestone's about 80). Each export runs in a fresh process, as the worker does, and reports:
the time to build the document from the database (in production: in the request), the time
to render the file (in production: in the worker for PDF and DOCX), CPU seconds and the peak
resident memory (``ru_maxrss``). A PDF is laid out by several processes at once
(``FORUM_EXPORT_PROCESSES``, default the usable cores up to 3): its CPU seconds include theirs,
and its memory is this process's peak plus, for each layout process, the largest one's peak.

    .venv/bin/python tests/bench/bench_exports.py [--rows 1000,10000] [--formats pdf,docx,csv,json]
        [--kinds nap,consultation] [--inputs 1000,10000] [--summary-formats csv,json,xlsx,docx,pdf]

The consultation summary: a published round of ``inputs`` inputs (``tests/exports/seed_round.py``:
texts of 300 characters from the seed passages, three commitments, twenty themes with their
responses, one input in fifty hidden, one in ninety-seven withdrawn). A row is an input.

Goals (issue 16): CSV/JSON/XLSX under 5 s and PDF/DOCX under 30 s at 10,000, under 1 GiB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

GOALS = {'csv': 5, 'json': 5, 'xlsx': 5, 'pdf': 30, 'docx': 30}
MEMORY_GOAL_MIB = 1024


def seed(database_url: str, rows: int) -> int:
    """A plan of ``rows`` milestones (ten per commitment); return its id."""
    from datetime import date

    from sqlalchemy import select

    from forum import create_app
    from forum.commitments.models import Commitment, Milestone
    from forum.extensions import db
    from forum.naps.models import Nap, PolicyArea
    from forum.naps.services import ensure_policy_areas
    from forum.sectors.models import Organisation
    from forum.sectors.services import ensure_default_sectors, sector_by_code
    from tests.exports.passages import PASSAGES, STACKED

    text = ' '.join(PASSAGES.values()) + ' ' + STACKED
    app = create_app({'SQLALCHEMY_DATABASE_URI': database_url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.config['MIGRATIONS_DIR'])
        ensure_default_sectors()
        ensure_policy_areas()
        org = Organisation(
            name_th='สำนักงาน ก.พ.ร.', name_en='OPDC', sector=sector_by_code('government')
        )
        nap = Nap(
            number=1, title_th='แผนปฏิบัติการระดับชาติ ฉบับที่ 1', title_en='First NAP',
            length_years=2, start_date=date(2026, 7, 1), end_date=date(2028, 6, 30),
            state='drafting',
        )  # fmt: skip
        db.session.add_all([org, nap])
        areas = db.session.scalars(select(PolicyArea).order_by(PolicyArea.position)).all()
        cursor = 0

        def piece(length: int) -> str:
            nonlocal cursor
            cursor = (cursor + 97) % (len(text) - length)
            return text[cursor : cursor + length]

        for n in range(1, rows // 10 + 1):
            fields = {}
            for name in ('title', 'short_title', 'description', 'problem', 'causes',
                         'solution', 'contribution', 'value_access_why'):  # fmt: skip
                fields[f'{name}_th'] = piece(60 if 'title' in name else 150)
                fields[f'{name}_en'] = f'English {name} {n}'
            commitment = Commitment(
                nap=nap, number=n, policy_area=areas[n % len(areas)], lead_agency=org,
                value_access=True, start_date=date(2026, 7, 1), end_date=date(2028, 6, 30),
                contact_name='ผู้ประสานงาน', contact_email='contact@example.org', **fields,
            )  # fmt: skip
            for m in range(1, 11):
                commitment.milestones.append(
                    Milestone(
                        position=m,
                        output_th=piece(80),
                        indicator_th=piece(40),
                        baseline_th='ร้อยละ 0',
                        target_th='ร้อยละ 80',
                        output_en=f'Output {m}',
                        responsible_organisation=org,
                        start_date=date(2026, 8, 1),
                        end_date=date(2027, 3, 31),
                    )  # fmt: skip
                )
            db.session.add(commitment)
        nap.last_commitment_number = rows // 10
        db.session.commit()
        return nap.id


def seed_consultation(database_url: str, inputs: int) -> int:
    """A published round of ``inputs`` inputs in a fresh database; return its id."""
    from forum import create_app
    from forum.naps.services import ensure_policy_areas
    from forum.sectors.services import ensure_default_sectors
    from tests.exports.seed_round import seed_round

    app = create_app({'SQLALCHEMY_DATABASE_URI': database_url})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.config['MIGRATIONS_DIR'])
        ensure_default_sectors()
        ensure_policy_areas()
        return seed_round(inputs)


def one(database_url: str, kind: str, subject_id: int, fmt: str) -> dict:
    """Build and render one export in this process; return its times and peak memory."""
    from flask_login import AnonymousUserMixin

    from forum import create_app
    from forum.exports import registry

    app = create_app({'SQLALCHEMY_DATABASE_URI': database_url})
    exporter = registry.exporter(kind, fmt)
    cpu0 = _cpu()
    started = time.monotonic()
    with app.test_request_context('/'):
        viewer = AnonymousUserMixin()
        subject = registry.kind(kind).load(subject_id, viewer)
        document = registry.build_document(exporter, subject, registry.Options(lang='th'), viewer)
    built = time.monotonic()
    out = io.BytesIO()
    stages: dict[str, float] = {}

    def progress(done: int, total: int, stage: str) -> None:
        # The seconds since rendering began when each stage started (the PDF's: layout, then
        # contents once every piece is laid out, then joining); 'done' is the render's end.
        stages.setdefault(stage, round(time.monotonic() - built, 1))

    result = exporter.render(document, out, progress)
    done = time.monotonic()
    pages = result.get('pages') if isinstance(result, dict) else None
    processes = result.get('processes', 0) if isinstance(result, dict) else 0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Layout processes (PDF): each one's peak counted as if all peaked at once, an upper bound.
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if processes > 1 else 0
    return {
        'kind': kind,
        'format': fmt,
        'build_s': round(built - started, 2),
        'render_s': round(done - built, 2),
        'total_s': round(done - started, 2),
        'cpu_s': round(_cpu() - cpu0, 2),
        'peak_mib': round(own + processes * child),
        'processes': processes or None,
        'bytes': len(out.getvalue()),
        'pages': pages,
        'stages': stages if fmt == 'pdf' else {},
    }


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the PDF's layout processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main() -> int:
    """Seed a plan per size, export it in every format in a fresh process, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rows', default='1000,10000')
    parser.add_argument('--formats', default='csv,json,docx,pdf')
    parser.add_argument('--kinds', default='nap,consultation')
    parser.add_argument('--inputs', default='1000,10000')
    parser.add_argument('--summary-formats', default='csv,json,xlsx,docx,pdf')
    parser.add_argument('--json', dest='json_path', default=None)
    parser.add_argument('--one', nargs=4, metavar=('DATABASE_URL', 'KIND', 'ID', 'FORMAT'))
    args = parser.parse_args()
    if args.one:
        url, kind, subject_id, fmt = args.one
        print(json.dumps(one(url, kind, int(subject_id), fmt)))
        return 0
    results = []
    load = os.getloadavg()[0]
    print(f'load average at start: {load:.1f} on {os.cpu_count()} CPUs', flush=True)
    kinds = args.kinds.split(',')
    plan = [('nap', int(r), args.formats.split(','), seed) for r in args.rows.split(',')]
    rounds = [('consultation', int(n), args.summary_formats.split(','), seed_consultation)
              for n in args.inputs.split(',')]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix='bench-exports-') as folder:
        for kind, rows, formats, seeder in [*plan, *rounds]:
            if kind not in kinds:
                continue
            url = f'sqlite:///{folder}/{kind}-{rows}.sqlite3'
            started = time.monotonic()
            subject_id = seeder(url, rows)
            print(f'{kind}: {rows} rows seeded in {time.monotonic() - started:.1f} s', flush=True)
            for fmt in formats:
                run = subprocess.run(
                    [sys.executable, __file__, '--one', url, kind, str(subject_id), fmt],
                    capture_output=True, text=True, cwd=ROOT,
                )  # fmt: skip
                if run.returncode:
                    print(run.stderr[-3000:], file=sys.stderr)
                    return 1
                result = json.loads(run.stdout.strip().splitlines()[-1])
                result['rows'] = rows
                result['load'] = round(os.getloadavg()[0], 1)
                results.append(result)
                print(_line(result), flush=True)
    print(
        '\n| kind | rows | format | build s | render s | total s | CPU s | peak MiB | size | goal |'
    )
    print('|---|---|---|---|---|---|---|---|---|---|')
    for r in results:
        print(_row(r))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=1))
    return 0


def _met(r: dict) -> str:
    goal = GOALS[r['format']]
    time_ok = r['total_s'] < goal
    memory_ok = r['peak_mib'] < MEMORY_GOAL_MIB
    if r['rows'] < 10000:
        return '—'
    return 'met' if time_ok and memory_ok else f'NOT met (< {goal} s, < 1 GiB)'


def _line(r: dict) -> str:
    pages = f', {r["pages"]} pages' if r.get('pages') else ''
    if r.get('processes'):
        pages += f', {r["processes"]} processes'
    if r.get('stages'):
        pages += '; stages start at ' + ', '.join(f'{k} {v} s' for k, v in r['stages'].items())
    return (
        f'{r["kind"]:<12} {r["rows"]:>6} {r["format"]:<5} build {r["build_s"]:>6} s'
        f'  render {r["render_s"]:>7} s'
        f'  cpu {r["cpu_s"]:>7} s  peak {r["peak_mib"]:>5} MiB  {r["bytes"] / 1e6:.1f} MB{pages}'
        f'  (load {r["load"]})'
    )


def _row(r: dict) -> str:
    size = f'{r["bytes"] / 1e6:.1f} MB' + (f', {r["pages"]} pages' if r.get('pages') else '')
    return (
        f'| {r["kind"]} | {r["rows"]:,} | {r["format"]} | {r["build_s"]} | {r["render_s"]} '
        f'| {r["total_s"]} '
        f'| {r["cpu_s"]} | {r["peak_mib"]} | {size} | {_met(r)} |'
    )


if __name__ == '__main__':
    sys.exit(main())
