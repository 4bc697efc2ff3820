"""A file sent where a form wants text is that field's error, never a 500 (an outside review).

A hand-made multipart request with a file under a text field's name reached WTForms' ``Length``
validator, which measured the file: a 500 on opening a decision, editing a sector, a
composition justification and a comment.
"""

from __future__ import annotations

import io

from sqlalchemy import func, select

from forum.comments.models import Comment
from forum.sectors.models import Sector
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}
MESSAGE = 'Write this as text, not as a file.'


def _file():
    return (io.BytesIO('ข้อความในไฟล์'.encode()), 'note.txt')


def test_a_file_in_a_text_field_is_a_form_error(client, auth, db, secretariat, make_commitment):
    auth.login('sec@example.org')
    sector = db.session.scalar(select(Sector).filter_by(code='government'))
    path = f'/members/sectors/{sector.id}/edit'
    response = client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'code': 'government', 'name_th': 'ภาครัฐ',
              'name_en': _file()},
        content_type='multipart/form-data', headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Sector, sector.id).name_en == 'Government'

    cid = make_commitment()
    page = f'/commitments/{cid}'
    response = client.post(
        f'{page}/comments',
        data={'csrf_token': csrf_token(client, page), 'client_id': 'a' * 32, 'anchor': '',
              'stance': '', 'parent_id': '', 'body': _file()},
        content_type='multipart/form-data', headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 0


def test_the_message_is_in_thai_too(client):
    path = '/auth/login'
    response = client.post(
        path, data={'csrf_token': csrf_token(client, path), 'email': _file(), 'password': 'x'},
        content_type='multipart/form-data', headers={'Accept-Language': 'th'},
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert 'โปรดเขียนเป็นข้อความ ไม่ใช่แนบเป็นไฟล์' in response.get_data(as_text=True)


def test_a_file_in_a_date_field_is_a_form_error_too(client, auth, db, secretariat):
    # The second review: a date or date-and-time field kept the file as its raw value, and the
    # page showing the form again broke on it (a 500).
    auth.login('sec@example.org')
    path = '/members/seats/new'
    response = client.post(
        path,
        data={'csrf_token': csrf_token(client, path), 'email': 'sec@example.org',
              'sector': 'government', 'seat_role': 'member', 'term_start': _file(),
              'term_end': _file()},
        content_type='multipart/form-data', headers=EN,
    )  # fmt: skip
    assert response.status_code == 400
    assert response.get_data(as_text=True).count(MESSAGE) >= 2
