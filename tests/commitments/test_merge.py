from forum.commitments.merge import three_way


def test_fields_i_did_not_touch_take_the_other_change():
    base = {'a': 'old', 'b': 'old', 'c': 'same'}
    current = {'a': 'theirs', 'b': 'old', 'c': 'same'}
    mine = {'a': 'old', 'b': 'mine', 'c': 'same'}
    merged, clashes = three_way(mine, base, current)
    assert merged == {'a': 'theirs', 'b': 'mine', 'c': 'same'}
    assert clashes == []


def test_both_changed_is_a_clash_and_keeps_mine():
    merged, clashes = three_way({'a': 'mine'}, {'a': 'old'}, {'a': 'theirs'})
    assert merged == {'a': 'mine'}
    assert clashes == ['a']
    merged, clashes = three_way({'a': 'same new'}, {'a': 'old'}, {'a': 'same new'})
    assert clashes == []


def test_lists_and_dates_compare_by_value():
    from datetime import date

    merged, clashes = three_way(
        {'supporters': [2, 1], 'start_date': date(2026, 7, 1)},
        {'supporters': [1, 2], 'start_date': '2026-07-01'},
        {'supporters': [1, 2, 3], 'start_date': '2026-08-01'},
    )
    assert merged == {'supporters': [1, 2, 3], 'start_date': '2026-08-01'}
    assert clashes == []
