"""The audit trail: every change names who made it, what and when.

Append-only: the ORM refuses to update or delete an :class:`AuditEntry` (:func:`_refuse_change`,
:func:`_refuse_bulk`), and the database refuses it too, with triggers installed by migration
c0de14b00001 (:data:`APPEND_ONLY_SQL`, the same statements).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

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


class AppendOnly(RuntimeError):
    """An attempt to change or delete an audit entry: a bug, never a user's error."""


@event.listens_for(AuditEntry, 'before_update')
@event.listens_for(AuditEntry, 'before_delete')
def _refuse_change(_mapper, _connection, target) -> None:
    raise AppendOnly(f'{target!r}: the audit log is append-only')


@event.listens_for(Session, 'do_orm_execute')
def _refuse_bulk(state: ORMExecuteState) -> None:
    """``update(AuditEntry)`` / ``delete(AuditEntry)`` through a session: refused before SQL."""
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, 'table', None)
    if getattr(table, 'name', None) == AuditEntry.__tablename__:
        raise AppendOnly('the audit log is append-only')


_MESSAGE = 'audit_entries is append-only'
#: The triggers that keep the table append-only in the database, per dialect (the migration runs
#: the same statements; tests/conftest.py drops and re-creates them on SQLite to empty the table).
APPEND_ONLY_SQL = {
    'sqlite': [
        'CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
        'CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    ],
    'postgresql': [
        'CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS '
        f"$$ BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $$",
        'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries '
        'FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()',
    ],
}
#: Their removal (the migration's downgrade).
DROP_APPEND_ONLY_SQL = {
    'sqlite': [
        'DROP TRIGGER IF EXISTS audit_entries_no_update',
        'DROP TRIGGER IF EXISTS audit_entries_no_delete',
    ],
    'postgresql': [
        'DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries',
        'DROP FUNCTION IF EXISTS audit_entries_append_only()',
    ],
}


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
