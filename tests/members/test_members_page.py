import re
from datetime import date

from forum.members.services import add_membership
from forum.sectors.services import sector_by_code


def _count(html: str, code: str) -> int:
    match = re.search(
        rf'data-sector="{code}"><th scope="row">[^<]+</th><td class="num">(\d+)', html
    )
    return int(match.group(1))


def test_members_page_is_public_and_counts_per_sector(client, create_member):
    create_member(sector='government', display_name='ข้าราชการ หนึ่ง', seat_role='chair')
    create_member(sector='civil_society', display_name='ภาคประชา สอง', seat_role='co_chair')
    create_member(sector='civil_society', display_name='ภาคประชา สาม')
    html = client.get('/members', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert 'ข้าราชการ หนึ่ง' in html
    assert 'ภาคประชา สาม' in html
    assert _count(html, 'government') == 1
    assert _count(html, 'civil_society') == 2
    assert _count(html, 'academia') == 0
    assert 'ประธานร่วม' in html  # co-chair, in Thai
    assert '1 มกราคม 2569' in html  # term start in the Buddhist Era


def test_members_page_never_shows_emails(client, create_member):
    create_member(email='secret.person@example.org')
    assert 'secret.person@example.org' not in client.get('/members').get_data(as_text=True)


def test_past_and_future_seats_are_not_counted(client, db, create_user_):
    user = create_user_()
    db.session.add(user)
    add_membership(
        user, actor=None, sector=sector_by_code('academia'), seat_role='member',
        term_start=date(2020, 1, 1), term_end=date(2021, 1, 1),
    )  # fmt: skip
    add_membership(
        user, actor=None, sector=sector_by_code('academia'), seat_role='member',
        term_start=date(2999, 1, 1),
    )  # fmt: skip
    db.session.commit()
    html = client.get('/members').get_data(as_text=True)
    assert _count(html, 'academia') == 0
