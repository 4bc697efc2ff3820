"""The audit log is append-only (ORM and database, SQLite and PostgreSQL); /audit filters it."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DatabaseError

from forum.core.audit import AppendOnly, AuditEntry, record
from forum.core.i18n import local_today
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


@pytest.fixture
def entry_id(db, secretariat):
    """One audit entry, committed."""
    entry = record('test.recorded', secretariat, actor=None, before='a', after='b')
    db.session.commit()
    return entry.id


def test_the_orm_refuses_to_change_or_delete_an_entry(db, entry_id):
    entry = db.session.get(AuditEntry, entry_id)
    entry.action = 'test.rewritten'
    with pytest.raises(AppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry_id))
    with pytest.raises(AppendOnly):
        db.session.flush()
    db.session.rollback()
    for statement in (update(AuditEntry).values(action='x'), delete(AuditEntry)):
        with pytest.raises(AppendOnly):
            db.session.execute(statement)
        db.session.rollback()
    assert db.session.get(AuditEntry, entry_id).action == 'test.recorded'


@pytest.mark.parametrize(
    'statement',
    ["UPDATE audit_entries SET action = 'test.rewritten'", 'DELETE FROM audit_entries'],
)
def test_the_database_refuses_too(db, entry_id, statement):
    """Plain SQL, past the ORM: the triggers of migration c0de14b00001 refuse it."""
    with pytest.raises(DatabaseError, match='append-only'), db.engine.begin() as conn:
        conn.execute(text(statement))
    assert db.session.get(AuditEntry, entry_id).action == 'test.recorded'
    assert db.session.scalar(select(func.count(AuditEntry.id))) >= 1


def test_moderation_records_before_and_after(db, people, make_commitment, comment_on, as_user):
    cid = make_commitment()
    comment_id = comment_on(cid, people['author'])
    moderator = as_user('unimod@example.org')
    moderator.post(f'/comments/{comment_id}/hide', data={
        'csrf_token': csrf_token(moderator, '/'), 'reason': 'spam', 'note': 'โฆษณา'})  # fmt: skip
    hidden = db.session.scalar(select(AuditEntry).filter_by(action='comment.hidden'))
    assert hidden.actor_id == people['uni_mod'].id
    assert (hidden.data['before'], hidden.data['after']) == ({'is_hidden': False},
                                                             {'is_hidden': True})  # fmt: skip
    logged = db.session.scalar(select(AuditEntry).filter_by(action='moderation.hidden'))
    assert logged.data['note'] == 'โฆษณา'
    designated = db.session.scalar(select(AuditEntry).filter_by(action='moderator.designated'))
    assert designated.data['after'] == {'moderator': True}


def test_the_secretariat_browses_and_filters(db, people, make_commitment, comment_on, as_user):
    cid = make_commitment()
    comment_on(cid, people['author'])
    staff = as_user('sec@example.org')
    everything = staff.get('/audit', headers=EN).get_data(as_text=True)
    assert 'comment.posted' in everything
    assert 'moderator.designated' in everything
    posted = staff.get('/audit?action=comment.posted', headers=EN).get_data(as_text=True)
    assert 'comment.posted' in posted
    assert 'moderator.designated' not in posted
    by_type = staff.get('/audit?target_type=comments', headers=EN).get_data(as_text=True)
    assert 'comment.posted' in by_type
    assert 'commitment.created' not in by_type
    by_actor = staff.get('/audit?actor=sec@example.org', headers=EN).get_data(as_text=True)
    assert 'moderator.designated' in by_actor
    assert 'comment.posted' not in by_actor
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    later = staff.get(f'/audit?since={tomorrow}', headers=EN).get_data(as_text=True)
    assert '0 entries' in later
    today = local_today().isoformat()
    dated = staff.get(f'/audit?since={today}&until={today}', headers=EN).get_data(as_text=True)
    assert 'comment.posted' in dated
    bad = staff.get('/audit?since=not-a-date', headers=EN)
    assert bad.status_code == 200
    assert 'Not a valid date value.' in bad.get_data(as_text=True)
    # The calendar's edges are the beginning and the end of the log, not a 500.
    edges = staff.get('/audit?since=0001-01-01&until=9999-12-31', headers=EN)
    assert edges.status_code == 200
    assert 'comment.posted' in edges.get_data(as_text=True)


def test_the_audit_log_is_paginated(db, people, as_user):
    for n in range(60):
        record('test.numbered', people['sec'], actor=None, n=n)
    db.session.commit()
    staff = as_user('sec@example.org')
    first = staff.get('/audit?action=test.numbered', headers=EN).get_data(as_text=True)
    assert '60 entries' in first
    assert first.count('test.numbered</code>') == 50
    assert '&#34;n&#34;: 59' in first or '"n": 59' in first
    second = staff.get('/audit?action=test.numbered&page=2', headers=EN).get_data(as_text=True)
    assert second.count('test.numbered</code>') == 10
    assert 'page=1' in second
    assert 'action=test.numbered' in second


def test_records_are_named_in_the_readers_language(db, people, make_commitment, as_user):
    # An outside review: the filter and the table showed "commitments 4", "users 2", and the
    # column heading was translated as a milestone's target value (ค่าเป้าหมาย).
    cid = make_commitment()
    staff = as_user('sec@example.org')
    thai = staff.get('/audit', headers={'Accept-Language': 'th'}).get_data(as_text=True)
    assert f'พันธสัญญา {cid} <code>commitments</code>' in thai
    assert '<th scope="col">รายการ</th>' in thai
    assert 'ค่าเป้าหมาย' not in thai
    assert '<option value="commitments">พันธสัญญา (commitments)</option>' in thai
    assert '<label for="target_type">ประเภทรายการ</label>' in thai
    english = staff.get('/audit?target_type=commitments', headers=EN).get_data(as_text=True)
    assert f'Commitment {cid} <code>commitments</code>' in english
    assert '<option selected value="commitments">Commitment (commitments)</option>' in english


def test_every_table_has_a_name_for_the_audit_log(app):
    from forum.extensions import db as _db
    from forum.moderation.audit_labels import KINDS

    # Link tables hold no entries of their own; every other table may be an entry's record.
    links = {'audit_entries', 'commitment_editors', 'commitment_supporters',
             'consultation_round_commitments', 'consultation_response_revisions'}  # fmt: skip
    assert set(_db.metadata.tables) - links == set(KINDS)
