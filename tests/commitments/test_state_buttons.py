"""State buttons: a refused move is shown disabled with its reason; every other asks first.

The question is a <details> element: it works without JavaScript and needs no inline script.
"""

from __future__ import annotations

import re

from forum.naps.models import Nap
from tests.conftest import csrf_token

EN = {'Accept-Language': 'en'}


def _actions(html: str) -> str:
    """The commitment page's action bar."""
    return re.search(r'<div class="actions">.*?\n  </div>', html, re.S).group(0)


def test_send_to_review_is_disabled_with_the_reason_while_the_checklist_fails(
    client, auth, make_commitment
):
    cid = make_commitment(complete=False, milestones=0)
    auth.login('sec@example.org')
    actions = _actions(client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True))
    button = re.search(r'<button[^>]*>Move to "In MSF review"</button>', actions)
    assert button, actions
    assert ' disabled' in button.group(0)
    assert 'aria-describedby="refused-msf_review"' in button.group(0)
    reason = re.search(
        r'<span class="refused-reason" id="refused-msf_review">(.*?)</span>', actions
    )
    assert 'Not possible until the checklist passes.' in reason.group(1)
    assert 'href="#checklist"' in reason.group(1)
    # Nothing on the page would send it: no form posts the move.
    assert 'value="msf_review"' not in actions


def test_send_to_review_asks_first_once_the_checklist_passes(client, auth, make_commitment):
    cid = make_commitment()
    auth.login('sec@example.org')
    actions = _actions(client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True))
    confirm = re.search(r'<details class="confirm" data-confirm="msf_review">.*?</details>',
                        actions, re.S).group(0)  # fmt: skip
    assert '<summary class="button secondary">Move to "In MSF review"</summary>' in confirm
    assert 'Move this commitment to "In MSF review"?' in confirm
    assert f'action="/commitments/{cid}/state"' in confirm
    assert '<input type="hidden" name="state" value="msf_review">' in confirm
    assert '<button type="submit" class="primary">Yes, move it</button>' in confirm
    assert 'disabled' not in actions


def test_no_milestones_is_a_sentence_not_a_numbered_item(client, make_commitment):
    cid = make_commitment(milestones=0)
    html = client.get(f'/commitments/{cid}', headers=EN).get_data(as_text=True)
    milestones = html.split('id="f-milestones"')[1].split('id="discussion"')[0]
    assert '<p class="empty">No milestones yet.</p>' in milestones
    assert '<ol class="milestones">' not in milestones
    with_one = make_commitment(milestones=1)
    html = client.get(f'/commitments/{with_one}', headers=EN).get_data(as_text=True)
    assert '<ol class="milestones">' in html
    assert 'No milestones yet.' not in html


def test_plan_state_buttons_ask_first(client, auth, db, nap_id):
    auth.login('sec@example.org')
    html = client.get(f'/naps/{nap_id}', headers=EN).get_data(as_text=True)
    confirm = re.search(r'<details class="confirm" data-confirm="consultation">.*?</details>',
                        html, re.S).group(0)  # fmt: skip
    assert '<summary class="button secondary">Move to "Consultation"</summary>' in confirm
    assert 'Move the whole plan to "Consultation"?' in confirm
    assert f'action="/naps/{nap_id}/state"' in confirm
    # The question's own button is the only thing that posts the move, and it works.
    assert html.count('name="state" value="consultation"') == 1
    response = client.post(
        f'/naps/{nap_id}/state', data={'state': 'consultation', 'csrf_token': csrf_token(client)}
    )
    assert response.status_code == 302
    assert db.session.get(Nap, nap_id).state == 'consultation'


def test_compare_is_a_button(client, make_commitment):
    cid = make_commitment(milestones=1)
    html = client.get(f'/commitments/{cid}/history', headers=EN).get_data(as_text=True)
    assert '<button type="submit" class="primary">Compare</button>' in html


def test_restore_asks_first(client, auth, make_commitment):
    cid = make_commitment(milestones=1)  # revisions 1 and 2
    auth.login('sec@example.org')
    html = client.get(f'/commitments/{cid}/history', headers=EN).get_data(as_text=True)
    confirm = re.search(r'<details class="confirm" data-confirm="restore-1">.*?</details>',
                        html, re.S).group(0)  # fmt: skip
    assert 'Restore revision 1? It is saved as a new revision; no revision is lost.' in confirm
    assert '<button type="submit" form="restore-1" class="primary">' in confirm
    # The question's button is the only one that sends the restore form.
    assert html.count('form="restore-1"') == 1
