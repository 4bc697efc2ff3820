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
from .members.models import Membership
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
    'BalancedFloor',
    'Block',
    'Flag',
    'ModerationAction',
    'Moderator',
    'AuditEntry',
    'Comment',
    'CommentVersion',
    'Commitment',
    'CommitmentRevision',
    'ConsultationInput',
    'ConsultationParticipant',
    'ConsultationResponse',
    'ConsultationRound',
    'ConsultationTheme',
    'Membership',
    'Milestone',
    'Nap',
    'Organisation',
    'PolicyArea',
    'Sector',
    'User',
]
