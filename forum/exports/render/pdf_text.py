"""Make the Thai text of a WeasyPrint PDF copy, search and read aloud as it was written.

A PDF draws glyphs; a reader gets text back through each font's ToUnicode table (glyph -> text).
WeasyPrint 70 writes that table badly for Thai, in two ways (docs/exports.md "Thai text in PDF"):

1. HarfBuzz's Thai shaper draws SARA AM (ำ) as NIKHAHIT + SARA AA and moves the NIKHAHIT before a
   tone mark: "น้ำ" is drawn น, [NIKHAHIT+MAI THO] (one Sarabun glyph), า. The า is the glyph of
   every plain SARA AA, so no glyph -> text table can give "ำ" back: "น้ำ" reads as "นา".
2. Each glyph's entry is the text of the first cluster it was seen in: a glyph that is not the
   last of its cluster gets "", and glyphs reached only through the font's substitutions (the
   NIKHAHIT+tone ligatures, the small tone marks) get "" or the text of whatever came first.

This module rewrites the PDF after WeasyPrint: every glyph's text is rebuilt from the font (its
character map, and for substituted glyphs the characters they stand for), and each SARA AA drawn
right after a NIKHAHIT glyph is re-coded to a new code that draws the same glyph but reads "ำ".
Pages look the same to the pixel; the text reads back exactly in pypdf and poppler alike.

It relies on how WeasyPrint writes text (4-hex-digit glyph codes after ``Tf``, TrueType fonts as
``CIDFontType2`` with ``/CIDToGIDMap /Identity``): WeasyPrint and pypdf are pinned to exact
versions, and tests/exports/test_pdf_text.py checks the result.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    IndirectObject,
    NameObject,
    NumberObject,
)

NIKHAHIT, SARA_AA, SARA_AM = '\u0e4d', '\u0e32', '\u0e33'
TONE_MARKS = frozenset('\u0e48\u0e49\u0e4a\u0e4b')
#: A font selection (``/F1 12 Tf``) or a hex string of glyph codes (``<00190e4d>``).
_TOKEN = re.compile(rb'/([^\s/<>\[\]()%]+)\s+[-+0-9.]+\s+Tf\b|<([0-9a-fA-F]*)>')


def glyph_texts(font: TTFont) -> dict[str, str]:
    """Each glyph name of ``font`` -> the text it stands for (character map, then substitutions).

    A substituted glyph (single or alternate) reads as its source; a ligature as its components;
    the first glyph of a multiple substitution as the source (the others as nothing).
    """
    texts: dict[str, str] = {}
    for code, name in sorted(font.getBestCmap().items()):
        texts.setdefault(name, chr(code))
    if 'GSUB' not in font:
        return texts
    ligatures: set[str] = set()
    for _ in range(8):  # chained substitutions reach some glyphs only through others
        changed = False
        for lookup in font['GSUB'].table.LookupList.Lookup:
            for table in lookup.SubTable:
                if lookup.LookupType == 7:  # an extension wraps the real subtable
                    table = table.ExtSubTable
                changed |= _substitutions(table, texts, ligatures)
        if not changed:
            break
    return texts


def _substitutions(table, texts: dict[str, str], ligatures: set[str]) -> bool:
    changed = False
    kind = type(table).__name__
    if kind in ('SingleSubst', 'AlternateSubst'):
        pairs = table.mapping.items() if kind == 'SingleSubst' else table.alternates.items()
        for source, targets in pairs:
            for target in [targets] if isinstance(targets, str) else targets:
                if source in texts and target not in texts:
                    texts[target] = texts[source]
                    changed = True
    elif kind == 'MultipleSubst':
        for source, targets in table.mapping.items():
            if source in texts and targets and targets[0] not in texts:
                texts[targets[0]] = texts[source]
                for other in targets[1:]:
                    texts.setdefault(other, '')
                changed = True
    elif kind == 'LigatureSubst':
        # A ligature reads as its components even when the character map also names it
        # (Sarabun maps its "fi" glyph from U+FB01 too).
        for first, items in table.ligatures.items():
            for lig in items:
                parts = [first, *lig.Component]
                if lig.LigGlyph not in ligatures and all(p in texts for p in parts):
                    texts[lig.LigGlyph] = ''.join(texts[p] for p in parts)
                    ligatures.add(lig.LigGlyph)
                    changed = True
    return changed


@dataclass
class _Font:
    """What the rewrite knows of one embedded font."""

    obj: object  # the Type0 font dictionary
    descendant: object
    #: glyph id -> text, from the original font.
    texts: dict[int, str]
    sara_aa: int | None
    #: Glyphs whose text holds a NIKHAHIT (the NIKHAHIT and its ligatures with a tone mark).
    nikhahit: set[int]
    next_code: int
    #: Codes WeasyPrint's own encoding sends elsewhere than their glyph id (missing glyphs).
    remap: dict[int, int] = field(default_factory=dict)
    #: (glyph id, text) -> the new code that draws that glyph and reads as that text.
    aliases: dict[tuple[int, str], int] = field(default_factory=dict)

    def alias(self, gid: int, text: str) -> int:
        key = (gid, text)
        if key not in self.aliases:
            self.aliases[key] = self.next_code
            self.next_code += 1
        return self.aliases[key]


class _Originals:
    """The original TrueType files, by full font name, with their glyph texts by glyph id."""

    def __init__(self, paths: list[Path]):
        self._by_name: dict[str, dict[int, str]] = {}
        for path in paths:
            font = TTFont(path, lazy=True)
            texts = glyph_texts(font)
            self._by_name[font['name'].getDebugName(4)] = {
                font.getGlyphID(name): text for name, text in texts.items()
            }

    def texts_for(self, embedded: TTFont) -> dict[int, str]:
        """Glyph id -> text: the original's (WeasyPrint keeps glyph ids when subsetting)."""
        name = embedded['name'].getDebugName(4) if 'name' in embedded else None
        texts = dict(self._by_name.get(name, {}))
        for code, glyph in sorted((embedded.getBestCmap() or {}).items()):
            texts.setdefault(embedded.getGlyphID(glyph), chr(code))
        return texts


