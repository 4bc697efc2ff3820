from datetime import UTC, date, datetime

import pytest

from forum.core.i18n import buddhist_pattern, format_date, format_datetime, to_thai_digits


@pytest.mark.parametrize(
    ('fmt', 'expected'),
    [
        ('long', '2 ธันวาคม 2568'),
        ('medium', '2 ธ.ค. 2568'),
        ('short', '2/12/2568'),
        ('full', 'วันอังคารที่ 2 ธันวาคม 2568'),
    ],
)
def test_thai_dates_show_the_buddhist_era(app, fmt, expected):
    with app.test_request_context(headers={'Accept-Language': 'th'}):
        assert format_date(date(2025, 12, 2), fmt) == expected


def test_thai_dates_never_show_the_christian_era(app):
    with app.test_request_context(headers={'Accept-Language': 'th'}):
        text = format_date(date(2026, 1, 27), 'long')
    assert text == '27 มกราคม 2569'
    assert 'ค.ศ.' not in text
    assert '2026' not in text


def test_english_dates_keep_the_common_era(app):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        assert format_date(date(2025, 12, 2), 'long') == 'December 2, 2025'


def test_thai_digits_are_an_option(app):
    with app.test_request_context():
        assert format_date(date(2025, 12, 2), 'long', locale='th', thai_digits=True) == (
            '๒ ธันวาคม ๒๕๖๘'
        )
    assert to_thai_digits('TH0001') == 'TH๐๐๐๑'


def test_datetime_uses_bangkok_time_and_the_buddhist_year(app):
    # 31 December 2025, 20:30 UTC is already 1 January 2026 in Bangkok (UTC+7).
    moment = datetime(2025, 12, 31, 20, 30, tzinfo=UTC)
    with app.test_request_context():
        text = format_datetime(moment, 'long', locale='th')
    assert text.startswith('1 มกราคม 2569')
    assert '03:30' in text


def test_pattern_rewrite_keeps_quoted_text_and_drops_the_era():
    assert buddhist_pattern("d MMMM G y 'ปี'", 2026) == "d MMMM '2569' 'ปี'"


def test_same_helper_serves_templates(app):
    with app.test_request_context(headers={'Accept-Language': 'th'}):
        rendered = app.jinja_env.from_string('{{ d|date }}').render(d=date(2026, 6, 30))
    assert rendered == '30 มิถุนายน 2569'


def test_a_remembered_datetime_still_follows_the_language_and_the_digits(app):
    moment = datetime(2026, 11, 26, 23, 6, tzinfo=UTC)
    with app.test_request_context():
        shown = [format_datetime(moment, locale=lang) for lang in ('th', 'en', 'th')]
        assert shown == ['27 พ.ย. 2569 06:06 น.', 'Nov 27, 2026, 6:06\u202fAM', shown[0]]
        assert format_datetime(moment, locale='th', thai_digits=True) == '๒๗ พ.ย. ๒๕๖๙ ๐๖:๐๖ น.'
        assert format_datetime(moment, 'long', locale='th').startswith('27 พฤศจิกายน 2569')


def test_templates_translate_in_the_request_language_and_follow_force_locale(app):
    from flask_babel import force_locale, refresh

    template = app.jinja_env.from_string(
        "{{ _('Reply') }}|{{ ngettext('%(num)d comment', '%(num)d comments', 2) }}"
    )
    with app.test_request_context(headers={'Accept-Language': 'th'}):
        thai = template.render()
        assert thai.startswith('ตอบกลับ|')
        assert template.render() == thai  # the remembered catalogue gives the same
        with force_locale('en'):
            assert template.render() == 'Reply|2 comments'
        assert template.render() == thai  # back to the request's language
        app.config['BABEL_DEFAULT_LOCALE'] = 'th'
        from flask import session

        session['lang'] = 'en'
        refresh()  # e.g. after the language switch: the locale is chosen again
        assert template.render() == 'Reply|2 comments'
