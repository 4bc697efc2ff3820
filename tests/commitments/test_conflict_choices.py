"""After a refused save, where both people changed a field, the person must choose a version.

Every page here is sent back the way a browser sends it (every input of the form, the radio
button chosen), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from forum.commitments.models import Commitment, CommitmentRevision, Milestone
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}
TH = {'Accept-Language': 'th'}


class _FormReader(HTMLParser):
    """The fields of the page's drafting form as a browser submits them, in order."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea = None
        self._select = None
        self._text = ''

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'form' and 'commitment-form' in (a.get('class') or ''):
            self._in_form = True
        if not self._in_form:
            return
        if tag == 'input' and a.get('name') and a.get('type') != 'submit':
            kind = a.get('type', 'text')
            if kind in ('checkbox', 'radio') and 'checked' not in a:
                return
            self.pairs.append((a['name'], a.get('value', 'on' if kind == 'checkbox' else '')))
        elif tag == 'textarea':
            self._textarea, self._text = a['name'], ''
        elif tag == 'select':
            self._select = a['name']
        elif tag == 'option' and self._select and 'selected' in a:
            self.pairs.append((self._select, a.get('value', '')))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == 'form':
            self._in_form = False
        elif tag == 'textarea' and self._textarea:
            # Browsers drop the one newline right after <textarea>.
            text = self._text.replace('\r\n', '\n')
            self.pairs.append((self._textarea, text.removeprefix('\n')))
            self._textarea = None
        elif tag == 'select':
            self._select = None


def form_of(html: str) -> list[tuple[str, str]]:
    """Return what a browser would send for the page's commitment or milestone form."""
    reader = _FormReader()
    reader.feed(html)
    return reader.pairs


def change(pairs: list[tuple[str, str]], **values) -> list[tuple[str, str]]:
    """Return ``pairs`` with the named fields set (a list value sets a multiple choice)."""
    out = [(k, v) for k, v in pairs if k not in values]
    for name, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            out.append((name, v))
    return out


def post(client, path, pairs, headers=EN):
    """Post ``pairs`` as a browser does (a name may repeat)."""
    from werkzeug.datastructures import MultiDict

    return client.post(path, data=MultiDict(pairs), headers=headers)


def second_person(app, auth):
    """Another logged-in browser."""
    other = app.test_client()
    type(auth)(other).login('sec@example.org')
    return other


def _revisions(db, cid):
    return db.session.scalars(
        select(CommitmentRevision)
        .filter_by(commitment_id=cid)
        .order_by(CommitmentRevision.number)
    ).all()  # fmt: skip


MINE = 'องค์กรปกครองส่วนท้องถิ่นเผยแพร่งบประมาณทุกเดือน'
THEIRS = 'องค์กรปกครองส่วนท้องถิ่นเผยแพร่รายจ่ายทุกไตรมาส'


def _clash_on_title(client, auth, app, cid, mine=MINE, theirs=THEIRS):
    """Both open the form; the other saves ``title_th`` first; mine is refused: the 409 page."""
    path = f'/commitments/{cid}/edit'
    opened = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    their_form = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(their_form, title_th=theirs)).status_code == 302
    response = post(client, path, change(opened, title_th=mine, description_en='My description'))
    return response, other


