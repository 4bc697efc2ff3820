"""Text anyone may type into an input that a report must still lay out: separators, long words.

Found from outside: a space before U+2029 (PARAGRAPH SEPARATOR) made WeasyPrint fail outright,
so one input broke the round's PDF for everyone; a run of letters longer than a line was drawn
past the margin.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from forum.consultations.services.inputs import submit_input
from forum.consultations.services.responses import respond
from forum.consultations.services.rounds import close_round, publish_round
from tests.consultations.conftest import get_round
from tests.exports.rounds import PASSAGE
from tests.exports.roundtrip import squash

SEPARATED = 'ก่อนตัวแบ่ง \u2029 หลังตัวแบ่ง \u2028 บรรทัดใหม่ \u2029'
LONG_RUN = 'x' * 2000
ADDRESS = 'https://example.org/' + 'a' * 300


@pytest.fixture
def awkward_round(db, make_round, secretariat, citizen, join):
    round_ = get_round(db, make_round('open'))
    person = db.session.merge(citizen)
    separated = submit_input(round_, actor=person, about='', body=f'{PASSAGE[0]} {SEPARATED}')
    long = submit_input(round_, actor=person, about='', body=f'{PASSAGE[1]} {LONG_RUN} {ADDRESS}')
    actor = db.session.merge(secretariat)
    # The secretariat's reasons may hold the same: a reply pasted from a word processor.
    respond(separated, actor=actor, disposition='out_of_scope', reason=f'เหตุผล \u2029 {ADDRESS}')
    respond(long, actor=actor, disposition='out_of_scope', reason=PASSAGE[2])
    close_round(round_, actor=actor)
    publish_round(round_, actor=actor)
    db.session.commit()
    return round_.id


def _lines(data: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(data)).pages
    return [line for page in pages for line in page.extract_text().splitlines()]


@pytest.mark.parametrize('lang', ['th', 'en'])
def test_a_paragraph_separator_after_a_space_does_not_break_the_pdf(client, awkward_round, lang):
    response = client.get(f'/consultations/{awkward_round}/summary.pdf?lang={lang}')
    assert response.status_code == 200
    text = squash('\n'.join(_lines(response.get_data())))
    for part in ('ก่อนตัวแบ่ง', 'หลังตัวแบ่ง', 'บรรทัดใหม่', 'เหตุผล'):
        assert part in text
    # The separators are line breaks in the PDF; JSON keeps the text as it was typed.
    data = client.get(f'/consultations/{awkward_round}/summary.json?lang={lang}').get_json()
    texts = [item['text'] for group in data['groups'] for item in group['inputs']]
    assert any(SEPARATED.strip() in t for t in texts)  # (the input's ends are trimmed)


def test_a_word_longer_than_the_line_is_broken_not_drawn_past_the_margin(client, awkward_round):
    response = client.get(f'/consultations/{awkward_round}/summary.pdf?lang=th')
    assert response.status_code == 200
    lines = _lines(response.get_data())
    runs = [len(run) for line in lines for run in re.findall('x{20,}', line)]
    assert sum(runs) == len(LONG_RUN)  # every letter is there …
    assert len(runs) > 10  # … on lines of the text's width
    assert max(runs) < 200
    assert squash(ADDRESS) in squash(''.join(lines))


def test_every_separator_the_templates_may_write_becomes_a_newline():
    from forum.exports.render.html import environment

    template = environment().from_string('{{ text }}|{{ text|num }}')
    text = 'a \u2029 b \u2028 c \x85 d\x0ce\x0bf\rg\th\x00\x1b\x9fi'
    expected = 'a \n b \n c \n d\ne\nf\ng\thi'  # tab kept; controls with no glyph dropped
    assert template.render(text=text, digits='thai') == f'{expected}|{expected}'


def test_the_quick_search_finds_exactly_the_characters_the_translation_changes():
    from forum.exports.render.html import _ODD, _SEPARATORS

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert (code in _SEPARATORS) == bool(_ODD.search(chr(code))), hex(code)


def test_words_that_fit_break_where_they_did_without_break_all():
    """``word-break: break-all`` breaks only a line that would overflow (WeasyPrint 70, pinned).

    Were a WeasyPrint to break every line anywhere, as browsers do, Thai words would be cut in
    two at every line's end: the lines here would differ.
    """
    from weasyprint import CSS, HTML

    from forum.exports.render.html import render

    css = render('report.css', first_page=None, counter_style='decimal', numbers=False)
    assert 'word-break: break-all;' in css
    text = ' '.join(PASSAGE[:3]) + ' Open Government Partnership National Action Plan ' * 5
    html = f'<p>{text}</p>'

    def lines(sheet: str) -> list[str]:
        data = HTML(string=html).write_pdf(stylesheets=[CSS(string=sheet)])
        return _lines(data)

    with_breaks = lines(css)
    assert len(with_breaks) > 10
    assert with_breaks == lines(css.replace('word-break: break-all;', ''))
