"""The Markdown subset of comments: emphasis, lists, links, quotes — rendered, then sanitised.

markdown-it-py's ``js-default`` preset does not pass raw HTML through; nh3 then keeps only the
tags of the subset, so nothing else can survive even if the renderer changes.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {'p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a', 'blockquote'}
ALLOWED_ATTRIBUTES = {'a': {'href'}}
LINK_REL = 'nofollow ugc noopener'


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt('js-default', {'breaks': True, 'linkify': False})
    md.disable(
        ['heading', 'lheading', 'image', 'table', 'code', 'fence', 'hr', 'backticks'],
        ignoreInvalid=True,
    )
    return md


def render(source: str) -> str:
    """Return safe HTML for a comment's Markdown source."""
    html = _renderer().render(source or '')
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes={'http', 'https', 'mailto'},
    ).strip()
