"""PDF through WeasyPrint (Pango shapes Thai and breaks lines between words with libthai).

A long report is cut into pieces that are laid out side by side, one process per core
(:mod:`.pdf_layout`), and joined with pypdf. WeasyPrint costs some 0.05 CPU-s per page of plain
blocks (more in tables) and keeps a piece's whole layout in memory until it is written, so a
piece of a few hundred rows is both the unit of work and the bound on memory.

Each layout process repairs its piece's Thai text layer (:mod:`.pdf_text`) too. Pieces laid out
at the same time cannot know the page they start on, so the body is laid out without page
numbers; once every piece is done, one page showing only a number is laid out and every body
page's number is written from it (:mod:`.pdf_numbers`). The front matter (cover, contents) is
laid out then too, when the page of every entry of the contents is known.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader, PdfWriter

from ...config import export_setting
from .pdf_layout import Page, lay_out, warm_up
from .pdf_numbers import SAMPLE, Numbering, draw_numbers

__all__ = ['Page', 'Progress', 'default_processes', 'piece_size', 'render_pdf', 'report_base_url']

#: ``progress(done, total, stage)``: pieces laid out so far, of how many, and what is running.
Progress = Callable[[int, int, str], None]
#: ``number(n)``: a page that shows only its number, ``n`` (laid out once, numbered
#: ``pdf_numbers.SAMPLE``, to learn how the report writes its numbers).
NumberPage = Callable[[int], Page]


def _quiet_progress(done: int, total: int, stage: str) -> None:
    pass


#: prctl's option: the signal a process gets when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1

#: At most this many layout processes unless ``FORUM_EXPORT_PROCESSES`` says otherwise: each
#: holds a piece's layout (up to about 250 MiB, measured) and the worker some 240 MiB at 10,000
#: inputs, so that three keep an export under 1 GiB even if all peak at once.
MAX_PROCESSES = 3


def default_processes() -> int:
    """How many layout processes: ``FORUM_EXPORT_PROCESSES``, else the usable cores (at most 3)."""
    setting = export_setting('FORUM_EXPORT_PROCESSES')
    if setting is not None:
        return setting
    return max(1, min(MAX_PROCESSES, len(os.sched_getaffinity(0))))


#: The number of pieces is a multiple of this: one, two, three or six processes share them
#: evenly, and where a report is cut does not depend on how many processes lay it out (each
#: piece starts a new page, so the cuts decide the page numbers).
ROUNDS_OF = 6


def piece_size(items: int, most: int) -> int:
    """Items per piece: at most ``most``, in whole rounds of ``ROUNDS_OF`` pieces.

    One piece when everything fits in one (laid out in this process, no process to start);
    otherwise as many pieces as make whole rounds of ``ROUNDS_OF`` (fewer when pieces are of a
    few items and one fewer holds them all), so that no process, of one, two, three or six, is
    left alone with the last piece. The same report is cut in the same places, and so numbered
    the same, whatever ``FORUM_EXPORT_PROCESSES`` is.
    """
    if items <= most:
        return most
    pieces = -(-items // most)
    pieces = -(-pieces // ROUNDS_OF) * ROUNDS_OF
    return -(-items // pieces)


def _pool(processes: int) -> ProcessPoolExecutor:
    # Spawned, not forked: the caller may hold threads or a database connection.
    context = multiprocessing.get_context('spawn')
    return ProcessPoolExecutor(processes, mp_context=context, initializer=_layout_process)


def _layout_process() -> None:
    """A layout process's start: die with the process that started it, then warm up."""
    # PR_SET_PDEATHSIG (Linux): a worker killed outright (SIGKILL, the OOM killer) would
    # otherwise leave its layout processes waiting forever on the task queue.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:  # pragma: no cover
        raise OSError(ctypes.get_errno(), 'prctl(PR_SET_PDEATHSIG) failed')
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # pragma: no cover - died meanwhile
        os._exit(1)
    warm_up()


def _each_piece(body: Sequence[Page], pool: ProcessPoolExecutor | None, base_url, repair):
    """``(index, laid out)`` for every piece as it is done: in ``pool``, or here in turn."""
    if pool is None:
        for index, piece in enumerate(body):
            yield index, lay_out(piece, base_url, repair)
        return
    pending = {
        pool.submit(lay_out, piece, base_url, repair): index for index, piece in enumerate(body)
    }
    for future in as_completed(pending):
        yield pending[future], future.result()  # a piece's error: render_pdf cancels the rest


def render_pdf(
    front: Callable[[dict[str, int]], Page],
    body: Sequence[Page],
    number: NumberPage,
    out: BinaryIO,
    *,
    base_url: str,
    progress: Progress = _quiet_progress,
    repair: bool = True,
    processes: int | None = None,
) -> dict[str, int]:
    """Lay out ``body`` (pieces without page numbers), number it, add ``front``; write to ``out``.

    ``front`` gets the page number of every anchor (``id``) of the body. ``processes`` layout
    processes run at once (default: :func:`default_processes`, never more than the pieces).
    Returns the page and piece counts and what the text repair did (``repair=False`` leaves
    WeasyPrint's text layer, for comparison).
    """
    wanted = default_processes() if processes is None else processes
    workers = max(1, min(wanted, len(body)))
    total = len(body) + 2  # the pieces, the contents and numbers, the joining
    parts: list[bytes] = [b''] * len(body)
    page_anchors: list[list[list[str]]] = [[] for _ in body]
    stats: Counter[str] = Counter()
    pool = _pool(workers) if workers > 1 else None
    try:
        progress(0, total, 'layout')
        for done, (index, laid_out) in enumerate(
            _each_piece(body, pool, base_url, repair), start=1
        ):
            parts[index], page_anchors[index], piece_stats = laid_out
            stats.update(piece_stats)
            progress(done, total, 'layout')
        anchors: dict[str, int] = {}
        page = 0
        for chunk in page_anchors:
            for on_page in chunk:
                page += 1
                for anchor in on_page:
                    anchors.setdefault(anchor, page)
        progress(len(body), total, 'contents')
        if pool is None:
            front_pdf, _, front_stats = lay_out(front(anchors), base_url, repair)
            sample_pdf = lay_out(number(SAMPLE), base_url, repair)[0]
        else:
            front_job = pool.submit(lay_out, front(anchors), base_url, repair)
            sample_job = pool.submit(lay_out, number(SAMPLE), base_url, repair)
            front_pdf, _, front_stats = front_job.result()
            sample_pdf = sample_job.result()[0]
        stats.update(front_stats)
        numbering = Numbering.learn(sample_pdf)
    finally:
        if pool is not None:
            # On an error, the pieces not started are dropped; those running are waited for, so
            # that no layout process outlives the call.
            pool.shutdown(wait=True, cancel_futures=True)
    progress(len(body) + 1, total, 'joining')
    writer = PdfWriter()
    for data in [front_pdf, *parts]:
        writer.append(PdfReader(io.BytesIO(data)))
    draw_numbers(writer, list(writer.pages[len(writer.pages) - page :]), 1, numbering)
    writer.compress_identical_objects()
    writer.write(out)
    progress(total, total, 'done')
    counts = {'fonts': 0, 'sara_am': 0, 'nikhahit': 0, **stats} if repair else {}
    return {
        'pages': len(writer.pages), 'body_pages': page, 'pieces': len(body),
        'processes': workers, **counts,
    }  # fmt: skip


def report_base_url() -> str:
    """The base URL of the report templates (relative links in them resolve here)."""
    return (Path(__file__).resolve().parent.parent / 'templates' / 'exports').as_uri() + '/'