def test_the_conflict_page_shows_both_versions_and_asks_to_choose(
    client, auth, db, make_commitment, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    fieldset = re.search(r'<fieldset class="clash" id="clash-title_th".*?</fieldset>', html, re.S)
    assert fieldset, 'the field both changed is shown as a choice'
    box = fieldset.group(0)
    assert '<legend>Title (Thai): you both changed this</legend>' in box
    assert MINE in box
    assert THEIRS in box
    for choice in ('mine', 'theirs', 'merged'):
        assert f'name="resolve-title_th" id="resolve-title_th-{choice}" value="{choice}"' in box
        assert f'<label for="resolve-title_th-{choice}">' in box
    assert '<label for="title_th">Merged text</label>' in box
    assert 'checked' not in box  # nothing chosen for the person
    assert 'href="#clash-title_th"' in html  # the alert links to it
    assert db.session.get(Commitment, cid).title_th == THEIRS  # nothing of mine saved yet


def test_saving_the_page_again_without_choosing_is_refused_with_the_same_page(
    client, auth, db, make_commitment, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    path = f'/commitments/{cid}/edit'
    again = post(client, path, form_of(response.get_data(as_text=True)))
    html = again.get_data(as_text=True)
    assert again.status_code == 409
    assert 'Still not saved: choose a version for every field you both changed.' in html
    assert 'id="clash-title_th-error">Choose which version to keep.</p>' in html
    assert 'class="clash has-error" id="clash-title_th"' in html
    assert MINE in html
    assert THEIRS in html
    commitment = db.session.get(Commitment, cid)
    assert commitment.title_th == THEIRS
    assert commitment.description_en != 'My description'


def test_a_form_sent_back_without_its_choices_is_still_refused(
    client, auth, db, make_commitment, app
):
    # A client that keeps only the fields it knows (no radio button, no hidden input) is still
    # based on the old version: refused, not saved over the other person's words.
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    kept = [
        (k, v) for k, v in form_of(response.get_data(as_text=True))
        if not k.startswith(('mine-', 'resolve-', 'seen_version'))
    ]  # fmt: skip
    assert post(client, f'/commitments/{cid}/edit', kept).status_code == 409
    assert db.session.get(Commitment, cid).title_th == THEIRS


def _choose(client, cid, response, choice, **changes):
    pairs = change(form_of(response.get_data(as_text=True)), **{'resolve-title_th': choice})
    return post(client, f'/commitments/{cid}/edit', change(pairs, **changes))


def test_keep_mine_saves_mine_and_both_words_are_in_the_history(
    client, auth, db, make_commitment, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    assert _choose(client, cid, response, 'mine').status_code == 302
    commitment = db.session.get(Commitment, cid)
    assert commitment.title_th == MINE
    assert commitment.description_en == 'My description'  # only I changed it: mine
    *_, theirs, mine = _revisions(db, cid)
    assert theirs.snapshot['fields']['title_th'] == THEIRS
    assert mine.snapshot['fields']['title_th'] == MINE
    assert mine.changed_fields == ['title_th', 'description_en']


def test_take_theirs_keeps_their_words_and_my_other_changes(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    assert _choose(client, cid, response, 'theirs').status_code == 302
    commitment = db.session.get(Commitment, cid)
    assert commitment.title_th == THEIRS
    assert commitment.description_en == 'My description'


def test_a_merged_text_is_saved_as_written(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    merged = 'องค์กรปกครองส่วนท้องถิ่นเผยแพร่งบประมาณและรายจ่ายทุกเดือน'
    assert _choose(client, cid, response, 'merged', title_th=merged).status_code == 302
    assert db.session.get(Commitment, cid).title_th == merged
    # Typing a merged text without choosing it is no choice: the textarea starts as mine.
    response, _ = _clash_on_title(client, auth, app, cid, mine='ข้อความของฉัน', theirs='ของเขา')
    pairs = change(form_of(response.get_data(as_text=True)), title_th='ข้อความรวม')
    assert post(client, f'/commitments/{cid}/edit', pairs).status_code == 409
    assert db.session.get(Commitment, cid).title_th == 'ของเขา'


def test_fields_only_the_other_changed_are_taken_from_theirs(
    client, auth, db, make_commitment, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    mine = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    theirs = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(theirs, problem_en='Their problem', end_date='2028-03-31'))
    response = post(client, path, change(mine, problem_th='ปัญหาของฉัน'))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'class="clash' not in html  # nothing both changed
    assert 'The form below now includes the other change as well as yours.' in html
    # Saved from the page as it is: both changes, nothing to choose.
    saved = post(client, path, form_of(html))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    commitment = db.session.get(Commitment, cid)
    assert commitment.problem_en == 'Their problem'
    assert commitment.end_date.isoformat() == '2028-03-31'
    assert commitment.problem_th == 'ปัญหาของฉัน'


def test_a_date_both_changed_offers_mine_or_theirs(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    mine = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    theirs = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(theirs, end_date='2028-03-31')).status_code == 302
    response = post(client, path, change(mine, end_date='2028-01-31'))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    box = re.search(r'<fieldset class="clash" id="clash-end_date".*?</fieldset>', html, re.S)[0]
    assert 'January 31, 2028' in box
    assert 'March 31, 2028' in box
    assert 'value="merged"' not in box  # no merged text for a date
    assert '<input type="hidden" name="end_date" value="2028-01-31">' in box
    pairs = change(form_of(html), **{'resolve-end_date': 'theirs'})
    assert post(client, path, pairs).status_code == 302
    assert db.session.get(Commitment, cid).end_date.isoformat() == '2028-03-31'


def test_supporters_both_changed_keep_mine_keeps_every_one(
    client, auth, db, make_commitment, orgs, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    mine = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    theirs = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(theirs, supporters=[str(orgs['uni'])])).status_code == 302
    both = [str(orgs['cso']), str(orgs['ministry'])]
    response = post(client, path, change(mine, supporters=both))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    box = re.search(r'<fieldset class="clash" id="clash-supporters".*?</fieldset>', html, re.S)[0]
    assert 'Ministry of Finance' in box
    assert 'Open Budget Network' in box
    assert 'Example University' in box
    pairs = change(form_of(html), **{'resolve-supporters': 'mine'})
    assert post(client, path, pairs).status_code == 302
    saved = {o.id for o in db.session.get(Commitment, cid).supporters}
    assert saved == {orgs['cso'], orgs['ministry']}


def test_a_third_save_meanwhile_asks_again_where_it_clashes(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    response, other = _clash_on_title(client, auth, app, cid)
    # While I choose, a third save changes the same title and another field.
    third = form_of(other.get(path).get_data(as_text=True))
    newest = 'ชื่อล่าสุดของผู้ที่สาม'
    assert post(other, path, change(third, title_th=newest, budget='10 ล้านบาท')).status_code == 302
    again = _choose(client, cid, response, 'mine')
    html = again.get_data(as_text=True)
    assert again.status_code == 409  # what I chose against is no longer the newest
    box = re.search(r'<fieldset class="clash" id="clash-title_th".*?</fieldset>', html, re.S)[0]
    assert newest in box
    assert MINE in box
    assert 'checked' not in box  # to choose again, against the newest words
    assert 'Still not saved' not in html  # a new conflict, not a missing choice
    assert post(client, path, change(form_of(html), **{'resolve-title_th': 'theirs'}))
    commitment = db.session.get(Commitment, cid)
    assert commitment.title_th == newest
    assert commitment.budget == '10 ล้านบาท'
    assert commitment.description_en == 'My description'


def test_a_choice_still_valid_after_a_third_save_stays_chosen(
    client, auth, db, make_commitment, app
):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    response, other = _clash_on_title(client, auth, app, cid)
    third = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(third, budget='10 ล้านบาท')).status_code == 302
    again = _choose(client, cid, response, 'mine')
    html = again.get_data(as_text=True)
    assert again.status_code == 409  # a change I have not seen yet: shown first
    assert 'id="resolve-title_th-mine" value="mine" aria-describedby' in html
    assert re.search(r'id="resolve-title_th-mine" value="mine"[^>]*checked', html)
    assert post(client, path, form_of(html)).status_code == 302
    commitment = db.session.get(Commitment, cid)
    assert (commitment.title_th, commitment.budget) == (MINE, '10 ล้านบาท')


def test_a_form_error_on_the_conflict_page_keeps_the_choice(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    response, _ = _clash_on_title(client, auth, app, cid)
    path = f'/commitments/{cid}/edit'
    pairs = change(form_of(response.get_data(as_text=True)), contact_email='not an address')
    pairs = change(pairs, **{'resolve-title_th': 'mine'})
    bad = post(client, path, pairs)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'Enter a valid email address.' in html
    assert re.search(r'id="resolve-title_th-mine" value="mine"[^>]*checked', html)
    fixed = change(form_of(html), contact_email='ok@example.org')
    assert post(client, path, fixed).status_code == 302
    assert db.session.get(Commitment, cid).title_th == MINE


def test_a_milestone_both_changed_must_be_chosen_too(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    milestone = db.session.get(Commitment, cid).milestones[0]
    path = f'/commitments/{cid}/milestones/{milestone.id}/edit'
    mine = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    theirs = form_of(other.get(path).get_data(as_text=True))
    assert post(other, path, change(theirs, target_en='Their target', status='delayed'))
    response = post(client, path, change(mine, target_en='My target', baseline_en='My baseline'))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert '<legend>Milestone 1: Target (English): you both changed this</legend>' in html
    assert 'class="clash" id="clash-status"' not in html  # only they changed the status
    assert post(client, path, form_of(html)).status_code == 409  # no choice yet
    pairs = change(form_of(html), **{'resolve-target_en': 'merged'}, target_en='Both targets')
    assert post(client, path, pairs).status_code == 302
    saved = db.session.get(Milestone, milestone.id)
    assert (saved.target_en, saved.baseline_en, saved.status) == (
        'Both targets',
        'My baseline',
        'delayed',
    )


def test_the_choice_is_offered_in_thai(client, auth, db, make_commitment, app):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    opened = form_of(client.get(path).get_data(as_text=True))
    other = second_person(app, auth)
    assert post(other, path, change(form_of(other.get(path).get_data(as_text=True)),
                                    title_th=THEIRS)).status_code == 302  # fmt: skip
    response = post(client, path, change(opened, title_th=MINE), headers=TH)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    for thai in ('ยังไม่ได้บันทึก: มีผู้อื่นบันทึกก่อน', 'ใช้ของฉัน', 'ใช้ของอีกฝ่าย',
                 'แก้ไขเป็นข้อความที่รวมกัน', 'ชื่อพันธสัญญา (ภาษาไทย): ทั้งสองฝ่ายแก้ไขช่องนี้'):  # fmt: skip
        assert thai in html, thai
    again = post(client, path, form_of(html), headers=TH)
    assert 'เลือกว่าจะใช้ฉบับใด' in again.get_data(as_text=True)


def test_a_milestone_removed_while_someone_edits_it_gives_their_text_back(
    client, auth, db, make_commitment, app
):
    """Saving a milestone another person removed: 409, their words on a form for a new one."""
    cid = make_commitment(milestones=2)
    auth.login('sec@example.org')
    milestone_id = db.session.get(Commitment, cid).milestones[0].id
    path = f'/commitments/{cid}/milestones/{milestone_id}/edit'
    mine = form_of(client.get(path).get_data(as_text=True))

    other = second_person(app, auth)
    token = csrf_token(other, f'/commitments/{cid}')
    version = db.session.get(Commitment, cid).version
    removed = other.post(f'/commitments/{cid}/milestones/{milestone_id}/delete',
                         data={'version': str(version), 'csrf_token': token})  # fmt: skip
    assert removed.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone_id) is None

    words = 'ผลผลิตที่ฉันเขียนไว้ My own words'
    response = post(client, path, change(mine, output_en=words))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'Not saved: this milestone was removed meanwhile' in html
    assert f'Revision {version + 1} by ' in html
    assert words in html  # nothing they wrote is lost
    assert f'action="/commitments/{cid}/milestones/new"' in html
    # Saving the form as it came back adds their milestone as a new one.
    again = form_of(html)
    saved = client.post(f'/commitments/{cid}/milestones/new', data=MultiDict(again), headers=EN)
    assert saved.status_code == 302
    db.session.expire_all()
    outputs = [m.output_en for m in db.session.get(Commitment, cid).milestones]
    assert outputs[-1] == words
    assert len(outputs) == 2


def test_a_milestone_that_never_was_is_still_not_found(client, auth, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/milestones/999999/edit'
    token = csrf_token(client, f'/commitments/{cid}')
    assert client.post(path, data={'csrf_token': token, 'version': '1'}).status_code == 404
    assert client.get(path).status_code == 404
