"""Every socket event gets an ack: unknown events, extra arguments and unforeseen failures too."""

from forum import sockets as events
from forum.extensions import socketio


def _anonymous(app, lang='en'):
    sock = socketio.test_client(
        app, flask_test_client=app.test_client(), headers={'Accept-Language': lang}
    )
    assert sock.is_connected()
    return sock


def test_an_unknown_event_is_answered(app):
    sock = _anonymous(app)
    assert sock.emit('frobnicate', {'x': 1}, callback=True) == {
        'ok': False,
        'error': 'unknown event',
    }
    assert sock.is_connected()


def test_more_than_one_payload_is_answered(app):
    sock = _anonymous(app)
    ack = sock.emit('join', {'commitment_id': 1}, 2, callback=True)
    assert ack == {'ok': False, 'error': 'send one payload object'}
    assert sock.emit('leave', 1, 2, 3, callback=True)['ok'] is False
    assert sock.is_connected()


def test_a_failure_no_handler_foresaw_is_answered_and_rolled_back(app, db, monkeypatch, caplog):
    from forum.sectors.models import Sector

    def broken(payload):
        sector = db.session.scalars(db.select(Sector)).first()
        sector.name_en = 'half-written'
        db.session.flush()
        raise RuntimeError('a bug')

    monkeypatch.setattr(events.live, 'load', broken)
    sock = _anonymous(app)
    ack = sock.emit('join', {'commitment_id': 1}, callback=True)
    assert ack == {'ok': False, 'error': 'the server could not handle this; please try again'}
    assert sock.is_connected()
    assert 'Socket event join failed' in caplog.text
    assert 'half-written' not in db.session.scalars(db.select(Sector.name_en)).all()


def test_refusals_outside_any_handler_are_in_the_connections_language(app):
    sock = _anonymous(app, lang='th')
    ack = sock.emit('join', {'commitment_id': 1}, 2, callback=True)
    assert ack == {'ok': False, 'error': 'ส่งข้อมูลเพียงหนึ่งออบเจ็กต์'}


def test_a_payload_nested_too_deeply_is_answered(app, caplog):
    """A thousand nested arrays (2 KB) went unanswered, with a traceback logged each time."""
    from forum.realtime import utf8_json

    deep = '[' * 5000 + ']' * 5000
    assert utf8_json.loads(f'["post_comment",{{"commitment_id":{deep}}}]') == [utf8_json.TOO_DEEP]
    assert utf8_json.loads('["join",{"commitment_id":1}]') == ['join', {'commitment_id': 1}]
    sock = _anonymous(app)
    # What the packet then reads as, through python-socketio's dispatch, answered like any event.
    assert sock.emit(utf8_json.TOO_DEEP, callback=True) == {
        'ok': False,
        'error': 'the payload is nested too deeply to read',
    }
    assert sock.is_connected()
    assert 'RecursionError' not in caplog.text
    # In the connection's language, as every refusal.
    thai = _anonymous(app, lang='th')
    assert thai.emit(utf8_json.TOO_DEEP, callback=True) == {
        'ok': False,
        'error': 'ข้อมูลที่ส่งมาซ้อนกันลึกเกินกว่าจะอ่านได้',
    }
    assert thai.emit('no_such_event', {}, callback=True) == {
        'ok': False,
        'error': 'ไม่รู้จักเหตุการณ์นี้',
    }
