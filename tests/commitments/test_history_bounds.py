"""Comparing revisions is bounded work, kept per comparison, and done off the gevent hub.

The worst case the forms allow: every text field of a commitment and of its milestones at the
forms' limit (``MAX_TEXT``), long repetitive Thai, every field changed.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from forum.commitments import comparisons, textdiff
from forum.commitments.fields import MAX_TEXT, commitment_text_columns, milestone_text_columns
from forum.commitments.models import Commitment
from forum.commitments.services import save_milestone, update_commitment
from forum.sectors.models import Organisation

EN = {'Accept-Language': 'en'}
ROOT = Path(__file__).resolve().parents[2]


def _long(word: str, sep: str = '') -> str:
    return ((word + sep) * (MAX_TEXT // len(word + sep) + 1))[:MAX_TEXT]


#: (before, after) pairs that defeat a naive word diff: the same Thai words thousands of times,
#: spaced out, alternated, or rewritten whole.
WORST = [
    (_long('ข้อมูล'), _long('ข้อมูล', ' ')),
    (_long('การ'), _long('การ', ' ')),
    (_long('ข้อมูล', ' '), _long('ข้อมูล เปิด', ' ')),
    (_long('งบประมาณ'), _long('ประมาณงบ')),
    (_long('๑'), _long('๒')),
]


def worst_pairs(milestones: int) -> list[tuple[str, str]]:
    """Every text field of a commitment with ``milestones`` milestones, each changed badly."""
    count = len(commitment_text_columns()) + milestones * len(milestone_text_columns())
    return [WORST[i % len(WORST)] for i in range(count)]


def _sides(diff: textdiff.TextDiff) -> tuple[str, str]:
    old = ''.join(text for op, text in diff.segments if op != 'insert')
    new = ''.join(text for op, text in diff.segments if op != 'delete')
    return old, new


@pytest.fixture(autouse=True)
def _empty_caches():
    comparisons.diffs.clear()
    comparisons.pages.clear()
    yield
    comparisons.diffs.clear()
    comparisons.pages.clear()


def test_the_worst_case_the_forms_allow_is_compared_within_the_bounds(monkeypatch):
    pairs = worst_pairs(milestones=30)
    cut = []
    real = textdiff.word_tokenize

    def counting(text, **kwargs):
        cut.append(len(text))
        return real(text, **kwargs)

    monkeypatch.setattr(textdiff, 'word_tokenize', counting)
    diffs, budget = textdiff.diff_texts(pairs)

    # The work done, capped at the figures docs/performance.md gives, whatever the texts: of
    # 10 million characters, PyThaiNLP sees 50,000 at most, 1,000 at a time; the alignment uses
    # at most 100 million cells for one field, 300 million in all, and 100,000 words or pieces.
    assert sum(len(old) + len(new) for old, new in pairs) > 10_000_000
    assert sum(cut) == budget.chars_tokenized <= 50_000
    assert max(cut) <= 1_000
    assert budget.largest_alignment <= 100_000_000
    assert budget.cells_used <= 300_000_000
    assert budget.units_used <= 100_000
    # Past the budget, fields are compared coarser, and each still marks what changed.
    details = [d.detail for d in diffs]
    assert details[0] == textdiff.WORDS
    assert {textdiff.SPACES, textdiff.WHOLE} <= set(details)
    for (old, new), diff in zip(pairs, diffs, strict=True):
        assert _sides(diff) == (old, new)
        assert any(op != 'equal' for op, _text in diff.segments)


def test_a_small_edit_in_a_long_text_is_still_shown_word_by_word():
    # Every other field is already long and changed: the edit still costs only its own words.
    before = _long('ประชาชนเข้าถึงข้อมูล')
    after = before[:10_000] + 'งบประมาณ' + before[10_000:]
    diffs, budget = textdiff.diff_texts([*worst_pairs(milestones=10), (before, after)])
    assert diffs[-1].detail == textdiff.WORDS
    assert [seg for seg in diffs[-1].segments if seg[0] != 'equal'] == [('insert', 'งบประมาณ')]
    assert budget.chars_tokenized <= textdiff.WORD_CHARS


def test_thai_words_and_clusters_are_never_cut_in_a_coarse_comparison():
    before = 'ก' * 50 + 'ที่' + 'ข' * 50
    after = 'ก' * 50 + 'ที่' + 'ค' * 50
    budget = textdiff.Budget(word_chars=0, field_cells=0)
    diff = textdiff.diff_text('ก่' + before, 'ก้' + after, budget)
    assert diff.detail == textdiff.WHOLE
    assert diff.segments[0] == ('delete', 'ก่' + before)  # the tone mark keeps its consonant
    assert _sides(diff) == ('ก่' + before, 'ก้' + after)


def _set_texts(commitment: Commitment, make, actor) -> None:
    fields = {name: make(i) for i, name in enumerate(commitment_text_columns())}
    update_commitment(commitment, actor=actor, fields=fields, base_version=commitment.version)
    offset = len(fields)
    for m in commitment.milestones:
        names = milestone_text_columns()
        values = {name: make(offset + i) for i, name in enumerate(names)}
        offset += len(names)
        save_milestone(commitment, m, actor=actor, fields=values, base_version=commitment.version)


@pytest.fixture
def worst_commitment(db, make_commitment, secretariat):
    """A commitment whose last two revisions are the worst case: every text long and changed."""
    cid = make_commitment(milestones=2)
    commitment = db.session.get(Commitment, cid)
    actor = db.session.merge(secretariat)
    _set_texts(commitment, lambda i: WORST[i % len(WORST)][0], actor)
    before = commitment.version
    _set_texts(commitment, lambda i: WORST[i % len(WORST)][1], actor)
    db.session.commit()
    return cid, before, commitment.version


@pytest.fixture
def count_computations(monkeypatch):
    """The number of fields compared by each computation (the caches' misses)."""
    computed = []
    real = textdiff.diff_texts

    def counting(pairs, budget=None):
        computed.append(len(pairs))
        return real(pairs, budget)

    monkeypatch.setattr(textdiff, 'diff_texts', counting)
    return computed


def _without_csrf(html: str) -> str:
    return _CSRF_VALUE.sub(r'\1', html)


#: The value of every CSRF token on a page (the meta tag and the forms' hidden fields).
_CSRF_VALUE = re.compile(r'(csrf[-_]token"[^>]*?(?:content|value)=")[^"]+')


def test_anyone_sees_the_worst_comparison_marked_coarse_and_the_second_view_is_kept(
    client, worst_commitment, count_computations
):
    cid, a, b = worst_commitment
    path = f'/commitments/{cid}/history?a={a}&b={b}'
    first = client.get(path, headers=EN)
    assert first.status_code == 200
    html = first.get_data(as_text=True)
    assert 'Some long changes were compared coarser than word by word' in html
    assert 'compared piece by piece between spaces, not word by word' in html
    assert '<ins>' in html
    assert '<del>' in html

    second = client.get(path, headers=EN)
    # The CSRF token is signed with the second it was made in; the rest must be the same page.
    assert _CSRF_VALUE.search(html)
    assert _without_csrf(second.get_data(as_text=True)) == _without_csrf(html)
    assert count_computations == [
        len(commitment_text_columns()) + 2 * len(milestone_text_columns())
    ]
    assert (comparisons.pages.hits, comparisons.pages.misses) == (1, 1)


def test_a_kept_comparison_shows_an_organisation_under_its_new_name(
    client, db, make_commitment, orgs, secretariat, count_computations
):
    cid = make_commitment(milestones=0)
    commitment = db.session.get(Commitment, cid)
    update_commitment(
        commitment, actor=db.session.merge(secretariat), base_version=commitment.version,
        fields={'lead_agency_id': orgs['cso'], 'title_en': 'Open budgets <for all>'},
    )  # fmt: skip
    db.session.commit()
    path = f'/commitments/{cid}/history?a=1&b=2'
    html = client.get(path, headers=EN).get_data(as_text=True)
    assert '<ins>Network</ins>' in html  # "Ministry of Finance" → "Open Budget Network"
    assert '&lt;for all&gt;' in html  # the texts are escaped off the hub as in a template
    client.get(path, headers=EN)
    assert len(count_computations) == 1

    db.session.get(Organisation, orgs['cso']).name_en = 'Open Budget Network Thailand'
    db.session.commit()
    html = client.get(path, headers=EN).get_data(as_text=True)
    assert '<ins>Thailand</ins>' in html
    assert len(count_computations) == 2


def test_the_cache_gives_back_the_same_comparison_without_computing_it_again(monkeypatch):
    pairs = [('ประชาชนเข้าถึงข้อมูล', 'ประชาชนเข้าถึงข้อมูลงบประมาณ'), ('a', 'b')]
    first = comparisons.diff_pairs(pairs)
    monkeypatch.setattr(textdiff, 'diff_texts', lambda *a: pytest.fail('computed again'))
    assert comparisons.diff_pairs(list(pairs)) is first
    assert comparisons.diffs.hits == 1
    assert first[0].segments[-1] == ('insert', 'งบประมาณ')


def test_the_cache_forgets_the_least_recent_comparison_past_its_size():
    cache = comparisons.SizedLRU(max_chars=30, max_entries=10)
    for key in ('1', '2', '3'):
        cache.put(key, key, 10)
    assert cache.get('1') == '1'  # now the most recent
    cache.put('4', '4', 10)
    assert cache.get('2') is None
    assert (cache.get('1'), cache.get('3'), cache.get('4')) == ('1', '3', '4')
    cache.put('big', 'big', 31)
    assert cache.get('big') is None  # larger than the whole cache: computed, not kept


def _fresh_interpreter(script: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, '-c', script], cwd=ROOT, capture_output=True, text=True, check=True,
        timeout=300,
    )  # fmt: skip
    return out.stdout.split()


