"""The plan page and the home page: comments and latest activity, the current plan, areas."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from forum.comments.models import Comment
from forum.commitments.models import Commitment
from forum.naps.models import Nap, PolicyArea
from tests.comments.bulk import add_comments
from tests.commitments.test_page_queries import counting

EN = {'Accept-Language': 'en'}
TH = {'Accept-Language': 'th'}


def _item(html: str, code: str) -> str:
    """The plan page's list item of the commitment ``code``."""
    found = re.search(r'<li>\s*<a href="/commitments/\d+"><strong>' + code + r'</strong>.*?</li>',
                      html, re.S)  # fmt: skip
    assert found, f'{code} is not listed'
    return found.group(0)


def test_plan_lists_comment_counts_and_latest_activity(
    client, db, nap_id, make_commitment, create_member
):
    quiet, busy = make_commitment(), make_commitment()
    member = create_member(email='talker@example.org')
    ids = add_comments(busy, member, 3)
    gone = db.session.get(Comment, ids[0])
    gone.is_hidden = True  # hidden comments count neither as comments nor as activity
    db.session.get(Comment, ids[1]).created_dt = datetime(2090, 1, 2, 3, 4, tzinfo=UTC)
    db.session.commit()
    codes = {
        'busy': db.session.get(Commitment, busy).code,
        'quiet': db.session.get(Commitment, quiet).code,
    }

    html = client.get(f'/naps/{nap_id}', headers=EN).get_data(as_text=True)
    busy_item = _item(html, codes['busy'])
    assert 'data-comments="2"' in busy_item
    assert '2 comments' in busy_item
    assert 'Latest activity' in busy_item
    assert '2090' in busy_item
    quiet_item = _item(html, codes['quiet'])
    assert 'No comments yet' in quiet_item
    assert 'data-comments="0"' in quiet_item
    assert '2090' not in quiet_item
    # In Thai the year is Buddhist-Era.
    thai = _item(client.get(f'/naps/{nap_id}', headers=TH).get_data(as_text=True), codes['busy'])
    assert '2633' in thai
    assert 'ความเคลื่อนไหวล่าสุด' in thai
    assert '2 ความคิดเห็น' in thai


def test_plan_page_counts_comments_in_one_query(client, db, nap_id, make_commitment, dummy_member):
    def comment_statements() -> list[str]:
        with counting(db.engine) as statements:
            assert client.get(f'/naps/{nap_id}', headers=EN).status_code == 200
        return [s for s in statements if re.search(r'\bFROM comments\b', s)]

    add_comments(make_commitment(milestones=0), dummy_member, 2)
    one = comment_statements()
    for _ in range(4):
        add_comments(make_commitment(milestones=0), dummy_member, 2)
    five = comment_statements()
    assert len(one) == len(five) == 1, five
    assert 'GROUP BY' in five[0]


def test_plan_page_filters_by_policy_area(client, db, nap_id, make_commitment):
    areas = db.session.query(PolicyArea).order_by(PolicyArea.position).limit(2).all()
    first = make_commitment(policy_area_id=areas[0].id, title_en='In the first area')
    make_commitment(policy_area_id=areas[1].id, title_en='In the second area')
    html = client.get(f'/naps/{nap_id}?area={areas[0].code}', headers=EN).get_data(as_text=True)
    assert f'/commitments/{first}"' in html
    assert 'In the second area' not in html
    assert f'Showing the policy area "{areas[0].name_en}" only.' in html
    assert f'href="/naps/{nap_id}"' in html  # back to every area
    empty = db.session.query(PolicyArea).order_by(PolicyArea.position.desc()).first()
    html = client.get(f'/naps/{nap_id}?area={empty.code}', headers=EN).get_data(as_text=True)
    assert 'No commitments in this policy area yet.' in html
    response = client.get(f'/naps/{nap_id}?area=no_such_area', headers=EN)
    assert response.status_code == 400
    assert 'There is no policy area &#34;no_such_area&#34;.' in response.get_data(as_text=True)


def test_home_links_to_the_current_plan_and_its_areas(client, db, nap_id, make_commitment):
    area = db.session.query(PolicyArea).order_by(PolicyArea.position).first()
    make_commitment(policy_area_id=area.id)
    nap = db.session.get(Nap, nap_id)
    html = client.get('/', headers=EN).get_data(as_text=True)
    assert f'href="/naps/{nap_id}">The current plan: {nap.title_en}</a>' in html
    card = re.search(
        r'<li class="card card-link" data-area="' + area.code + '">.*?</li>', html, re.S
    )
    assert card, 'the area card should be a link'
    assert f'href="/naps/{nap_id}?area={area.code}"' in card.group(0)
    assert '1 commitment in the current plan' in card.group(0)
    assert html.count('class="card card-link"') == db.session.query(PolicyArea).count()


def test_home_without_a_plan_shows_areas_that_do_not_look_clickable(client, db):
    html = client.get('/', headers=EN).get_data(as_text=True)
    assert 'The current plan' not in html
    assert 'class="area-list"' in html
    assert 'card-link' not in html
    areas = html.split('id="areas-title"')[1]
    assert '<a ' not in areas.split('</ul>')[0]


def test_home_ignores_a_plan_still_in_planning(client, db, nap_id):
    db.session.get(Nap, nap_id).state = 'planning'  # not public
    db.session.commit()
    html = client.get('/', headers=EN).get_data(as_text=True)
    assert 'The current plan' not in html
