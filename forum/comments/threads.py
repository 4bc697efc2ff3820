"""The parts of a commitment a comment may be about: anchor choices and labels.

The threads a page shows come from :mod:`.window`.
"""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ..commitments.fields import COMMITMENT_TEXTS
from ..commitments.models import Commitment


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
