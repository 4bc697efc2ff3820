"""Forms as long as their fields allow are accepted; every other request stays small."""

from forum.commitments.fields import MAX_TEXT, commitment_text_columns, milestone_text_columns
from forum.commitments.models import Commitment, Milestone
from tests.commitments.test_conflict_choices import change, form_of, post
from tests.conftest import csrf_token

#: The longest Thai text a field takes: 20,000 characters, 180 kB once URL-encoded.
LONGEST = ('ข้อมูลเปิด' * (MAX_TEXT // 10 + 1))[:MAX_TEXT]


def test_a_commitment_with_every_text_at_its_longest_is_saved(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    pairs = change(form_of(client.get(path).get_data(as_text=True)),
                   **dict.fromkeys(commitment_text_columns(), LONGEST))  # fmt: skip
    response = post(client, path, pairs)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    db.session.expire_all()
    commitment = db.session.get(Commitment, cid)
    assert all(getattr(commitment, name) == LONGEST for name in commitment_text_columns())


def test_a_milestone_with_every_text_at_its_longest_is_saved(client, auth, db, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    milestone_id = db.session.get(Commitment, cid).milestones[0].id
    path = f'/commitments/{cid}/milestones/{milestone_id}/edit'
    pairs = change(form_of(client.get(path).get_data(as_text=True)),
                   **dict.fromkeys(milestone_text_columns(), LONGEST))  # fmt: skip
    assert post(client, path, pairs).status_code == 302
    db.session.expire_all()
    milestone = db.session.get(Milestone, milestone_id)
    assert all(getattr(milestone, name) == LONGEST for name in milestone_text_columns())


def test_other_requests_keep_the_small_limit(client, auth, make_commitment):
    cid = make_commitment()
    big = {'csrf_token': 'x', 'title_th': 'ก' * 300_000}  # 2.7 MB once URL-encoded
    # Anonymous: nobody may edit, so nothing is raised for them.
    assert client.post(f'/commitments/{cid}/edit', data=big).status_code == 413
    auth.login('sec@example.org')
    token = csrf_token(client, f'/commitments/{cid}')
    big['csrf_token'] = token
    # Logged in, on a form with no long texts: the small limit still holds.
    assert client.post('/auth/password', data=big).status_code == 413
    too_big = {'csrf_token': token, 'title_th': 'ก' * 1_000_000}  # 9 MB: past the longest form
    assert client.post(f'/commitments/{cid}/edit', data=too_big).status_code == 413
