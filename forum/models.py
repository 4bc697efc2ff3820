"""Imports every model so that SQLAlchemy's metadata and Alembic see all tables."""

from .auth.models import User
from .core.audit import AuditEntry
from .members.models import Membership, Organisation, Sector
from .naps.models import PolicyArea

__all__ = ['AuditEntry', 'Membership', 'Organisation', 'PolicyArea', 'Sector', 'User']
