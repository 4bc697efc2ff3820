"""Chromium finds the forum's icon: no request of a page answers 404 (the favicon did)."""

from __future__ import annotations

from axe import visit


def test_pages_load_their_icon_without_a_404(new_page):
    page = new_page(width=360)
    failed: list[str] = []
    page.on('response', lambda r: r.status >= 400 and failed.append(f'{r.status} {r.url}'))
    visit(page, '/')
    icon = page.evaluate(
        """() => fetch(document.querySelector('link[rel=icon]').href)
             .then(r => ({status: r.status, type: r.headers.get('content-type')}))"""
    )
    assert icon['status'] == 200, icon
    assert icon['type'].startswith('image/svg+xml'), icon
    ico = page.request.get('/favicon.ico')
    assert ico.ok
    assert ico.headers['content-type'].startswith('image/svg+xml')
    assert not failed, failed
