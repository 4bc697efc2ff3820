"""Who acts: what services in the lower layers need to know of a person (an id)."""

from __future__ import annotations

from typing import Protocol


class Actor(Protocol):
    """Anyone a service records as acting: an account (:class:`forum.auth.models.User`)."""

    id: int