def fix_thai_text(writer: PdfWriter, font_files: list[Path]) -> dict[str, int]:
    """Rewrite ``writer``'s fonts and pages in place so that Thai text extracts exactly.

    ``font_files`` are the TrueType files the PDF embeds subsets of. Returns counts: fonts
    rewritten, SARA AM re-coded, lone NIKHAHIT kept.
    """
    originals = _originals(tuple(font_files))
    fonts: dict[tuple[int, int], _Font | None] = {}
    stats = {'fonts': 0, 'sara_am': 0, 'nikhahit': 0}

    def font_of(entry) -> _Font | None:
        # A page's /Font entry: a reference to the font dictionary (WeasyPrint's), or the
        # dictionary itself.
        if entry is None:
            return None
        ref = entry if isinstance(entry, IndirectObject) else entry.indirect_reference
        if ref is None:
            return None
        key = (ref.idnum, ref.generation)
        if key not in fonts:
            fonts[key] = _prepare(ref.get_object(), originals)
            stats['fonts'] += fonts[key] is not None
        return fonts[key]

    for page in writer.pages:
        resources = page.get('/Resources')
        contents = page.get('/Contents')
        if resources is None or contents is None:
            continue
        contents = contents.get_object()
        streams = (
            [s.get_object() for s in contents] if isinstance(contents, ArrayObject) else [contents]
        )
        _rewrite(streams, resources.get_object(), font_of, stats)
        for xobject in resources.get_object().get('/XObject', {}).values():
            xobject = xobject.get_object()
            if xobject.get('/Subtype') == '/Form' and xobject.get('/Resources') is not None:
                _rewrite([xobject], xobject['/Resources'].get_object(), font_of, stats)

    for font in fonts.values():
        if font is not None:
            _write_tounicode(writer, font)
            if font.aliases or font.remap:
                _write_cid_map(writer, font)
    return stats


@lru_cache(maxsize=2)
def _originals(paths: tuple[Path, ...]) -> _Originals:
    # Read once per process: a long PDF is repaired piece by piece (render/pdf.py).
    return _Originals(list(paths))


