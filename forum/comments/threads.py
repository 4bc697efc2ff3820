"""The parts of a commitment a comment may be about: anchor choices and labels.

The threads a page shows come from :mod:`.window`; a comment's own label is
:attr:`.models.Comment.anchor_label`.
"""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice

from ..commitments.models import Commitment
from .models import FIELD_LABELS, MILESTONE, REMOVED_MILESTONE, milestone_label


def anchor_labels(commitment: Commitment) -> dict[str, str]:
    """Every anchor of ``commitment`` with its label in the reader's language.

    The commitment's parts (:func:`anchor_choices`) and ``milestone``, the part of comments about
    a milestone since removed: ``?about=milestone`` lists them.
    """
    labels = {key: str(label) for key, label in FIELD_LABELS.items()}
    for m in commitment.milestones:
        labels[f'{MILESTONE}:{m.id}'] = milestone_label(m.position)
    labels[MILESTONE] = str(REMOVED_MILESTONE)
    return labels


def anchor_choices(commitment: Commitment) -> list[SelectChoice]:
    """The anchor select's options: the parts a new comment may be about."""
    labels = anchor_labels(commitment)
    del labels[MILESTONE]
    return [SelectChoice(key, label) for key, label in labels.items()]
