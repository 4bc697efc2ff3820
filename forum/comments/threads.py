"""The parts of a commitment a comment may be about: anchor choices and labels.

The threads a page shows come from :mod:`.window`.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from ..commitments.fields import COMMITMENT_TEXTS
from ..commitments.models import Commitment

#: Parts of a commitment that are not one text field, and their labels.
EXTRA_ANCHORS = {
    'ogp_values': _l('Relevance to OGP values'),
    'who_and_when': _l('Who and when'),
}
#: Parts of a commitment a comment may be anchored to, besides ``milestone:<id>``.
FIELD_ANCHORS = tuple(name for name, _label, _needed in COMMITMENT_TEXTS) + tuple(EXTRA_ANCHORS)


def anchor_labels(commitment: Commitment) -> dict[str, str]:
    """Every anchor of ``commitment`` with its label in the reader's language."""
    labels = {'': _('The whole commitment')}
    labels.update({name: str(label) for name, label, _needed in COMMITMENT_TEXTS})
    labels.update({name: str(label) for name, label in EXTRA_ANCHORS.items()})
    for m in commitment.milestones:
        labels[f'milestone:{m.id}'] = _('Milestone %(n)s', n=m.position)
    return labels


def anchor_choices(commitment: Commitment) -> list[SelectChoice]:
    """The anchor select's options."""
    return [SelectChoice(key, label) for key, label in anchor_labels(commitment).items()]
