"""The page shows the latest THREADS threads; "show earlier" and per-part links open more."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import event

from forum.comments.models import Comment
from forum.comments.window import THREADS, latest_threads, part_counts
from forum.commitments.models import Commitment
from tests.comments.bulk import add_comments
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _ids(page: str) -> set[int]:
    return {int(n) for n in re.findall(r'data-comment-id="(\d+)"', page)}


def _thread_of(page: str, comment_id: int) -> int:
    """The thread a comment sits in on the page."""
    before = page[: page.index(f'id="comment-{comment_id}"')]
    return int(re.findall(r'data-thread="(\d+)"', before)[-1])


def _earlier_link(page: str) -> tuple[str, str] | None:
    """The "show earlier" link's address (no JavaScript) and its fragment's (JavaScript)."""
    found = re.search(
        r'<p class="show-earlier"[^>]*><a href="([^"]+)" data-earlier="([^"]+)"', page
    )
    return (html.unescape(found[1]), html.unescape(found[2])) if found else None


@pytest.fixture
def long_discussion(db, make_commitment, dummy_member):
    """A commitment with 52 threads (each with a reply) and a late reply to the oldest."""
    cid = make_commitment()
    heads = []
    for _ in range(THREADS + 2):
        (head,) = add_comments(cid, dummy_member, body='thread')
        add_comments(cid, dummy_member, parent_id=head, body='reply')
        heads.append(head)
    (late,) = add_comments(cid, dummy_member, parent_id=heads[0], body='late reply')
    return cid, heads, late


def test_the_page_shows_the_latest_threads_and_links_to_earlier_ones(client, long_discussion):
    cid, heads, late = long_discussion
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    shown = _ids(page)
    assert heads[1] not in shown  # the 51st thread from the end
    assert late not in shown  # a reply stays with its thread, however late
    assert set(heads[2:]) <= shown
    assert len(re.findall(r'class="thread"', page)) == THREADS
    for head in heads[2:]:
        reply = head + 1
        assert _thread_of(page, reply) == head
    href, fragment = _earlier_link(page)
    assert href == f'/commitments/{cid}?before={heads[2]}#discussion'
    assert fragment == f'/commitments/{cid}/comments?before={heads[2]}'


def test_show_earlier_without_javascript_opens_the_earlier_window(client, long_discussion):
    cid, heads, late = long_discussion
    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    href, _fragment = _earlier_link(page)
    earlier = client.get(href.split('#')[0], headers=EN)
    assert earlier.status_code == 200
    page = earlier.get_data(as_text=True)
    assert _ids(page) == {heads[0], heads[0] + 1, late, heads[1], heads[1] + 1}
    assert _thread_of(page, late) == heads[0]
    assert _earlier_link(page) is None  # nothing before the first thread
    assert 'Earlier comments.' in page
    assert f'href="/commitments/{cid}#discussion">Show the latest comments</a>' in page
    assert 'id="f-problem"' in page  # the whole commitment page, not a fragment


def test_show_earlier_fragment_holds_the_threads_and_the_next_link(client, long_discussion):
    cid, heads, late = long_discussion
    response = client.get(f'/commitments/{cid}/comments?before={heads[2]}', headers=EN)
    assert response.status_code == 200
    assert response.mimetype == 'text/html'
    fragment = response.get_data(as_text=True)
    assert '<html' not in fragment
    assert 'id="earlier-threads"' in fragment
    assert _ids(fragment) == {heads[0], heads[0] + 1, late, heads[1], heads[1] + 1}
    assert _thread_of(fragment, late) == heads[0]
    assert _earlier_link(fragment) is None
    # Where more lie before it, the fragment carries its own "show earlier" link.
    response = client.get(f'/commitments/{cid}/comments?before={heads[-1]}', headers=EN)
    fragment = response.get_data(as_text=True)
    assert heads[-1] not in _ids(fragment)
    assert heads[1] in _ids(fragment)
    assert heads[0] not in _ids(fragment)
    assert _earlier_link(fragment)[1] == f'/commitments/{cid}/comments?before={heads[1]}'


def test_a_part_link_shows_that_parts_threads_with_their_own_show_earlier(
    client, db, make_commitment, dummy_member
):
    cid = make_commitment(milestones=1)
    milestone = db.session.get(Commitment, cid).milestones[0]
    on_problem = add_comments(cid, dummy_member, THREADS + 1, anchor='problem')
    (reply,) = add_comments(cid, dummy_member, parent_id=on_problem[-1], body='reply')
    on_milestone = add_comments(cid, dummy_member, 2, anchor=f'milestone:{milestone.id}')
    whole = add_comments(cid, dummy_member, 3)

    page = client.get(f'/commitments/{cid}?about=problem', headers=EN).get_data(as_text=True)
    assert _ids(page) == set(on_problem[1:]) | {reply}
    assert 'Comments on: The public problem, with its baseline.' in page
    href, fragment = _earlier_link(page)
    assert href == f'/commitments/{cid}?before={on_problem[1]}&about=problem#discussion'
    earlier = client.get(fragment, headers=EN).get_data(as_text=True)
    assert _ids(earlier) == {on_problem[0]}

    about = f'milestone:{milestone.id}'
    page = client.get(f'/commitments/{cid}', query_string={'about': about}, headers=EN)
    assert _ids(page.get_data(as_text=True)) == set(on_milestone)
    page = client.get(f'/commitments/{cid}?about=', headers=EN).get_data(as_text=True)
    assert _ids(page) == set(whole)  # the commitment as a whole
    page = client.get(f'/commitments/{cid}?about=causes', headers=EN).get_data(as_text=True)
    assert _ids(page) == set()
    assert 'No comments here yet.' in page


def test_each_part_shows_how_many_comments_it_has(client, auth, db, make_commitment, dummy_member):
    cid = make_commitment(milestones=2)
    first, second = db.session.get(Commitment, cid).milestones
    threads = add_comments(cid, dummy_member, 2, anchor='problem')
    add_comments(cid, dummy_member, parent_id=threads[0], anchor='problem')
    add_comments(cid, dummy_member, 1, anchor=f'milestone:{second.id}')
    add_comments(cid, dummy_member, 4, anchor='who_and_when')
    (gone,) = add_comments(cid, dummy_member, 1, anchor='who_and_when')
    db.session.get(Comment, gone).is_deleted = True
    db.session.commit()

    page = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    counts = dict(
        re.findall(r'data-part="([^"]+)">(\d+ comments?)<span class="visually-hidden">', page)
    )
    assert counts == {
        'problem': '3 comments',
        f'milestone:{second.id}': '1 comment',
        'who_and_when': '4 comments',  # a deleted one is not counted
    }
    assert f'href="/commitments/{cid}?about=problem#discussion" data-part="problem"' in page
    thai = client.get(f'/commitments/{cid}', headers={'Accept-Language': 'th'})
    assert '3 ความคิดเห็น' in thai.get_data(as_text=True)
    assert f'data-part="milestone:{first.id}"' not in page  # no comments, no count


def test_part_counts_take_one_query(app, db, make_commitment, dummy_member):
    cid = make_commitment(milestones=3)
    for anchor in ('problem', 'causes', 'ogp_values', 'who_and_when', ''):
        add_comments(cid, dummy_member, 2, anchor=anchor)
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, 'before_cursor_execute', listen)
    try:
        counts = part_counts(cid)
    finally:
        event.remove(db.engine, 'before_cursor_execute', listen)
    assert counts == {'problem': 2, 'causes': 2, 'ogp_values': 2, 'who_and_when': 2, '': 2}
    assert len(statements) == 1
    assert 'GROUP BY' in statements[0]


@pytest.mark.parametrize(
    ('query', 'reason'),
    [
        ('before=abc', '&#34;before&#34; must be the number of a comment.'),
        ('before=0', 'must be the number of a comment'),
        ('before=%E0%B9%91', 'must be the number of a comment'),  # Thai digit one
        ('before=99999999999', 'must be the number of a comment'),
        ('before=2147483647', 'This discussion has no thread 2147483647.'),
        ('about=nowhere', 'This commitment has no such part.'),
        ('about=milestone:999999', 'This commitment has no such part.'),
        ('about=value_access_why', 'This commitment has no such part.'),
    ],
)
@pytest.mark.parametrize('path', ['/commitments/{cid}', '/commitments/{cid}/comments'])
def test_bad_window_arguments_are_refused_with_a_reason(
    client, db, make_commitment, dummy_member, path, query, reason
):
    cid = make_commitment()
    add_comments(cid, dummy_member, 2)
    response = client.get(path.format(cid=cid) + '?' + query, headers=EN)
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)


def test_before_must_be_a_thread_of_this_discussion(client, db, make_commitment, dummy_member):
    cid, other = make_commitment(), make_commitment()
    (head,) = add_comments(cid, dummy_member)
    (reply,) = add_comments(cid, dummy_member, parent_id=head)
    (elsewhere,) = add_comments(other, dummy_member)
    for before in (reply, elsewhere):
        for path in (f'/commitments/{cid}', f'/commitments/{cid}/comments'):
            response = client.get(f'{path}?before={before}', headers=EN)
            assert response.status_code == 400
            assert f'This discussion has no thread {before}.' in response.get_data(as_text=True)
    assert client.get(f'/commitments/{cid}?before={head}', headers=EN).status_code == 200


def test_the_fragment_of_an_unreadable_commitment_is_not_found(client, db, make_commitment):
    cid = make_commitment()
    assert client.get(f'/commitments/{cid + 1}/comments', headers=EN).status_code == 404
    assert client.get(f'/commitments/{cid}/comments', headers=EN).status_code == 200


def test_after_a_change_the_page_opens_at_the_window_holding_the_comment(
    client, auth, db, long_discussion
):
    cid, heads, late = long_discussion
    auth.login('dummy@example.org')
    token = csrf_token(client, f'/commitments/{cid}')
    # A reply in the oldest thread (not in the latest window): its window opens.
    response = client.post(f'/comments/{late}/delete', data={'csrf_token': token}, headers=EN)
    location = f'/commitments/{cid}?before={heads[1]}#comment-{late}'
    assert response.headers['Location'] == location
    page = client.get(location.split('#')[0], headers=EN).get_data(as_text=True)
    assert late in _ids(page)
    assert 'This comment was deleted by its author.' in page
    # A comment of a thread in the latest window: the page as it is.
    response = client.post(f'/comments/{heads[2]}/delete', data={'csrf_token': token})
    assert response.headers['Location'] == f'/commitments/{cid}#comment-{heads[2]}'


def test_part_counts_and_a_parts_window_read_the_part_index(db, make_commitment, dummy_member):
    """SQLite's plan: the counts read only the index; a part's threads are a range of it."""
    if db.engine.dialect.name != 'sqlite':
        pytest.skip("PostgreSQL's planner picks by table size: a test table is scanned whole")
    cid = make_commitment()
    add_comments(cid, dummy_member, 3, anchor='problem')
    statements = []

    def keep(_conn, _cursor, statement, parameters, *_args):
        statements.append((statement, parameters))

    event.listen(db.engine, 'before_cursor_execute', keep)
    try:
        part_counts(cid)
        latest_threads(cid, anchor='problem')
    finally:
        event.remove(db.engine, 'before_cursor_execute', keep)
    counts, heads = statements[0], statements[1]
    with db.engine.connect() as conn:
        plans = [
            ' '.join(row[-1] for row in conn.exec_driver_sql(f'EXPLAIN QUERY PLAN {s}', p))
            for s, p in (counts, heads)
        ]
    assert 'COVERING INDEX ix_comments_commitment_id_anchor' in plans[0]
    assert 'TEMP B-TREE' not in plans[0]  # grouped in index order
    assert 'INDEX ix_comments_commitment_id_anchor' in plans[1]