def test_under_gevent_the_hub_keeps_ticking_while_the_worst_case_is_compared():
    # A fresh interpreter: monkey-patching this one would change every other test. The first
    # comparison also loads PyThaiNLP's dictionary (over a second of pure Python): off the hub too.
    script = (
        'from gevent import monkey; monkey.patch_all()\n'
        'import threading, gevent\n'
        'from forum.commitments import comparisons, textdiff\n'
        'from tests.commitments.test_history_bounds import worst_pairs\n'
        'ticks, running = [], [True]\n'
        'def tick():\n'
        '    while running[0]:\n'
        '        gevent.sleep(0.01)\n'
        '        ticks.append(1)\n'
        'ticker = gevent.spawn(tick)\n'
        'gevent.sleep(0)\n'
        'main, seen = threading.get_native_id(), []\n'
        'real = textdiff.diff_texts\n'
        'def watched(pairs, budget=None):\n'
        '    seen.append(threading.get_native_id())\n'
        '    return real(pairs, budget)\n'
        'textdiff.diff_texts = watched\n'
        'diffs = comparisons.diff_pairs(worst_pairs(milestones=30))\n'
        'running[0] = False\n'
        'print(seen[0] != main, len(ticks) >= 5, len(diffs))\n'
    )
    fields = len(commitment_text_columns()) + 30 * len(milestone_text_columns())
    assert _fresh_interpreter(script) == ['True', 'True', str(fields)]


