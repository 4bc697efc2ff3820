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

import io
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
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


def piece_size(items: int, most: int, processes: int | None = None) -> int:
    """Items per piece: at most ``most``, in a number of pieces the processes share evenly.

    One piece when everything fits in one (laid out in this process, no process to start);
    otherwise as many pieces as make whole rounds of ``processes`` (default
    :func:`default_processes`), so that no process is left alone with the last piece.
    """
    if items <= most:
        return most
    workers = default_processes() if processes is None else max(1, processes)
    pieces = -(-items // most)
    pieces = -(-pieces // workers) * workers
    return -(-items // pieces)


class _Here(Executor):
    """Lay out in this process (one piece, or one process asked for): no start-up to pay."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(error)
        return future


def _executor(processes: int) -> Executor:
    if processes <= 1:
        return _Here()
    # Spawned, not forked: the caller may hold threads or a database connection.
    context = multiprocessing.get_context('spawn')
    return ProcessPoolExecutor(processes, mp_context=context, initializer=warm_up)


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
    Returns the page counts and what the text repair did (``repair=False`` leaves WeasyPrint's
    text layer, for comparison).
    """
    wanted = default_processes() if processes is None else processes
    workers = max(1, min(wanted, len(body)))
    total = len(body) + 2  # the pieces, the contents and numbers, the joining
    parts: list[bytes] = [b''] * len(body)
    page_anchors: list[list[list[str]]] = [[] for _ in body]
    stats: Counter[str] = Counter()
    with _executor(workers) as pool:
        pending = {
            pool.submit(lay_out, piece, base_url, repair): index for index, piece in enumerate(body)
        }
        progress(0, total, 'layout')
        for done, future in enumerate(as_completed(pending), start=1):
            index = pending[future]
            parts[index], page_anchors[index], piece_stats = future.result()
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
        front_job = pool.submit(lay_out, front(anchors), base_url, repair)
        sample_job = pool.submit(lay_out, number(SAMPLE), base_url, repair)
        front_pdf, _, front_stats = front_job.result()
        stats.update(front_stats)
        numbering = Numbering.learn(sample_job.result()[0])
    progress(len(body) + 1, total, 'joining')
    writer = PdfWriter()
    for data in [front_pdf, *parts]:
        writer.append(PdfReader(io.BytesIO(data)))
    draw_numbers(writer, list(writer.pages[len(writer.pages) - page :]), 1, numbering)
    writer.compress_identical_objects()
    writer.write(out)
    progress(total, total, 'done')
    counts = {'fonts': 0, 'sara_am': 0, 'nikhahit': 0, **stats} if repair else {}
    return {'pages': len(writer.pages), 'body_pages': page, 'processes': workers, **counts}


def report_base_url() -> str:
    """The base URL of the report templates (relative links in them resolve here)."""
    return (Path(__file__).resolve().parent.parent / 'templates' / 'exports').as_uri() + '/'
