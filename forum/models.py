"""Imports every model so that SQLAlchemy's metadata and Alembic see all tables."""

from .auth.models import User
from .comments.models import Comment, CommentVersion
from .commitments.models import Commitment, CommitmentRevision, Milestone
from .consultations.models import (
    ConsultationInput,
    ConsultationParticipant,
    ConsultationResponse,
    ConsultationRound,
    ConsultationTheme,
)
from .core.audit import AuditEntry
from .decisions.models import Decision, Vote
from .members.models import CompositionRules, Membership, SectorQuota
from .moderation.models import (
    Appeal,
    BalancedFloor,
    Block,
    Flag,
    ModerationAction,
    Moderator,
)
from .naps.models import Nap, PolicyArea
from .sectors.models import Organisation, Sector

__all__ = [
    'Appeal',
    'AuditEntry',
    'BalancedFloor',
    'Block',
    'Comment',
    'CommentVersion',
    'Commitment',
    'CommitmentRevision',
    'CompositionRules',
    'ConsultationInput',
    'ConsultationParticipant',
    'ConsultationResponse',
    'ConsultationRound',
    'ConsultationTheme',
    'Decision',
    'Flag',
    'Membership',
    'Milestone',
    'ModerationAction',
    'Moderator',
    'Nap',
    'Organisation',
    'PolicyArea',
    'Sector',
    'SectorQuota',
    'User',
    'Vote',
]
