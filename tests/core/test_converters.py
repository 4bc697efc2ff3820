"""Ids from forms and sockets: only what a row can have."""

import pytest

from forum.core.converters import MAX_ID, parse_id


@pytest.mark.parametrize(
    ('value', 'expected'),
    [
        ('7', 7),
        ('007', 7),
        (7, 7),
        (MAX_ID, MAX_ID),
        (str(MAX_ID), MAX_ID),
        ('²', None),  # isdigit() is true for it
        ('๑', None),  # a Thai digit
        ('１', None),  # a full-width digit
        ('0', None),
        (0, None),
        (-1, None),
        ('-1', None),
        (' 7', None),
        ('7.0', None),
        (7.0, None),
        (True, None),
        (None, None),
        ('', None),
        (MAX_ID + 1, None),
        ('1000000000000000000000000000000', None),
        (10**30, None),
        (['7'], None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected
