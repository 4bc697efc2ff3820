"""The commitment page's SQL statements do not grow with its comments, milestones or revisions."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from forum.comments.window import THREADS
from forum.commitments.models import Commitment
from forum.commitments.services import save_milestone, update_commitment
from forum.extensions import db as _db
from tests.comments.bulk import add_comments
from tests.commitments.conftest import milestone_fields

EN = {'Accept-Language': 'en'}


@contextmanager
def counting(engine):
    """Collect every SQL statement ``engine`` runs meanwhile."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, 'before_cursor_execute', count)
    try:
        yield statements
    finally:
        event.remove(engine, 'before_cursor_execute', count)


def _page_statements(client, db, cid: int) -> list[str]:
    with counting(db.engine) as statements:
        response = client.get(f'/commitments/{cid}', headers=EN)
    assert response.status_code == 200
    return statements


def _grow(db, cid: int, what: str, people: list, orgs: dict, secretariat) -> None:
    """Give the commitment 28 comments (19 threads: one window), 8 milestones or 10 revisions."""
    commitment = db.session.get(Commitment, cid)
    actor = db.session.merge(secretariat)
    if what == 'comments':
        heads = []
        for k in range(27):
            author = people[k % len(people)]
            if k % 3 == 2:  # replies, by other people, on several threads
                add_comments(cid, author, parent_id=heads[-1], anchor='problem')
            else:
                heads += add_comments(cid, author, anchor='' if k % 2 else 'problem')
    elif what == 'milestones':
        org_ids = list(orgs.values())
        for n in range(2, 9):
            fields = milestone_fields(orgs, n)
            fields['responsible_organisation_id'] = org_ids[n % len(org_ids)]
            save_milestone(
                commitment, None, actor=actor, fields=fields, base_version=commitment.version
            )
        db.session.commit()
        # Each milestone has a comment (its anchor, label and count are on the page too).
        for m in commitment.milestones:
            add_comments(cid, people[0], anchor=f'milestone:{m.id}')
    else:
        for n in range(9):
            update_commitment(
                commitment, actor=actor, fields={'budget': f'{n} baht'},
                base_version=commitment.version,
            )  # fmt: skip
    db.session.commit()


@pytest.mark.parametrize('viewer', ['anonymous', 'member', 'secretariat'])
@pytest.mark.parametrize('what', ['comments', 'milestones', 'revisions'])
def test_page_queries_do_not_grow(
    client, auth, db, make_commitment, create_member, secretariat, orgs, what, viewer
):
    cid = make_commitment(milestones=1)
    people = [create_member(email=f'p{k}@example.org', sector=s)
              for k, s in enumerate(('civil_society', 'government', 'academia'))]  # fmt: skip
    commitment = _db.session.get(Commitment, cid)
    add_comments(cid, people[0], anchor=f'milestone:{commitment.milestones[0].id}')
    if viewer == 'member':
        auth.login('p1@example.org')
    elif viewer == 'secretariat':
        auth.login('sec@example.org')
    client.get(f'/commitments/{cid}', headers=EN)  # warm: the first request loads the catalogues

    before = _page_statements(client, db, cid)
    _grow(db, cid, what, people, orgs, secretariat)
    after = _page_statements(client, db, cid)
    grown = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    if what == 'comments':
        assert THREADS >= 19  # every thread is in the page's window
        assert grown.count('data-comment-id=') == 28
    elif what == 'milestones':
        assert grown.count('class="milestone-no"') == 8
    else:
        assert 'Revision 11' in grown
    assert len(after) == len(before), '\n\n'.join(after)
