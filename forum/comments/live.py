"""Comment events go to the commitment's room once the transaction commits."""

from ..commitments.live import room
from ..core.signals import comment_changed
from ..realtime.broadcast import emit_after_commit
from .serialize import comment_json


def connect_receivers() -> None:
    """Broadcast every comment change to its commitment's room; called by ``create_app``."""
    comment_changed.connect(_broadcast)


def _broadcast(comment, *, event: str, actor, **_kw):
    emit_after_commit(event, {'comment': comment_json(comment)}, to=room(comment.commitment_id))
