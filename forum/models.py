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
from .naps.models import Nap, PolicyArea
from .sectors.models import Organisation, Sector

__all__ = [
    'AuditEntry',
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
    'Membership',
    'Milestone',
    'Nap',
    'Organisation',
    'PolicyArea',
    'Sector',
    'SectorQuota',
    'User',
    'Vote',
]
