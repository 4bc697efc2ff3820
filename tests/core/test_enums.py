"""LabelledEnum: stored values unchanged, every member labelled in Thai and English."""

import importlib.util
import re
from pathlib import Path

import pytest
from flask_babel import lazy_gettext as _l

import forum.models  # noqa: F401  (every model, so every enum of a column is defined)
from forum.auth.models import Role
from forum.comments.models import ModerationReason, Stance
from forum.commitments.models import CommitmentState, MilestoneStatus
from forum.consultations.models import Channel, Disposition, InputStatus, RoundState
from forum.core.enums import LabelledEnum
from forum.decisions.models import DecisionMode, DecisionState, VoteChoice
from forum.members.models import SeatRole
from forum.moderation.models import ActionKind, AppealState
from forum.naps.models import NapState

THAI = re.compile('[\u0e00-\u0e7f]')
ENUMS = [
    Role,
    CommitmentState,
    NapState,
    MilestoneStatus,
    Stance,
    SeatRole,
    RoundState,
    Channel,
    InputStatus,
    Disposition,
    DecisionMode,
    DecisionState,
    VoteChoice,
    ModerationReason,
    ActionKind,
    AppealState,
]


def _migration(revision: str):
    versions = Path(__file__).resolve().parents[2] / 'migrations' / 'versions'
    path = next(versions.glob(f'*_{revision}_*.py'))
    spec = importlib.util.spec_from_file_location(revision, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_labelled_enum_is_tested():
    ours = {e for e in LabelledEnum.__subclasses__() if e.__module__.startswith('forum.')}
    assert ours == set(ENUMS)


def test_stored_values_are_those_the_database_checks():
    """The values are what the rows hold and what migration c0de13a00006's CHECKs allow."""
    checked = {
        (table, column): values for table, column, values, _d in _migration('c0de13a00006').CHECKS
    }
    assert [m.value for m in Role] == list(checked['users', 'role'])
    assert [m.value for m in CommitmentState] == list(checked['commitments', 'state'])
    assert [m.value for m in NapState] == list(checked['naps', 'state'])
    assert [m.value for m in MilestoneStatus] == list(checked['milestones', 'status'])
    assert [m.value for m in Stance] + [''] == list(checked['comments', 'stance'])
    assert [m.value for m in SeatRole] == list(checked['memberships', 'seat_role'])


def test_consultation_values_are_those_their_migration_checks():
    """Migration c0de15a00001 spells the values out: they must stay what the enums store."""
    migration = _migration('c0de15a00001')
    assert [m.value for m in RoundState] == list(migration.ROUND_STATES)
    assert [m.value for m in Channel] == list(migration.CHANNELS)
    assert [m.value for m in InputStatus] == list(migration.INPUT_STATUSES)
    assert [m.value for m in Disposition] == list(migration.DISPOSITIONS)


def test_decision_values_are_those_their_migration_checks():
    """Migration c0de14a00001 spells the values out: they must stay what the enums store."""
    migration = _migration('c0de14a00001')
    assert [m.value for m in DecisionMode] == list(migration.MODES)
    assert [m.value for m in DecisionState] == list(migration.STATES)
    assert [m.value for m in VoteChoice] == list(migration.CHOICES)


def test_moderation_values_are_those_their_migration_checks():
    """Migration c0de14b00001 spells the values out: they must stay what the enums store."""
    migration = _migration('c0de14b00001')
    assert [m.value for m in ModerationReason] == list(migration.REASONS)
    assert [m.value for m in ActionKind] == list(migration.KINDS)
    assert [m.value for m in AppealState] == list(migration.APPEAL_STATES)


@pytest.mark.parametrize('enum', ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_thai_and_an_english_label(app, enum):
    with app.test_request_context():
        for member in enum:
            thai, english = member.label_in('th'), member.label_in('en')
            assert THAI.search(thai), (member, thai)
            assert english, member
            assert not THAI.search(english), (member, english)
            assert '_' not in english, (member, english)  # words, not the stored value


@pytest.mark.parametrize(
    ('member', 'thai', 'english'),
    [
        (Role.secretariat, 'ฝ่ายเลขานุการ', 'Secretariat'),
        (Role.admin, 'ผู้ดูแลระบบ', 'Administrator'),
        (CommitmentState.msf_review, 'อยู่ระหว่างเวทีความร่วมมือพิจารณา', 'In MSF review'),
        (NapState.submitted_cabinet, 'เสนอคณะรัฐมนตรีแล้ว', 'Submitted to Cabinet'),
        (MilestoneStatus.not_started, 'ยังไม่เริ่ม', 'Not started'),
        (Stance.support, 'สนับสนุน', 'Support'),
        (SeatRole.co_chair, 'ประธานร่วม', 'Co-chair'),
    ],
)
def test_labels_follow_the_readers_language(app, member, thai, english):
    for language, expected in (('th', thai), ('en', english)):
        with app.test_request_context(headers={'Accept-Language': language}):
            assert str(member.label) == expected
            assert type(member).label_of(member.value) == expected
            assert member.label_in('th') == thai  # whatever the reader's language
    assert str(member) == member.value  # formatted and stored as its value, as a StrEnum


def test_a_member_is_its_value():
    assert Stance('support') is Stance.support
    assert Stance.support == 'support'
    assert f'{SeatRole.co_chair}' == 'co_chair'
    assert Stance.get('support') is Stance.support
    assert Stance.get('king') is None
    assert Stance.get(['not', 'hashable']) is None
    with pytest.raises(ValueError, match='king'):
        Stance.label_of('king')


def test_a_member_without_a_label_is_refused():
    with pytest.raises(TypeError, match='needs a label'):

        class Colour(LabelledEnum):
            red = 'red'


def test_labels_are_lazy_until_shown(app):
    class Colour(LabelledEnum):
        red = 'red', _l('Support')

    with app.test_request_context(headers={'Accept-Language': 'th'}):
        assert str(Colour.red.label) == 'สนับสนุน'
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        assert str(Colour.red.label) == 'Support'
