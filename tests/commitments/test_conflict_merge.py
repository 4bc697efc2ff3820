"""The merge rules and the choices a conflict page sends back, without a database."""

from werkzeug.datastructures import MultiDict

from forum.commitments.merge import apply_choices, mine_values, read_choices, three_way

TYPES = {'title_th': 'TextAreaField', 'end_date': 'DateField', 'supporters': 'SelectMultipleField'}


def test_a_field_unknown_to_the_base_is_a_clash_when_it_differs():
    # A form naming no real revision: nothing tells whose change a difference is.
    merged, clashes = three_way({'a': 'mine', 'b': 'same'}, {}, {'a': 'theirs', 'b': 'same'})
    assert clashes == ['a']
    assert merged == {'a': 'mine', 'b': 'same'}


def test_after_a_conflict_page_untouched_means_as_shown_there():
    base, seen, current = {'a': 'old'}, {'a': 'shown'}, {'a': 'newest'}
    # Left as the page showed it: takes the newest value.
    assert three_way({'a': 'shown'}, base, current, seen) == ({'a': 'newest'}, [])
    # Put back to the old value on the page: a choice to make, not a silent undo of theirs.
    assert three_way({'a': 'old'}, base, current, seen)[1] == ['a']


def test_choices_are_read_only_where_offered():
    form = MultiDict(
        {'resolve-title_th': 'merged', 'resolve-end_date': 'merged', 'resolve-other': 'mine'}
    )
    assert read_choices(form, TYPES) == {'title_th': 'merged'}


def test_keep_mine_and_take_theirs_rewrite_the_form_data():
    form = MultiDict(
        [('title_th', 'merged text'), ('mine-title_th', 'my text'), ('end_date', '2028-01-31'),
         ('supporters', '1'), ('supporters', '2')]
    )  # fmt: skip
    choices = {'title_th': 'mine', 'end_date': 'theirs', 'supporters': 'theirs'}
    theirs = {'title_th': 'their text', 'end_date': '2028-03-31', 'supporters': [3]}
    data, applied = apply_choices(form, choices, TYPES, theirs)
    assert data.getlist('title_th') == ['my text']
    assert data.getlist('end_date') == ['2028-03-31']
    assert data.getlist('supporters') == ['3']
    assert applied == choices
    assert mine_values(form, 'title_th') == ['my text']
    assert mine_values(form, 'supporters') == ['1', '2']


def test_take_theirs_without_the_revision_shown_is_no_choice():
    form = MultiDict({'title_th': 'x'})
    data, applied = apply_choices(form, {'title_th': 'theirs'}, TYPES, None)
    assert applied == {}
    assert data.getlist('title_th') == ['x']
