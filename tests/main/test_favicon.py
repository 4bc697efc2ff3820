"""The favicon: every page links our SVG icon, and /favicon.ico leads to it (no 404)."""

import re


def test_every_page_links_the_icon(client):
    html = client.get('/').get_data(as_text=True)
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert link, 'the base template should link the icon'
    assert link.group(1) == '/static/favicon.svg'
    icon = client.get(link.group(1))
    assert icon.status_code == 200
    assert icon.mimetype == 'image/svg+xml'
    assert icon.get_data(as_text=True).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    error = client.get('/no-such-page').get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg"' in error


def test_favicon_ico_leads_to_the_svg(client):
    response = client.get('/favicon.ico')
    assert response.status_code == 301
    assert response.headers['Location'] == '/static/favicon.svg'
    assert client.get('/favicon.ico', follow_redirects=True).mimetype == 'image/svg+xml'
