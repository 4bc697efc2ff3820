"""Settings come from FORUM_* when the app is configured, never when forum.config is imported."""

import pytest

from forum.config import Config, TestConfig


def test_environment_is_read_at_load_not_at_import(monkeypatch):
    monkeypatch.setenv('FORUM_COUNTRY_CODE', 'ID')
    monkeypatch.setenv('FORUM_SOCKET_QUEUE_LIMIT', '12')
    monkeypatch.setenv('FORUM_WEBSOCKET_COMPRESSION', '1')
    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    settings = Config.load()
    assert settings['COUNTRY_CODE'] == 'ID'
    assert settings['SOCKET_QUEUE_LIMIT'] == 12
    assert settings['WEBSOCKET_COMPRESSION'] is True
    # The class holds the defaults only: nothing leaked in when the module was imported.
    assert Config.COUNTRY_CODE == 'TH'
    assert Config.SOCKET_QUEUE_LIMIT == 256


def test_the_test_config_ignores_the_environment(monkeypatch):
    monkeypatch.setenv('FORUM_COUNTRY_CODE', 'ID')
    monkeypatch.setenv('FORUM_COMMENT_RATE_LIMIT', '1')
    settings = TestConfig.load()
    assert settings['COUNTRY_CODE'] == 'TH'
    assert settings['COMMENT_RATE_LIMIT'] == 10


@pytest.mark.parametrize(
    ('name', 'bad'),
    [('FORUM_EXPORT_PROCESSES', 'two'), ('FORUM_EXPORT_PROCESSES', '0'),
     ('FORUM_EXPORT_NICE', '-5'), ('FORUM_EXPORT_NICE', '20'), ('FORUM_EXPORT_NICE', 'low')],
)  # fmt: skip
def test_a_bad_export_setting_stops_the_server_at_start_up(monkeypatch, name, bad):
    """The export worker reads these later; a typo must not wait to fail every PDF."""
    monkeypatch.setenv('FORUM_SECRET_KEY', 'k')
    monkeypatch.setenv(name, '2')
    Config.load()
    monkeypatch.setenv(name, bad)
    with pytest.raises(ValueError, match=f"{name} must be a whole number from .* not '{bad}'"):
        Config.load()
