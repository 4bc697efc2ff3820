"""Page numbers for a report whose body was laid out in pieces (see ``pdf.py``).

WeasyPrint costs a few milliseconds for every page, even one that shows only its number: a
thousand pages of numbers alone took several CPU-seconds. So one page is laid out, numbered
``SAMPLE`` (every digit once, in the report's own style and font), and each body page's number is
written from it: the same text operators, the glyph codes of its own digits, moved left by half
the difference in width so that it stays centred.

Each number is a form (an XObject with its own resources, so that its font's name cannot clash
with the page's) drawn after the page's own content, which is left as it is: still compressed,
never parsed. The page's content is wrapped in ``q``/``Q`` first, so that whatever state it
leaves does not move the number.

This relies on how WeasyPrint 70 writes one line of text, and on pypdf's private
``PdfWriter._add_object``: both are pinned (:func:`check_versions` refuses others at start-up),
and ``tests/exports/test_pdf_pieces.py`` compares the result with WeasyPrint's own numbers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import metadata

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

#: The number of the sample page: each digit once, in order.
SAMPLE = 1234567890
_DIGITS = '1234567890'

#: The name the number's form has in each page's resources.
FORM = '/ForumPageNumber'

#: Versions whose output and internals the PDF code was checked against: WeasyPrint's way of
#: writing text (here and in ``pdf_text.py``) and pypdf's ``PdfWriter._add_object`` (here).
PINNED = {'weasyprint': '70.0', 'pypdf': '7.1.1'}

#: One line of text as WeasyPrint 70 writes it: a text matrix, a font, glyph codes with
#: adjustments.
_LINE = re.compile(
    rb'(?P<head>.*BT\n1 0 0 -1 )(?P<x>-?[0-9.]+)(?P<y> -?[0-9.]+ Tm\n/(?P<font>[^\s/]+) '
    rb'(?P<size>[0-9.]+) Tf\n)\[(?P<glyphs>[^\]]*)\] TJ(?P<tail>\nET\n.*)',
    re.DOTALL,
)
_GLYPH = re.compile(rb'<([0-9a-fA-F]{4})>(-?[0-9.]+)')


def check_versions() -> None:
    """Refuse to start on other versions of WeasyPrint or pypdf (RuntimeError)."""
    found = {name: metadata.version(name) for name in PINNED}
    if found != PINNED or not hasattr(PdfWriter, '_add_object'):
        raise RuntimeError(
            f'PDF exports were checked with {PINNED}, found {found}: run tests/exports with '
            'the new versions, then update PINNED in forum/exports/render/pdf_numbers.py '
            'and pyproject.toml.'
        )


class _Default(dict):
    """Widths by glyph code, with the font's default width for a code not listed."""

    def __init__(self, values: dict[int, float], default: float):
        super().__init__(values)
        self.default = default

    def __missing__(self, code: int) -> float:
        return self.default


def _widths(descendant) -> _Default:
    """Glyph code -> advance width (thousandths of the font size), from a CID font's ``/W``."""
    widths: dict[int, float] = {}
    entries = list(descendant.get('/W', []))
    index = 0
    while index < len(entries):
        first, following = int(entries[index]), entries[index + 1]
        if isinstance(following, ArrayObject | list):
            widths.update({first + k: float(w) for k, w in enumerate(following)})
            index += 2
        else:
            width = float(entries[index + 2])
            widths.update({code: width for code in range(first, int(following) + 1)})
            index += 3
    default = float(descendant.get('/DW', 1000))
    return _Default(widths, default)


