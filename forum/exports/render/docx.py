"""Word documents an official can edit: real headings and tables, Sarabun for Thai.

Word sets Thai with the complex-script properties of a style: the ``w:cs`` font, ``w:szCs`` size,
``w:bCs`` bold and the ``w:lang w:bidi`` language. Setting ``run.font.name`` alone leaves Thai in
the theme's font; and python-docx's template gives headings theme fonts, which win over a font
name, so they are removed. A DOCX names its font, it does not embed it: readers need Sarabun (or
TH Sarabun New, which Word substitutes) installed.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from .fonts import FAMILY

#: Style -> (size in points, bold).
STYLES = {
    'Normal': (12, None),
    'Title': (22, True),
    'Subtitle': (16, None),
    'Heading 1': (17, True),
    'Heading 2': (14, True),
    'Heading 3': (12, True),
    'Table Grid': (10, None),
    'TOC Heading': (17, True),
}
_THEME_ATTRIBUTES = ('w:asciiTheme', 'w:hAnsiTheme', 'w:eastAsiaTheme', 'w:cstheme')


def _set_fonts(rpr, size: float | None, bold: bool | None, lang: str) -> None:
    """Sarabun on all four font slots, sizes and bold for complex script too, the language."""
    fonts = rpr.find(qn('w:rFonts'))
    if fonts is None:
        fonts = OxmlElement('w:rFonts')
        rpr.insert(0, fonts)
    for name in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(name), None)
    for slot in ('w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs'):
        fonts.set(qn(slot), FAMILY)
    if bold is not None:
        value = '1' if bold else '0'
        rpr.get_or_add_b().set(qn('w:val'), value)
        bcs = rpr.find(qn('w:bCs'))
        if bcs is None:
            bcs = OxmlElement('w:bCs')
            rpr.find(qn('w:b')).addnext(bcs)
        bcs.set(qn('w:val'), value)
    if size is not None:
        half_points = str(int(size * 2))
        rpr.get_or_add_sz().set(qn('w:val'), half_points)
        szcs = rpr.find(qn('w:szCs'))
        if szcs is None:
            szcs = OxmlElement('w:szCs')
            rpr.find(qn('w:sz')).addnext(szcs)
        szcs.set(qn('w:val'), half_points)
    element = rpr.find(qn('w:lang'))
    if element is None:
        element = OxmlElement('w:lang')
        rpr.append(element)  # last of the children this module writes: schema order holds
    element.set(qn('w:val'), 'th-TH' if lang == 'th' else 'en-GB')
    element.set(qn('w:eastAsia'), 'th-TH' if lang == 'th' else 'en-GB')
    element.set(qn('w:bidi'), 'th-TH')


def new_document(lang: str):
    """An A4 document whose styles set Thai in Sarabun (margins as a Thai official document)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    defaults = doc.styles.element.find(qn('w:docDefaults')).find(qn('w:rPrDefault'))
    _set_fonts(defaults.find(qn('w:rPr')), 12, None, lang)
    for name, (size, bold) in STYLES.items():
        for style_name in (name, f'{name} Char'):
            try:
                style = doc.styles[style_name]
            except KeyError:
                continue
            _set_fonts(style.element.get_or_add_rPr(), size, bold, lang)
            if style_name.startswith(('Heading', 'Title', 'Subtitle', 'TOC')):
                style.font.color.rgb = None  # the template's blue headings
    settings = doc.settings.element
    theme = settings.find(qn('w:themeFontLang'))
    if theme is None:
        theme = OxmlElement('w:themeFontLang')
        settings.append(theme)
    theme.set(qn('w:val'), 'en-GB')
    theme.set(qn('w:bidi'), 'th-TH')
    # Fields (contents, page numbers) are brought up to date when the document is opened.
    update = OxmlElement('w:updateFields')
    update.set(qn('w:val'), 'true')
    settings.append(update)
    doc.core_properties.language = 'th-TH' if lang == 'th' else 'en-GB'
    return doc


