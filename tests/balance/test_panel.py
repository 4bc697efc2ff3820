"""The balance panel: public, by sector, per plan and commitment, as accessible SVG with tables."""

import re
import uuid

from sqlalchemy import select

from forum.comments.services import post_comment
from forum.commitments.models import Commitment
from forum.naps.services import create_nap, move_nap
from tests.commitments.conftest import make_commitment, nap_id, orgs  # noqa: F401

EN = {'Accept-Language': 'en'}


def _comment(app, db, user, commitment_id, body='ความเห็น'):
    with app.test_request_context():
        commitment = db.session.get(Commitment, commitment_id)
        post_comment(
            commitment, actor=db.session.merge(user), body=body, client_id=str(uuid.uuid4())
        )
        db.session.commit()


def _row(html, chart, sector):
    """The count in ``chart``'s table row for ``sector``."""
    figure = html.split(f'data-chart="{chart}"', 1)[1].split('</figure>', 1)[0]
    match = re.search(
        rf'<tr data-sector="{sector}"><th scope="row">[^<]*</th><td class="num">(\d+)</td>', figure
    )
    assert match, (chart, sector)
    return int(match.group(1))


def test_the_panel_counts_by_sector_with_the_secretariat_apart(
    app,
    client,
    db,
    secretariat,
    create_member,
    make_commitment,  # noqa: F811
):
    first, second = make_commitment(), make_commitment()
    with app.app_context():
        nap = db.session.get(Commitment, first).nap
        move_nap(nap, 'consultation', actor=None)  # public, comments open to members
        db.session.commit()
        plan_id = nap.id
    gov = create_member(sector='government', email='gov@example.org')
    cso = create_member(sector='civil_society', email='cso@example.org')
    create_member(sector='civil_society', seat_role='observer', email='obs@example.org')
    _comment(app, db, cso, first)
    _comment(app, db, cso, first)
    _comment(app, db, gov, first)
    _comment(app, db, secretariat, first)  # a government account, counted as the secretariat
    _comment(app, db, cso, second)

    html = client.get('/balance', headers=EN).get_data(as_text=True)
    assert _row(html, 'seats', 'government') == 1
    assert _row(html, 'seats', 'civil_society') == 1  # the observer is not counted
    assert _row(html, 'comments', 'civil_society') == 3
    assert _row(html, 'comments', 'government') == 1
    assert _row(html, 'comments', 'secretariat') == 1
    comments = html.split('data-chart="comments"', 1)[1].split('</figure>', 1)[0]
    assert (
        '<tr data-side="government"><th scope="row">Government</th><td class="num">1<' in comments
    )
    assert (
        '<tr data-side="non-government"><th scope="row">Non-government</th><td class="num">3<'
        in (comments)
    )
    # Accessible SVG: an image with a title and a description, and text labels on the bars.
    svg = html.split('data-chart="comments"', 1)[1].split('</svg>', 1)[0]
    assert 'role="img"' in svg
    assert '<title id="forum-comments-title">Comments</title>' in svg
    assert 'Civil society: 3' in svg
    assert '>3 (60%)</text>' in svg
    assert ' style=' not in html

    one = client.get(f'/balance/commitments/{second}', headers=EN).get_data(as_text=True)
    assert _row(one, 'comments', 'civil_society') == 1
    assert _row(one, 'comments', 'secretariat') == 0
    per_plan = client.get(f'/balance/naps/{plan_id}', headers=EN).get_data(as_text=True)
    assert _row(per_plan, 'comments', 'civil_society') == 3
    by_query = client.get(f'/balance?nap={plan_id}', headers=EN).get_data(as_text=True)
    assert by_query.split('data-balance-panel')[1] == per_plan.split('data-balance-panel')[1]


def test_a_plan_not_yet_public_is_not_shown_or_counted(app, client, db, secretariat):
    with app.app_context():
        hidden = create_nap(
            actor=db.session.merge(secretariat), number=9, title_th='แผน', title_en='Plan 9',
            start_year=2026, length_years=2, end_month=6,
        )  # fmt: skip
        db.session.commit()
        hidden_id = hidden.id
    assert client.get(f'/balance/naps/{hidden_id}').status_code == 404
    assert client.get('/balance?nap=abc').status_code == 404
    assert 'Plan 9' not in client.get('/balance', headers=EN).get_data(as_text=True)


def test_moderators_see_the_commitments_panel_on_its_page(
    client,
    auth,
    db,
    secretariat,
    create_member,
    make_commitment,  # noqa: F811
):
    cid = make_commitment()
    panel = f'/balance/commitments/{cid}/panel'
    assert client.get(f'/commitments/{cid}').status_code == 200
    assert 'id="balance-live"' not in client.get(f'/commitments/{cid}').get_data(as_text=True)
    create_member(email='m@example.org')
    auth.login('m@example.org')
    assert 'id="balance-live"' not in client.get(f'/commitments/{cid}').get_data(as_text=True)
    assert client.get(panel).status_code == 403
    auth.logout()
    auth.login('sec@example.org')
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    assert 'id="balance-live"' in page
    assert 'js/balance.js' in page
    fragment = client.get(panel, headers=EN)
    assert fragment.status_code == 200
    assert 'data-balance-panel' in fragment.get_data(as_text=True)
    assert db.session.scalar(select(Commitment.id)) == cid