@dataclass
class Numbering:
    """How to write any page's number, learnt from the sample page."""

    head: bytes
    y_and_font: bytes
    tail: bytes
    prefix: list[int]
    digits: dict[str, int]
    suffix: list[int]
    widths: dict[int, float]
    size: float
    centre: float
    page: object  # the sample page: its resources and media box

    @classmethod
    def learn(cls, sample_pdf: bytes) -> Numbering:
        """Read the sample page (numbered :data:`SAMPLE`); RuntimeError if it is not as expected."""
        page = PdfReader(io.BytesIO(sample_pdf)).pages[0]
        contents = page.get_contents()
        line = _LINE.fullmatch(contents.get_data()) if contents is not None else None
        if line is None:
            raise RuntimeError('the sample page of numbers is not one line of text as expected')
        glyphs = _GLYPH.findall(line['glyphs'])
        codes = [int(code, 16) for code, _ in glyphs]
        around = len(codes) - len(_DIGITS)
        prefix, suffix = codes[: around // 2], codes[around // 2 + len(_DIGITS) :]
        if (
            around < 0
            or around % 2
            or prefix != suffix[::-1]
            or any(float(adjust) for _, adjust in glyphs)
        ):
            raise RuntimeError(f'unexpected glyphs in the sample page of numbers: {glyphs}')
        font = page['/Resources']['/Font']['/' + line['font'].decode('latin-1')]
        widths = _widths(font['/DescendantFonts'][0].get_object())
        size = float(line['size'])
        width = sum(widths[code] for code in codes) * size / 1000
        return cls(
            head=line['head'],
            y_and_font=line['y'],
            tail=line['tail'],
            prefix=prefix,
            digits=dict(zip(_DIGITS, codes[len(prefix) : len(prefix) + 10], strict=True)),
            suffix=suffix,
            widths=widths,
            size=size,
            centre=float(line['x']) + width / 2,
            page=page,
        )

    def content(self, number: int) -> bytes:
        """The sample page's content, showing ``number`` instead, centred the same."""
        codes = [*self.prefix, *(self.digits[d] for d in str(number)), *self.suffix]
        width = sum(self.widths[code] for code in codes) * self.size / 1000
        glyphs = b''.join(b'<%04x>0' % code for code in codes)
        x = b'%.6f' % (self.centre - width / 2)
        return self.head + x + self.y_and_font + b'[' + glyphs + b'] TJ' + self.tail


def _add_stream(writer: PdfWriter, data: bytes, **entries):
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject('/' + key)] = value
    return writer._add_object(stream.flate_encode() if len(data) > 64 else stream)


def draw_numbers(writer: PdfWriter, pages: list, first: int, numbering: Numbering) -> None:
    """Number ``pages`` (pages of ``writer``) from ``first``, in ``numbering``'s style."""
    resources = writer._add_object(numbering.page['/Resources'].get_object().clone(writer))
    bbox = ArrayObject(numbering.page.mediabox)
    before = _add_stream(writer, b'q\n')
    after = _add_stream(writer, b'\nQ q ' + FORM.encode() + b' Do Q\n')
    for number, page in enumerate(pages, start=first):
        form = _add_stream(
            writer, numbering.content(number), Type=NameObject('/XObject'),
            Subtype=NameObject('/Form'), BBox=bbox, Resources=resources,
        )  # fmt: skip
        own = page.get('/Resources')
        own = DictionaryObject(own.get_object() if own is not None else {})
        xobjects = own.get('/XObject')
        xobjects = DictionaryObject(xobjects.get_object() if xobjects is not None else {})
        if FORM in xobjects:  # pragma: no cover - WeasyPrint names its own forms otherwise
            raise RuntimeError(f'the page already has a resource named {FORM}')
        xobjects[NameObject(FORM)] = form
        own[NameObject('/XObject')] = xobjects
        page[NameObject('/Resources')] = own
        contents = page.raw_get('/Contents') if '/Contents' in page else None
        if contents is None:
            drawn = []
        elif isinstance(contents.get_object(), ArrayObject):
            drawn = list(contents.get_object())
        else:
            drawn = [contents]  # a reference: a page's content stream is always indirect
        page[NameObject('/Contents')] = ArrayObject([before, *drawn, after])
