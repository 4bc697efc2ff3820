"""The one registry of exporters: ``(kind, format) -> exporter``, for the routes and the CLI.

An exporter has two halves. ``build`` runs where the database and the translations are (a
request, the CLI): it reads what the viewer may read and returns a plain document (dicts, lists,
text, numbers) in the export's language. ``render`` turns that document into a file and needs
nothing else, so a worker process can run it (``forum.exports.jobs``) and a test can call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from flask_babel import lazy_gettext as _l

from ..core.refusals import Refused

LANGUAGES = ('th', 'en')
#: Numerals in PDF and DOCX: Arabic (0-9) or Thai (๐-๙), as in official letters.
DIGITS = ('arabic', 'thai')


@dataclass(frozen=True)
class Options:
    """What the reader chose: the export's language and its numerals."""

    lang: str = 'th'
    digits: str = 'arabic'


def digits_suffix(options: Options) -> str:
    """``-thai-digits`` for a file with Thai numerals: it does not take the other's name."""
    return '-thai-digits' if options.digits == 'thai' else ''


@dataclass(frozen=True)
class Kind:
    """Something that can be exported, e.g. ``nap``: how to find one for a viewer."""

    name: str
    #: ``load(id, viewer)`` -> the subject, or None when there is none the viewer may read.
    load: Callable[[int, Any], Any]
    #: ``filename(subject, options)`` -> the file name without its extension.
    filename: Callable[[Any, Options], str]


@dataclass(frozen=True)
class Exporter:
    """One format of one kind."""

    kind: str
    format: str
    media_type: str
    #: ``build(subject, options, viewer)`` -> the plain document (needs the app and database).
    build: Callable[[Any, Options, Any], dict]
    #: ``render(document, out, progress)`` writes the file (needs neither).
    render: Callable[[dict, BinaryIO, Callable[[int, int, str], None]], Any]
    #: Slow enough to run in a worker process, with progress shown in the browser.
    background: bool = False
    #: ``shape(collected)`` -> the document, when ``build`` only collects from the database:
    #: plain Python (no app, no database), run off the gevent hub by :func:`build_document`.
    shape: Callable[[dict], dict] | None = None


_KINDS: dict[str, Kind] = {}
_EXPORTERS: dict[tuple[str, str], Exporter] = {}


def register_kind(kind: Kind) -> Kind:
    """Add a kind of export."""
    _KINDS[kind.name] = kind
    return kind


def register(exporter: Exporter) -> Exporter:
    """Add an exporter for ``(exporter.kind, exporter.format)``."""
    _EXPORTERS[(exporter.kind, exporter.format)] = exporter
    return exporter


def kinds() -> list[str]:
    """The kinds that can be exported."""
    _load_exporters()
    return sorted(_KINDS)


def formats(kind: str) -> list[str]:
    """The formats of ``kind``, in the order they were registered."""
    _load_exporters()
    return [fmt for (k, fmt) in _EXPORTERS if k == kind]


def kind(name: str) -> Kind:
    """The kind ``name``, or a refusal (400) listing the known kinds."""
    _load_exporters()
    if name not in _KINDS:
        raise Refused(
            _l(
                'Unknown export %(value)s; known: %(known)s.',
                value=repr(name),
                known=_join(kinds()),
            )
        )
    return _KINDS[name]


def exporter(kind_name: str, fmt: str) -> Exporter:
    """The exporter of ``kind_name`` in ``fmt``, or a refusal (400) listing the formats."""
    kind(kind_name)
    found = _EXPORTERS.get((kind_name, fmt))
    if found is None:
        raise Refused(
            _l(
                'Unknown format %(value)s; accepted formats: %(known)s.',
                value=repr(fmt),
                known=_join(formats(kind_name)),
            )
        )
    return found


def options(lang: str | None, digits: str | None, *, default_lang: str = 'th') -> Options:
    """The reader's choices, or a refusal (400) naming the accepted values."""
    lang = default_lang if lang is None else lang
    if lang not in LANGUAGES:
        raise Refused(
            _l(
                'Unknown language %(value)s; accepted languages: %(known)s.',
                value=repr(lang),
                known=_join(LANGUAGES),
            )
        )
    digits = 'arabic' if digits is None else digits
    if digits not in DIGITS:
        raise Refused(
            _l(
                'Unknown digits %(value)s; accepted digits: %(known)s.',
                value=repr(digits),
                known=_join(DIGITS),
            )
        )
    return Options(lang=lang, digits=digits)


def build_document(exporter: Exporter, subject, options: Options, viewer) -> dict:
    """The exporter's document, built with the export's language as the current one.

    Reading the database stays where the session is (the request); an exporter's ``shape``
    (formatting, grouping: the CPU-heavy part) runs off the gevent hub.
    """
    from flask_babel import force_locale

    from ..core.offload import off_hub

    with force_locale(options.lang):
        collected = exporter.build(subject, options, viewer)
    if exporter.shape is None:
        return collected
    return off_hub(exporter.shape, collected)


def _join(values) -> str:
    return ', '.join(values)


def _load_exporters() -> None:
    """Import the modules that register exporters (once; they register on import)."""
    from . import consultation, nap  # noqa: F401
