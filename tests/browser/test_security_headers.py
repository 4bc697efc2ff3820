"""The Content-Security-Policy in real Chromium: the pages work under it, and it is enforced.

Every browser test fails on a violation (``no_csp_violation`` in conftest.py); these tests show
that the policy is really on, that the watch sees what it blocks, and that Socket.IO's websocket
connects under ``connect-src 'self'``.
"""

from __future__ import annotations

import time

from axe import visit
from playwright.sync_api import expect


def _wait_until(page, expression: str, timeout: float = 10) -> None:
    """Poll ``expression`` until it is true.

    Not ``page.wait_for_function``: Playwright evaluates a polled predicate with ``eval`` inside
    the page, which the policy (no ``unsafe-eval``) refuses; ``page.evaluate`` is not affected.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f'still false after {timeout} s: {expression}'
        page.wait_for_timeout(50)


def test_the_live_page_connects_over_a_websocket_under_the_policy(new_page, make_commitment):
    page = new_page(locale='en-US')
    response = page.goto(f'/commitments/{make_commitment()}')
    assert "connect-src 'self'" in response.headers['content-security-policy']
    _wait_until(
        page,
        'window.forumLive && window.forumLive.connected'
        " && window.forumLive.socket.io.engine.transport.name === 'websocket'",
    )
    expect(page.locator('#live')).to_be_visible()


def test_inline_script_and_style_are_blocked_and_reported(new_page, no_csp_violation):
    page = new_page(locale='en-US')
    visit(page, '/')
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.inlineRan = true';
            document.body.append(script);
            document.querySelector('main').setAttribute('style', 'color: red');
        }"""
    )
    assert page.evaluate('window.inlineRan') is None
    colour = page.evaluate("getComputedStyle(document.querySelector('main')).color")
    assert colour != 'rgb(255, 0, 0)'
    seen = '\n'.join(no_csp_violation.take())
    assert 'script-src' in seen
    assert 'style-src' in seen


def test_no_page_can_frame_the_forum(new_page, no_csp_violation):
    """``frame-ancestors 'none'``: not even the forum's own pages (so no other site either)."""
    page = new_page(locale='en-US')
    visit(page, '/')
    page.evaluate(
        """() => {
            const frame = document.createElement('iframe');
            frame.src = '/members';
            frame.title = 'members';
            document.body.append(frame);
        }"""
    )
    _wait_until(page, "document.querySelector('iframe').contentDocument === null")
    page.wait_for_timeout(200)  # the console message follows the refusal
    assert "frame-ancestors 'none'" in '\n'.join(no_csp_violation.take())