def _prepare(obj, originals: _Originals) -> _Font | None:
    """The font's glyph texts, when it is a TrueType font WeasyPrint wrote; else None."""
    if obj.get('/Subtype') != '/Type0':
        return None
    descendant = obj['/DescendantFonts'][0].get_object()
    descriptor = descendant.get('/FontDescriptor')
    descriptor = descriptor.get_object() if descriptor is not None else {}
    if (
        descendant.get('/Subtype') != '/CIDFontType2'
        or descendant.get('/CIDToGIDMap') != '/Identity'
        or '/FontFile2' not in descriptor
        or '/ToUnicode' not in obj
    ):
        return None
    encoding = obj.get('/Encoding')
    remap: dict[int, int] = {}
    if encoding != '/Identity-H':
        # WeasyPrint writes an encoding of its own when a character has no glyph in the font (an
        # emoji in Sarabun): codes map to themselves, a missing one to glyph 0. pypdf cannot read
        # text through such an encoding; the CID map below does the same job (_write_cid_map).
        stream = encoding.get_object() if encoding is not None else None
        if stream is None or not hasattr(stream, 'get_data'):
            return None
        remap = {
            code: cid for code, cid in _read_cid_encoding(stream.get_data()).items() if code != cid
        }
        obj[NameObject('/Encoding')] = NameObject('/Identity-H')
    embedded = TTFont(io.BytesIO(descriptor['/FontFile2'].get_object().get_data()), lazy=True)
    texts = originals.texts_for(embedded)
    cmap = embedded.getBestCmap() or {}
    sara_aa = embedded.getGlyphID(cmap[ord(SARA_AA)]) if ord(SARA_AA) in cmap else None
    count = embedded['maxp'].numGlyphs
    written = _read_tounicode(obj['/ToUnicode'].get_object().get_data())
    for gid, text in written.items():
        texts.setdefault(gid, text)
    return _Font(
        obj=obj,
        descendant=descendant,
        texts=texts,
        sara_aa=sara_aa,
        nikhahit={gid for gid, text in texts.items() if NIKHAHIT in text},
        next_code=max([count, *(gid + 1 for gid in written), *(code + 1 for code in remap)]),
        remap=remap,
    )


def _rewrite(streams: list, resources, font_of, stats: dict[str, int]) -> None:
    """Re-code SARA AA after a NIKHAHIT glyph, and a NIKHAHIT that stands alone, in place.

    Codes keep their length (4 hex digits), so the streams are edited byte for byte.
    """
    names = resources.get('/Font')
    names = names.get_object() if names is not None else {}
    buffers = [bytearray(s.get_data()) for s in streams]
    changed = [False] * len(buffers)
    current: _Font | None = None
    pending: tuple[_Font, int, int, int] | None = None  # font, glyph, buffer, offset

    def put(index: int, offset: int, code: int) -> None:
        buffers[index][offset : offset + 4] = b'%04x' % code
        changed[index] = True

    def settle_pending() -> None:
        # A NIKHAHIT not followed by SARA AA keeps its own text, NIKHAHIT included.
        font, gid, index, offset = pending
        put(index, offset, font.alias(gid, font.texts[gid]))
        stats['nikhahit'] += 1

    for index, data in enumerate(bytes(b) for b in buffers):
        for match in _TOKEN.finditer(data):
            if match.group(1) is not None:
                current = font_of(names.get('/' + match.group(1).decode('latin-1')))
                continue
            if current is None:
                continue
            digits, start = match.group(2), match.start(2)
            for k in range(0, len(digits) - 3, 4):
                gid, offset = int(digits[k : k + 4], 16), start + k
                if pending and pending[0] is current and gid == current.sara_aa:
                    put(index, offset, current.alias(gid, SARA_AM))
                    stats['sara_am'] += 1
                    pending = None
                    continue
                if (
                    pending
                    and pending[0] is current
                    and current.texts.get(gid, '')[:1] in TONE_MARKS
                ):
                    continue  # a tone mark drawn between the NIKHAHIT and the SARA AA
                if pending:
                    settle_pending()
                    pending = None
                if gid in current.nikhahit:
                    pending = (current, gid, index, offset)
    if pending:
        settle_pending()
    for stream, buffer, was_changed in zip(streams, buffers, changed, strict=True):
        if was_changed:
            stream.set_data(bytes(buffer))


