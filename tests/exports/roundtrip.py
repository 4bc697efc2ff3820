"""How much of a text comes back out of a PDF: the share of its Thai characters, in order."""

from __future__ import annotations

import difflib
import re

THAI = re.compile('[\u0e00-\u0e7f]')
_SPACE = re.compile(r'\s+')


def squash(text: str) -> str:
    """``text`` without whitespace: lines wrap, and extractors add spaces after stacked marks."""
    return _SPACE.sub('', text)


def thai_share(source: str, extracted: str) -> tuple[int, int]:
    """(Thai characters of ``source`` found in order in ``extracted``, Thai characters in all)."""
    a = ''.join(THAI.findall(source))
    b = ''.join(THAI.findall(extracted))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()), len(a)
