"""One declared schema per socket event: strict types, no unknown keys (docs/realtime.md).

:data:`SCHEMAS` names the payload of every event the default namespace handles, and
``ForumNamespace.trigger_event`` checks each payload against it before any handler runs, so no
handler sees a key it did not declare or a value of another type. Strict means what JSON sent:
``1`` is an integer, ``"1"``, ``1.0`` and ``true`` are not; ``"x"`` is text, ``5`` is not.

A refusal names the field and says what it must be, in the connection's language: each field
declares its reason with :class:`Reason`. What a schema cannot know (whether commitment 12
exists, whether a comment of 5,001 characters is too long) stays with the handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.converters import MAX_ID


@dataclass(frozen=True)
class Reason:
    """Why a value of this field is refused (a lazy translated string), whatever was wrong."""

    message: object


class Payload(BaseModel):
    """A socket payload: an object with exactly the declared keys, each of its declared type."""

    model_config = ConfigDict(strict=True, extra='forbid', frozen=True)


CommitmentId = Annotated[int, Reason(_l('commitment_id must be an integer'))]
CommentId = Annotated[
    int, Field(gt=0, le=MAX_ID), Reason(_l('comment_id must be a positive integer'))
]
Body = Annotated[str, Reason(_l('body must be text'))]


class ConnectAuth(Payload):
    """``connect``: the ``auth`` object (``{"csrf_token"}``; anonymous watchers may send none)."""

    csrf_token: Annotated[str | None, Reason(_l('csrf_token must be text'))] = None


class Join(Payload):
    """``join``: ``{"commitment_id", "since_seq"?, "since_id"?}`` (docs/realtime.md, the cursor)."""

    commitment_id: CommitmentId
    since_seq: Annotated[
        Annotated[int, Field(ge=0, le=MAX_ID)] | None,
        Reason(_l('since_seq must be a non-negative integer')),
    ] = None
    since_id: Annotated[
        Annotated[int, Field(ge=0)] | None, Reason(_l('since_id must be a non-negative integer'))
    ] = None


class Leave(Payload):
    """``leave``: ``{"commitment_id"}``."""

    commitment_id: CommitmentId


class Editing(Payload):
    """``editing``: ``{"commitment_id", "editing"}``."""

    commitment_id: CommitmentId
    editing: Annotated[bool, Reason(_l('editing must be true or false'))]


class PostComment(Payload):
    """``post_comment``: the comment, its ``client_id`` and its place (docs/realtime.md)."""

    commitment_id: CommitmentId
    body: Body
    client_id: Annotated[str, Reason(_l('client_id must be a UUID.'))]
    parent_id: Annotated[
        int | None, Reason(_l('parent_id must be the id of a comment (an integer) or null'))
    ] = None
    anchor: Annotated[str, Reason(_l('anchor must be text'))] = ''
    stance: Annotated[
        str, Reason(_l('Unknown stance: choose support, concern, question or proposal.'))
    ] = ''


class EditComment(Payload):
    """``edit_comment``: ``{"comment_id", "body"}``."""

    comment_id: CommentId
    body: Body


class DeleteComment(Payload):
    """``delete_comment``: ``{"comment_id"}``."""

    comment_id: CommentId


class HideComment(Payload):
    """``hide_comment``: ``{"comment_id", "reason", "note"}`` (docs/moderation.md)."""

    comment_id: CommentId
    reason: Annotated[str, Reason(_l('reason must be a reason code'))]
    note: Annotated[str, Reason(_l('note must be text')), Field(max_length=2000)]


class RestoreComment(Payload):
    """``restore_comment``: ``{"comment_id", "note"?}``."""

    comment_id: CommentId
    note: Annotated[str, Reason(_l('note must be text')), Field(max_length=2000)] = ''


class FlagComment(Payload):
    """``flag_comment``: ``{"comment_id", "reason"}``."""

    comment_id: CommentId
    reason: Annotated[str, Reason(_l('reason must be a reason code'))]


#: Event name -> the schema of its payload. Every ``on_<event>`` of the namespace has one
#: (``disconnect`` excepted: only Socket.IO sends it, with no payload of the client's).
SCHEMAS: dict[str, type[Payload]] = {
    'connect': ConnectAuth,
    'join': Join,
    'leave': Leave,
    'editing': Editing,
    'post_comment': PostComment,
    'edit_comment': EditComment,
    'delete_comment': DeleteComment,
    'hide_comment': HideComment,
    'restore_comment': RestoreComment,
    'flag_comment': FlagComment,
}


def refusal(event: str, payload) -> Callable[[], str] | None:
    """Why ``payload`` is not a valid ``event`` payload, or None when it is.

    The reason is returned as a function, to be called where the connection's language is known.
    The first wrong field (in declared order) is named; a payload whose every field is right but
    that carries other keys is refused with all of them listed.
    """
    try:
        SCHEMAS[event].model_validate(payload)
    except ValidationError as exc:
        return _reason(SCHEMAS[event], exc.errors(include_url=False, include_input=False))
    return None


def _reason(schema: type[Payload], errors: list[dict]) -> Callable[[], str]:
    if any(not e['loc'] for e in errors):  # the payload itself: not an object
        return lambda: _('payload must be an object')
    unknown = [e['loc'][0] for e in errors if e['type'] in ('extra_forbidden', 'invalid_key')]
    for name, field in schema.model_fields.items():
        wrong = [e for e in errors if e['loc'][0] == name]
        if not wrong:
            continue
        if wrong[0]['type'] == 'missing':
            return lambda name=name: _('%(field)s is missing', field=name)
        message = reason_of(field)
        return lambda message=message: str(message)
    keys = ', '.join(sorted(map(str, unknown)))
    return lambda: _('unknown keys: %(keys)s', keys=keys)


def reason_of(field) -> object:
    """The :class:`Reason` a schema's field declares (every field declares one)."""
    return next(m.message for m in field.metadata if isinstance(m, Reason))


def check_declared(namespace: type) -> None:
    """Fail at start-up when an ``on_<event>`` handler of ``namespace`` has no schema."""
    events = {name[3:] for name in dir(namespace) if name.startswith('on_')} - {'disconnect'}
    if missing := sorted(events - SCHEMAS.keys()):
        raise RuntimeError(f'socket events without a payload schema: {", ".join(missing)}')
