from html.parser import HTMLParser

import pytest

from forum.comments.markdown import ALLOWED_TAGS, render


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _value in attrs)


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_the_subset_renders():
    html = render('**strong** and *emphasis*\n\n- one\n- two\n\n> quoted\n\n1. first')
    assert '<strong>strong</strong>' in html
    assert '<em>emphasis</em>' in html
    assert '<ul>\n<li>one</li>' in html
    assert '<blockquote>' in html
    assert '<ol>' in html


def test_links_get_rel_and_bad_schemes_are_dropped():
    html = render('[OGP](https://www.opengovpartnership.org) [x](javascript:alert(1))')
    assert (
        '<a href="https://www.opengovpartnership.org" rel="nofollow ugc noopener">OGP</a>' in html
    )
    assert 'javascript:' not in html.replace('[x](javascript:alert(1))', '')
    assert '<a href="javascript' not in html


@pytest.mark.parametrize(
    'source',
    [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="https://x" onclick="steal()">x</a>',
        '<iframe src="https://evil"></iframe>',
        '![pic](https://example.org/p.png)',
        '# heading',
    ],
)
def test_no_raw_html_survives(source):
    parsed = _parsed(render(source))
    assert parsed.tags <= ALLOWED_TAGS
    assert parsed.attributes <= {'href', 'rel'}


def test_thai_text_is_kept():
    assert render('เห็นด้วยกับ **การเปิดเผยข้อมูล**') == (
        '<p>เห็นด้วยกับ <strong>การเปิดเผยข้อมูล</strong></p>'
    )
