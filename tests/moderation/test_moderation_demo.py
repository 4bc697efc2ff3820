"""The demo shows moderation: a hidden comment with an appeal, flags in the queue, the log."""

from sqlalchemy import func, select

from forum.demo.data import DEMO_PASSWORD
from forum.moderation.models import Appeal, Flag, ModerationAction

EN = {'Accept-Language': 'en'}


def test_demo_moderation_is_loaded_once_and_shows(runner, db, client, app, auth):
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(ModerationAction.id))) == 1
    assert db.session.scalar(select(func.count(Flag.id))) == 3
    assert db.session.scalar(select(Appeal.state)) == 'pending'
    log = client.get('/moderation', headers=EN).get_data(as_text=True)
    assert 'Comment hidden' in log
    assert 'Personal data' in log
    assert '081-234-5678' not in log
    moderator = app.test_client()
    type(auth)(moderator).login('academic@example.org', DEMO_PASSWORD)
    queue = moderator.get('/moderation/queue', headers=EN)
    html = queue.get_data(as_text=True)
    assert queue.status_code == 200
    assert 'Spam: 1' in html
    assert 'Off-topic: 1' in html
    assert '/moderation/appeals/' in html
    runner.invoke(args=['forum', 'demo'])
    assert db.session.scalar(select(func.count(ModerationAction.id))) == 1
