"""What the audit log calls each kind of record (an entry stores its table's name).

The secretariat reads "พันธสัญญา 4", not "commitments 4"; the table's name stays beside it, as the
filter and the API know it. A table not listed here is shown by its name.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    'balanced_floors': _l('Balanced floor'),
    'comment_blocks': _l('Block on commenting'),
    'comment_flags': _l('Flag on a comment'),
    'comment_versions': _l('Earlier text of a comment'),
    'comments': _l('A comment'),
    'commitment_revisions': _l('Revision of a commitment'),
    'commitments': _l('Commitment'),
    'composition_rules': _l('Composition rules'),
    'consultation_inputs': _l('Consultation input'),
    'consultation_participants': _l('Consultation participant'),
    'consultation_responses': _l('Response to inputs'),
    'consultation_rounds': _l('Consultation round'),
    'consultation_themes': _l('Consultation theme'),
    'decisions': _l('Decision of the forum'),
    'memberships': _l('Seat'),
    'milestones': _l('Milestone'),
    'moderation_actions': _l('Moderation action'),
    'moderation_appeals': _l('Appeal'),
    'moderators': _l('Moderator'),
    'naps': _l('Action plan'),
    'organisations': _l('Organisation'),
    'policy_areas': _l('Policy area'),
    'sector_quotas': _l('Sector quota'),
    'sectors': _l('Sector'),
    'users': _l('Account'),
    'votes': _l('Vote'),
}


def kind_label(table: str) -> str:
    """The reader's name for records of ``table`` (the table's own name when none is known)."""
    label = KINDS.get(table)
    return str(label) if label is not None else table
