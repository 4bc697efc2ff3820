from sqlalchemy import func, select

from forum.auth.models import Role, User
from forum.members.models import Membership
from forum.naps.models import PolicyArea
from forum.sectors.models import Organisation, Sector


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_builds_a_thai_msf_across_all_sectors(runner, db):
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    assert 'forum-demo-2569' in result.output
    seats = db.session.scalars(select(Membership)).unique().all()
    assert 10 <= len(seats) <= 14
    assert {s.sector.code for s in seats} == {
        'government',
        'civil_society',
        'private_sector',
        'academia',
        'other',
    }
    assert {s.seat_role for s in seats} >= {'chair', 'co_chair'}
    assert _count(db, PolicyArea) == 9
    assert db.session.scalar(select(PolicyArea).filter_by(code='justice')).name_th == 'ความยุติธรรม'
    secretariat = db.session.scalar(select(User).filter_by(email='secretariat@example.org'))
    assert secretariat.role == Role.secretariat
    assert secretariat.check_password('forum-demo-2569')


def test_demo_is_idempotent(runner, db):
    runner.invoke(args=['forum', 'demo'])
    counts = [_count(db, m) for m in (User, Organisation, Membership, Sector, PolicyArea)]
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0
    assert '0 organisations, 0 accounts, 0 seats created' in result.output
    assert [_count(db, m) for m in (User, Organisation, Membership, Sector, PolicyArea)] == counts


def test_demo_if_empty_leaves_a_used_database_alone(runner, db, create_user_):
    create_user_()
    result = runner.invoke(args=['forum', 'demo', '--if-empty'])
    assert 'not loaded' in result.output
    assert _count(db, User) == 1


def test_create_user(runner, db):
    result = runner.invoke(
        args=[
            'forum', 'create-user', 'Admin@Example.org', '--password', 'a long password',
            '--name', 'ผู้ดูแล', '--role', 'admin', '--sector', 'government',
            '--organisation', 'สำนักงาน ก.พ.ร.',
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).filter_by(email='admin@example.org'))
    assert user.role == Role.admin
    assert user.sector.code == 'government'
    assert user.organisation.name_th == 'สำนักงาน ก.พ.ร.'
    assert user.check_password('a long password')


def test_create_user_refuses_bad_input_without_a_trace(runner, db, create_user_):
    create_user_(email='taken@example.org')
    cases = [
        (['taken@example.org', '--password', 'a long password', '--name', 'X'], 'exists already'),
        (['new@example.org', '--password', 'short', '--name', 'X'], 'at least 10'),
        (['new@example.org', '--password', 'a long password', '--name', 'X', '--sector', 'nope'],
         'no sector'),
        (['new@example.org', '--password', 'a long password', '--name', 'X', '--role', 'king'],
         'Invalid value'),
        (['not an email', '--password', 'a long password', '--name', 'X'], 'not a valid email'),
    ]  # fmt: skip
    for args, message in cases:
        result = runner.invoke(args=['forum', 'create-user', *args])
        assert result.exit_code != 0
        assert message in result.output
    assert _count(db, User) == 1


def test_setup_creates_reference_data_once(runner, db):
    assert runner.invoke(args=['forum', 'setup']).exit_code == 0
    assert runner.invoke(args=['forum', 'setup']).exit_code == 0
    assert _count(db, Sector) == 5
    assert _count(db, PolicyArea) == 9
