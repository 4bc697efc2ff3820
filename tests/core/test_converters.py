"""Ids from forms and sockets: only what a row can have."""

import pytest

from forum.core.converters import MAX_ID, parse_id


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('7', 7),
        ('007', 7),
        (7, 7),
        (MAX_ID, MAX_ID),
        (str(MAX_ID), MAX_ID),
        ('²', None),  # isdigit() is true for it
        ('๑', None),  # a Thai digit
        ('１', None),  # a full-width digit
        ('0', None),
        (0, None),
        (-1, None),
        ('-1', None),
        (' 7', None),
        ('7.0', None),
        (7.0, None),
        (True, None),
        (None, None),
        ('', None),
        (MAX_ID + 1, None),
        ('1000000000000000000000000000000', None),
        (10**30, None),
        (['7'], None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.fixture
def plan_id(db, secretariat):
    """A plan in drafting, which anyone may read at ``/naps/<id>``."""
    from forum.auth.models import User
    from forum.naps.services import create_nap, move_nap

    sec = db.session.get(User, secretariat.id)
    nap = create_nap(
        actor=sec, number=1, title_th='แผนฉบับที่ 1', title_en='First plan',
        start_year=2026, length_years=2, end_month=6,
    )  # fmt: skip
    move_nap(nap, 'drafting', actor=sec)
    db.session.commit()
    return nap.id


THAI_DIGITS = str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')
ARABIC_INDIC = str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩')
FULL_WIDTH = str.maketrans('0123456789', '０１２３４５６７８９')


def test_an_id_in_a_url_is_read_in_its_one_spelling(client, plan_id):
    page = client.get(f'/naps/{plan_id}')
    assert page.status_code == 200
    assert 'แผนฉบับที่ 1' in page.get_data(as_text=True)
    assert client.get(f'/api/v1/naps/{plan_id}').json['id'] == plan_id


SPELLINGS = {
    'leading zero': lambda n: f'0{n}',
    'two leading zeros': lambda n: f'00{n}',
    'Thai digits': lambda n: str(n).translate(THAI_DIGITS),
    'Arabic-Indic digits': lambda n: str(n).translate(ARABIC_INDIC),
    'full-width digits': lambda n: str(n).translate(FULL_WIDTH),
    'plus sign': lambda n: f'+{n}',
    'minus sign': lambda n: f'-{n}',
    'decimal': lambda n: f'{n}.0',
    'underscore': lambda n: f'{n}_0',
    'zero': lambda n: '0',
    'past MAX_ID': lambda n: str(MAX_ID + 1),
    'eleven digits': lambda n: '9' * 11,
    'past int() digit limit': lambda n: '1' * 5000,  # still a 404, never a 500
}


@pytest.mark.parametrize('spelling', SPELLINGS.values(), ids=SPELLINGS.keys())
def test_any_other_spelling_of_an_id_is_not_found(client, plan_id, spelling):
    path = spelling(plan_id)
    for url in (f'/naps/{path}', f'/api/v1/naps/{path}', f'/commitments/{path}'):
        assert client.get(url).status_code == 404, url


def test_urls_are_built_in_the_one_spelling(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for('pages.commitment', commitment_id=7) == '/commitments/7'
        assert url_for('pages.plan', nap_id=MAX_ID) == f'/naps/{MAX_ID}'