def _field(paragraph, instruction: str, placeholder: str = '') -> None:
    """A Word field (``PAGE``, ``TOC …``) in ``paragraph``."""
    run = paragraph.add_run()
    for kind, text in (('begin', None), (None, instruction), ('separate', None)):
        if kind:
            element = OxmlElement('w:fldChar')
            element.set(qn('w:fldCharType'), kind)
        else:
            element = OxmlElement('w:instrText')
            element.set(qn('xml:space'), 'preserve')
            element.text = f' {text} '
        run._r.append(element)
    if placeholder:
        paragraph.add_run(placeholder)
    end = OxmlElement('w:fldChar')
    end.set(qn('w:fldCharType'), 'end')
    paragraph.add_run()._r.append(end)


def page_numbers(doc, digits: str) -> None:
    """The page number at the top centre, ``- 1 -`` (``- ๑ -`` with Thai digits)."""
    header = doc.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run('- ')
    _field(header, 'PAGE \\* ThaiArabic' if digits == 'thai' else 'PAGE', '1')
    header.add_run(' -')
    doc.sections[0].different_first_page_header_footer = True  # no number on the cover


class Body:
    """The document's body written as WordprocessingML text, added to the document in one piece.

    python-docx's own ``add_paragraph`` and ``add_table`` look for the end of the body among all
    its children each time (minutes for a long plan: the cost grows with the square of its
    length); so does its cell-by-cell table interface. Text is escaped here; line breaks become
    ``w:br``.
    """

    def __init__(self):
        self.parts: list[str] = []

    def paragraph(
        self, text: str = '', *, style: str | None = None, size: float | None = None,
        bold: bool = False, centred: bool = False, space_before: float = 0,
    ) -> None:  # fmt: skip
        """A paragraph (``style`` is a style id: ``Heading1``, ``TOCHeading``)."""
        props = f'<w:pStyle w:val="{style}"/>' if style else ''
        if space_before:
            props += f'<w:spacing w:before="{int(space_before * 20)}"/>'
        if centred:
            props += '<w:jc w:val="center"/>'
        props = f'<w:pPr>{props}</w:pPr>' if props else ''
        self.parts.append(f'<w:p>{props}{_run(text, bold, size) if text else ""}</w:p>')

    def heading(self, text: str, level: int) -> None:
        """A heading of style ``Heading <level>``."""
        self.paragraph(text, style=f'Heading{level}')

    def page_break(self) -> None:
        """Start a new page."""
        self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def contents(self, title: str, placeholder: str) -> None:
        """A table of contents field over headings 1–2 (Word fills it in when the file opens)."""
        self.paragraph(title, style='TOCHeading')
        field = ' TOC \\o "1-2" \\h \\z \\u '
        self.parts.append(
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{field}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{_run(placeholder, False)}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )

    def table(self, header: list[str] | None, rows: list[list[str]], widths_mm: list[float]):
        """A grid table: header row bold and repeated on every page, column widths fixed."""
        twips = [int(Mm(width).twips) for width in widths_mm]
        # LibreOffice reads the grid's widths, Word each cell's: both are set.
        grid = ''.join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        body = ''.join(
            ([_row(header, twips, header=True)] if header else [])
            + [_row(values, twips, header=False) for values in rows]
        )
        self.parts.append(
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
        )

    def write(self, doc) -> None:
        """Put the body into ``doc``, before its section properties."""
        body = doc.element.body
        end = body.find(qn('w:sectPr'))
        for element in parse_xml(f'<w:body {nsdecls("w")}>{"".join(self.parts)}</w:body>'):
            end.addprevious(element)


def _run(text: str, bold: bool, size: float | None = None) -> str:
    """A run's XML: line breaks as ``w:br``, bold and size for complex script too."""
    props = '<w:b/><w:bCs/>' if bold else ''
    if size:
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    props = f'<w:rPr>{props}</w:rPr>' if props else ''
    lines = '<w:br/>'.join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split('\n')
    )
    return f'<w:r>{props}{lines}</w:r>'


def _row(values: list[str], widths: list[int], *, header: bool) -> str:
    cells = ''.join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p>{_run(value, header) if value else ""}</w:p></w:tc>'
        for value, width in zip(values, widths, strict=True)
    )
    # A header row is repeated at the top of every page the table runs onto.
    props = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else ''
    return f'<w:tr>{props}{cells}</w:tr>'
