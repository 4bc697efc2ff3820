"""The date beside a date input: dates.js fills the server's template as ``|date`` writes a date."""

from datetime import date

import pytest

from forum.core.date_inputs import date_input_text, date_template, fill_date_template
from forum.core.i18n import format_date

DAYS = (date(2026, 7, 1), date(2028, 6, 30), date(2025, 12, 31), date(2027, 2, 9))


def test_the_thai_template_has_no_era_and_the_buddhist_year():
    text = date_input_text('th')
    assert date_template('th') == '{d} {month} {year}'
    assert text['year_offset'] == 543
    assert text['months'][6] == 'กรกฎาคม'
    assert fill_date_template(text, 2026, 7, 1) == '1 กรกฎาคม 2569'


def test_the_english_template_keeps_the_common_era():
    text = date_input_text('en')
    assert date_template('en') == '{month} {d}, {year}'
    assert text['year_offset'] == 0
    assert fill_date_template(text, 2026, 7, 1) == 'July 1, 2026'


@pytest.mark.parametrize('locale', ['th', 'en'])
def test_the_template_writes_what_the_date_filter_writes(app, locale):
    with app.test_request_context():
        text = date_input_text(locale)
        for day in DAYS:
            written = fill_date_template(text, day.year, day.month, day.day)
            assert written == format_date(day, locale=locale)


@pytest.mark.parametrize(
    ('language', 'template', 'expected'),
    [
        ('th', '{date} เวลา {time} น.', '15 ธันวาคม 2569 เวลา 09:05 น.'),
        ('en', '{date} at {time}', 'December 15, 2026 at 09:05'),
    ],
)
def test_a_date_and_time_input_shows_its_date_and_time(app, language, template, expected):
    from datetime import datetime

    from forum.core.date_inputs import datetime_shown

    with app.test_request_context(headers={'Accept-Language': language}):
        assert date_input_text()['datetime_template'] == template  # what dates.js fills
        assert datetime_shown(datetime(2026, 12, 15, 9, 5)) == expected
        assert datetime_shown(None) == ''
