"""Accessibility checks with axe-core: every page a browser test visits goes through here.

Use ``visit(page, '/path')`` to open a page, and ``assert_accessible(page)`` after anything that
changes it (a form submitted, a button pressed).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / 'static' / 'vendor' / 'axe.min.js'
#: WCAG 2.1 levels A and AA: the standard Thai government sites are held to.
WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
#: Impacts that fail a test; ``minor`` and ``moderate`` findings are left to review.
FAILING_IMPACTS = ('serious', 'critical')

_RUN = """
tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length,
})))
"""


@cache
def _axe_source() -> str:
    """Return axe-core's source (``make assets`` copies it into static/vendor)."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f'{AXE_JS} is missing: run `make assets`')
    return AXE_JS.read_text(encoding='utf-8')


def _format(url: str, violations: list[dict]) -> str:
    """Return the violations as a readable list."""
    lines = [f'{len(violations)} serious/critical accessibility violation(s) on {url}:']
    for v in violations:
        lines.append(f'- {v["id"]} ({v["impact"]}, {v["count"]} element(s)): {v["help"]}')
        lines.extend(f'    at {target}' for target in v['targets'])
        lines.append(f'    see {v["helpUrl"]}')
    return '\n'.join(lines)


def assert_accessible(page) -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the page; fail on serious or critical violations."""
    page.wait_for_load_state()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    violations = [v for v in page.evaluate(_RUN, WCAG_TAGS) if v['impact'] in FAILING_IMPACTS]
    assert not violations, _format(page.url, violations)


def visit(page, url: str):
    """Open ``url`` (relative to the live server), check it is accessible, return the response."""
    response = page.goto(url)
    assert response is not None, f'no response for {url}'
    assert response.ok, f'{url} answered {response.status}'
    assert_accessible(page)
    return response
