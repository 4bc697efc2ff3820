"""The audit trail: every change names who made it, what and when."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

logger = logging.getLogger(__name__)


class AuditEntry(db.Model):
    """One recorded change."""

    __tablename__ = 'audit_entries'

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: Who acted; empty for the system (CLI, migrations).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey('users.id'), index=True)
    #: Dotted verb, e.g. ``membership.created``.
    action: Mapped[str] = mapped_column(String(80))
    #: Table name and id of what changed.
    target_type: Mapped[str] = mapped_column(String(60))
    target_id: Mapped[int | None]
    #: What changed (field names and values, never passwords).
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    def __repr__(self):
        return f'<AuditEntry {self.id} {self.action} {self.target_type}:{self.target_id}>'


def record(action: str, target: Any, *, actor: Any | None, **data: Any) -> AuditEntry:
    """Add an audit entry for ``target`` to the session (flushes nothing, commits nothing)."""
    entry = AuditEntry(
        action=action,
        target_type=getattr(target, '__tablename__', type(target).__name__),
        target_id=getattr(target, 'id', None),
        actor_id=getattr(actor, 'id', None),
        data=_jsonable(data),
    )
    db.session.add(entry)
    logger.info('%s %s by %s', action, target, actor)
    return entry


def apply_changes(obj: Any, fields: dict[str, Any]) -> dict[str, list]:
    """Set ``fields`` on ``obj``; return those that changed, as ``{name: [old, new]}``.

    Related objects appear by their id, ready for :func:`record`.
    """
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changes[name] = [_by_id(old), _by_id(value)]
    return changes


def _by_id(value: Any) -> Any:
    return getattr(value, 'id', value) if isinstance(value, db.Model) else value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, 'isoformat'):
        return value.isoformat()
    return str(value)
