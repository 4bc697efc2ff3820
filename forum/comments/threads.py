"""Comments arranged for a page: threads, anchor choices and labels."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ..commitments.fields import COMMITMENT_TEXTS
from ..commitments.models import Commitment
from .models import Comment
from .services import comments_of


def anchor_labels(commitment: Commitment) -> dict[str, str]:
    """Every anchor of ``commitment`` with its label in the reader's language."""
    labels = {'': _('The whole commitment')}
    labels.update({name: str(label) for name, label, _needed in COMMITMENT_TEXTS})
    labels['ogp_values'] = _('Relevance to OGP values')
    labels['who_and_when'] = _('Who and when')
    for m in commitment.milestones:
        labels[f'milestone:{m.id}'] = _('Milestone %(n)s', n=m.position)
    return labels


def anchor_choices(commitment: Commitment) -> list[SelectChoice]:
    """The anchor select's options."""
    return [SelectChoice(key, label) for key, label in anchor_labels(commitment).items()]


def threads(commitment: Commitment) -> list[tuple[Comment, list[Comment]]]:
    """Top-level comments in order, each with its replies."""
    comments = comments_of(commitment)
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    return [(c, replies.get(c.id, [])) for c in comments if not c.parent_id]