def test_pythainlp_is_imported_when_the_app_starts_not_at_the_first_comparison():
    script = (
        'import sys\n'
        'from forum import create_app\n'
        "create_app({'SQLALCHEMY_DATABASE_URI': 'sqlite://'})\n"
        "print('pythainlp.tokenize.newmm' in sys.modules)\n"
        "before = {m for m in sys.modules if m.startswith('pythainlp')}\n"
        'from forum.commitments import textdiff\n'
        "textdiff.words('ประชาชน 1,000')\n"
        "print(sorted({m for m in sys.modules if m.startswith('pythainlp')} - before))\n"
    )
    assert _fresh_interpreter(script) == ['True', '[]']


def test_the_conflict_page_says_when_it_compared_coarser(
    client, auth, db, worst_commitment, secretariat
):
    """The other person's long change on a conflict page is marked as compared coarser too."""
    from tests.commitments.test_conflict_choices import change, form_of, post

    cid, _a, _b = worst_commitment
    auth.login('sec@example.org')
    path = f'/commitments/{cid}/edit'
    mine = form_of(client.get(path, headers=EN).get_data(as_text=True))
    commitment = db.session.get(Commitment, cid)
    _set_texts(commitment, lambda i: WORST[i % len(WORST)][0], db.session.merge(secretariat))
    db.session.commit()

    response = post(client, path, change(mine, contact_name='ผู้ประสานงานใหม่'))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'Not saved: someone else saved first' in html
    assert '<p class="diff-note">' in html
    assert 'compared piece by piece between spaces, not word by word' in html


def test_dates_in_the_history_are_read_as_dates_buddhist_era_in_thai(
    client, db, secretariat, make_commitment
):
    # An outside review: a commitment's dates showed in the history as "2027-03-31", the only
    # Gregorian dates a Thai reader met.
    from datetime import date

    cid = make_commitment(milestones=0)
    commitment = db.session.get(Commitment, cid)
    before = commitment.end_date
    update_commitment(
        commitment, actor=db.session.merge(secretariat), base_version=commitment.version,
        fields={'end_date': date(before.year, 4, 30)},
    )  # fmt: skip
    db.session.commit()
    path = f'/commitments/{cid}/history?a=1&b=2'

    def cells(headers) -> str:  # the compared values, their word marks taken out
        html = client.get(path, headers=headers).get_data(as_text=True)
        return re.sub(r'</?(ins|del)>', '', html)

    thai = cells({'Accept-Language': 'th'})
    assert f'<td>30 มิ.ย. {before.year + 543}</td>' in thai
    assert f'<td>30 เม.ย. {before.year + 543}</td>' in thai
    assert before.isoformat() not in thai
    assert f'<td>Apr 30, {before.year}</td>' in cells(EN)


def test_english_text_on_a_thai_page_says_it_is_english(client, db, make_commitment):
    # An outside review: a screen reader read the milestones' English facts and the history's
    # English cells with the Thai voice; the view switch's "English" had no language either.
    from forum.commitments.models import Milestone

    cid = make_commitment(milestones=1)
    milestone = db.session.scalar(db.select(Milestone).filter_by(commitment_id=cid))
    thai = {'Accept-Language': 'th'}
    page = client.get(f'/commitments/{cid}?view=en', headers=thai).get_data(as_text=True)
    assert f'<dd lang="en">{milestone.indicator_en}</dd>' in page
    assert re.search(r'<a href="[^"]*view=en" lang="en"[^>]*>English</a>', page)
    assert re.search(r'<a href="[^"]*view=th" lang="th"[^>]*>ไทย</a>', page)
    # Revision 2 added the milestone: its English output is marked English, its Thai one Thai.
    history = client.get(f'/commitments/{cid}/history?a=1&b=2', headers=thai)
    html = history.get_data(as_text=True)
    assert f'<td lang="en"><ins>{milestone.output_en}</ins></td>' in html
    assert f'<td lang="th"><ins>{milestone.output_th}</ins></td>' in html
