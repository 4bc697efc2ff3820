"""A comment keeps its organisation by reference: the name shows in the reader's language.

Posted while the session was in English, it still shows the Thai name on the Thai page (HTML
and the socket's JSON); a typed name (no known organisation) shows as typed. The migration that
adds ``comments.organisation_id`` fills it for existing comments, on SQLite and PostgreSQL.
"""

from datetime import date

from flask_babel import force_locale
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text, update

from forum import create_app
from forum.auth.models import User
from forum.comments.models import Comment
from forum.comments.serialize import comment_json
from forum.extensions import db as _db
from tests.comments.test_comment_routes import _form_post
from tests.comments.test_seq_migration import _row, empty_url  # noqa: F401  (fixture)

EN_SESSION = {'Accept-Language': 'en'}


def _member_of(db, user_id, org_id=None, typed=None):
    db.session.execute(
        update(User)
        .where(User.id == user_id)
        .values(organisation_id=org_id, organisation_name=typed)
    )
    db.session.commit()


def test_the_organisation_shows_in_the_readers_language(
    client, auth, db, make_commitment, create_member, orgs
):
    cid = make_commitment()
    member = create_member(email='m@example.org', display_name='มาลี')
    _member_of(db, member.id, org_id=orgs['cso'])
    auth.login('m@example.org')
    assert _form_post(client, cid, body='posted in English').status_code == 302  # en session
    comment = db.session.scalar(select(Comment))
    assert comment.organisation_id == orgs['cso']
    assert comment.organisation_label == 'Open Budget Network'  # as shown when writing

    th = client.get(f'/commitments/{cid}', headers={'Accept-Language': 'th'}).get_data(True)
    assert '<span class="org">เครือข่ายงบประมาณเปิด</span>' in th
    assert 'Open Budget Network' not in th
    en = client.get(f'/commitments/{cid}', headers=EN_SESSION).get_data(True)
    assert '<span class="org">Open Budget Network</span>' in en

    with force_locale('en'):
        data = comment_json(comment)
    assert data['author']['organisation_names'] == {
        'th': 'เครือข่ายงบประมาณเปิด',
        'en': 'Open Budget Network',
    }


def test_a_typed_organisation_shows_as_typed(client, auth, db, make_commitment, create_member):
    cid = make_commitment()
    member = create_member(email='t@example.org')
    _member_of(db, member.id, typed='กลุ่มรักษ์ป่า')
    auth.login('t@example.org')
    assert _form_post(client, cid, body='typed name').status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.organisation_id is None
    en = client.get(f'/commitments/{cid}', headers=EN_SESSION).get_data(True)
    assert '<span class="org">กลุ่มรักษ์ป่า</span>' in en
    assert comment_json(comment)['author']['organisation_names'] == {
        'th': 'กลุ่มรักษ์ป่า',
        'en': 'กลุ่มรักษ์ป่า',
    }


BEFORE = 'c0de11a00004'
AFTER = 'c0de12a00005'


def test_the_migration_links_existing_comments_and_goes_back(empty_url):  # noqa: F811
    app = create_app({'SQLALCHEMY_DATABASE_URI': empty_url})
    with app.app_context():
        directory = app.config['MIGRATIONS_DIR']
        upgrade(directory=directory, revision=BEFORE)
        with _db.engine.begin() as conn:
            _row(conn, 'sectors', id=1, code='other')
            _row(conn, 'organisations', id=7, name_th='องค์กรเจ็ด', name_en='Org Seven',
                 sector_id=1)  # fmt: skip
            _row(conn, 'users', id=1, email='a@x.org', role='participant', sector_id=1,
                 organisation_id=7)  # fmt: skip
            _row(conn, 'users', id=2, email='b@x.org', role='participant', sector_id=1,
                 organisation_name='typed')  # fmt: skip
            _row(conn, 'naps', id=1, number=1, state='drafting', length_years=2,
                 end_date=date(2028, 1, 1))  # fmt: skip
            _row(conn, 'policy_areas', id=1, code='x')
            _row(conn, 'commitments', id=1, nap_id=1, number=1, state='draft', policy_area_id=1)
            for n, (author, label) in enumerate(
                [(1, 'Org Seven'), (1, 'องค์กรเจ็ด'), (1, 'an old name'), (2, 'typed')], start=1
            ):
                _row(conn, 'comments', id=n, commitment_id=1, author_id=author, sector_id=1,
                     body='b', body_html='<p>b</p>', organisation_label=label, seq=n,
                     client_id=f'00000000-0000-4000-8000-00000000000{n}')  # fmt: skip
        upgrade(directory=directory, revision=AFTER)
        with _db.engine.connect() as conn:
            rows = conn.execute(text('SELECT id, organisation_id FROM comments ORDER BY id'))
            assert [tuple(r) for r in rows] == [(1, 7), (2, 7), (3, None), (4, None)]
            fks = inspect(conn).get_foreign_keys('comments')
            assert any(fk['referred_table'] == 'organisations' for fk in fks)
        downgrade(directory=directory, revision=BEFORE)
        with _db.engine.connect() as conn:
            columns = [c['name'] for c in inspect(conn).get_columns('comments')]
            assert 'organisation_id' not in columns
            assert conn.execute(text('SELECT count(*) FROM comments')).scalar() == 4
        _db.engine.dispose()
