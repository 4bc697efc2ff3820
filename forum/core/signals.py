"""Signals sent by services; realtime and, later, notifications subscribe to them."""

from blinker import Namespace

_signals = Namespace()

commitment_saved = _signals.signal(
    'commitment-saved',
    doc="""A commitment revision was saved (sender: the commitment; kwargs: revision, actor).""",
)
commitment_state_changed = _signals.signal(
    'commitment-state-changed',
    doc="""A commitment changed state (sender: the commitment; kwargs: old, new, actor).""",
)
comment_changed = _signals.signal(
    'comment-changed',
    doc="""A comment was added, edited, deleted or hidden (sender: the comment; kwargs: event,
    actor). ``event`` is the socket event name (``comment_added``…).""",
)
seats_changed = _signals.signal(
    'seats-changed',
    doc="""A person's seats changed: one was added, changed, moved or deleted (sender: the person,
    a User). Sent after the flush, inside the transaction, so receivers see the new seats.""",
)
affiliation_changed = _signals.signal(
    'affiliation-changed',
    doc="""The secretariat confirmed a person's organisation or marked it unverified again
    (sender: the person, a User). Sent after the flush, inside the transaction.""",
)
sector_side_changed = _signals.signal(
    'sector-side-changed',
    doc="""A sector now counts on the other side (government or not) (sender: the sector; kwargs:
    was_government, actor). Sent after the flush, inside the transaction: a receiver that raises
    Refused undoes the change.""",
)
seat_deleting = _signals.signal(
    'seat-deleting',
    doc="""A seat is about to be deleted (sender: the Membership), inside the transaction: a
    receiver that raises Refused keeps it (a seat that answered a decision stays on record).""",
)