def _read_tounicode(data: bytes) -> dict[int, str]:
    """The glyph -> text entries of a ToUnicode CMap (``bfchar`` and ``bfrange``)."""
    table: dict[int, str] = {}
    text = data.decode('latin-1')
    for block in re.findall(r'beginbfchar(.*?)endbfchar', text, re.S):
        for code, hexed in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>', block):
            table[int(code, 16)] = bytes.fromhex(hexed).decode('utf-16-be') if hexed else ''
    for block in re.findall(r'beginbfrange(.*?)endbfrange', text, re.S):
        for low, high, hexed in re.findall(
            r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>', block
        ):
            first = int(hexed, 16)
            for k, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(first + k)
    return table


def _read_cid_encoding(data: bytes) -> dict[int, int]:
    """The code -> CID entries of an encoding CMap (``cidchar`` and ``cidrange``)."""
    table: dict[int, int] = {}
    text = data.decode('latin-1')
    for block in re.findall(r'begincidchar(.*?)endcidchar', text, re.S):
        for code, cid in re.findall(r'<([0-9a-fA-F]+)>\s*(\d+)', block):
            table[int(code, 16)] = int(cid)
    for block in re.findall(r'begincidrange(.*?)endcidrange', text, re.S):
        for low, high, cid in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)', block):
            for k, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = int(cid) + k
    return table


def _write_tounicode(writer: PdfWriter, font: _Font) -> None:
    """Replace the font's ToUnicode: the font's own texts, the NIKHAHIT moved to the aliases."""
    written = _read_tounicode(font.obj['/ToUnicode'].get_object().get_data())
    table = {}
    for gid in written:
        text = font.texts.get(gid, written[gid])
        # Drawn before a SARA AA, the NIKHAHIT is part of the "ำ" its alias reads as.
        table[gid] = text.replace(NIKHAHIT, '') if gid in font.nikhahit else text
    for (_gid, text), code in font.aliases.items():
        table[code] = text
    lines = [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange',
        '<0000> <ffff>',
        'endcodespacerange',
    ]
    items = sorted(table.items())
    for start in range(0, len(items), 100):  # at most 100 entries per block (PDF spec)
        chunk = items[start : start + 100]
        lines.append(f'{len(chunk)} beginbfchar')
        lines += [f'<{code:04x}> <{text.encode("utf-16-be").hex()}>' for code, text in chunk]
        lines.append('endbfchar')
    lines += ['endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end']
    stream = DecodedStreamObject()
    stream.set_data('\n'.join(lines).encode('ascii'))
    font.obj[NameObject('/ToUnicode')] = writer._add_object(stream)


def _write_cid_map(writer: PdfWriter, font: _Font) -> None:
    """A CIDToGIDMap where each alias code draws its glyph, with the glyph's width."""
    gids = list(range(font.next_code))
    for code, gid in font.remap.items():
        gids[code] = gid
    for (gid, _text), code in font.aliases.items():
        gids[code] = gid
    stream = DecodedStreamObject()
    stream.set_data(b''.join(g.to_bytes(2, 'big') for g in gids))
    font.descendant[NameObject('/CIDToGIDMap')] = writer._add_object(stream)
    widths = _widths(font.descendant.get('/W'))
    extra = ArrayObject()
    for (gid, _text), code in font.aliases.items():
        if gid in widths:
            extra += [NumberObject(code), ArrayObject([widths[gid]])]
    if extra:
        current = font.descendant.get('/W')
        current = list(current.get_object()) if current is not None else []
        font.descendant[NameObject('/W')] = ArrayObject(current + list(extra))


def _widths(w) -> dict[int, object]:
    """Glyph code -> width, from a CID font's ``/W`` array (both of its forms)."""
    widths: dict[int, object] = {}
    if w is None:
        return widths
    w = w.get_object()
    i = 0
    while i < len(w):
        first = int(w[i])
        following = w[i + 1].get_object()
        if isinstance(following, ArrayObject):
            for k, value in enumerate(following):
                widths[first + k] = value
            i += 2
        else:
            for code in range(first, int(following) + 1):
                widths[code] = w[i + 2]
            i += 3
    return widths
