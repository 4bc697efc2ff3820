"""One row locked until the transaction ends: how changes made at the same moment take turns.

PostgreSQL runs two requests' transactions side by side; a check made on rows read before
another request's change commits passes on what is no longer true. A service that checks and
then writes takes the row its check is about first (``SELECT … FOR UPDATE``: the second waits
for the first to commit) and reads it again. SQLite serialises writers and ignores the clause.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db


def lock_row(obj, *, refresh: bool = True, key_share: bool = False) -> None:
    """Lock ``obj``'s row (a model with an ``id``); read it afresh unless ``refresh`` is False.

    ``key_share``: ``FOR NO KEY UPDATE``, which rows that merely refer to this one (inserting a
    comment by a person) do not wait for; two such locks still take turns.
    """
    obj = getattr(obj, '_get_current_object', lambda: obj)()  # current_user is a proxy
    model = type(obj)
    db.session.execute(
        select(model.id).where(model.id == obj.id).with_for_update(key_share=key_share)
    ).scalar_one()
    if refresh:
        db.session.refresh(obj)
