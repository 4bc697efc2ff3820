"""The moderation forms; reason codes are :class:`~forum.comments.models.ModerationReason`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..comments.models import ModerationReason
from ..core.forms import REQUIRED, BaseForm
from .services import MAX_NOTE


def _reasons():
    return [SelectChoice(r.value, r.label) for r in ModerationReason]


class FlagForm(BaseForm):
    """Flag a comment for the moderators."""

    reason = RadioField(_l('What is wrong with it?'), choices=_reasons(),
                        validators=[InputRequired(_l('Choose a reason.'))])  # fmt: skip
    submit = SubmitField(_l('Flag'))


class HideForm(BaseForm):
    """Hide a comment: the reason code shows in its place, the note stays with the moderators."""

    reason = SelectField(_l('Reason'), choices=_reasons())
    note = TextAreaField(
        _l('Note for the moderators'),
        validators=[DataRequired(_l('Add a note for the other moderators.')), Length(max=MAX_NOTE)],
        description=_l('Not public: it is kept in the audit log.'),
    )
    submit = SubmitField(_l('Hide'))


class RestoreForm(BaseForm):
    """Show a hidden comment again."""

    note = TextAreaField(_l('Note (optional)'), validators=[Optional(), Length(max=MAX_NOTE)])
    submit = SubmitField(_l('Restore'))


class AppealForm(BaseForm):
    """The author's appeal."""

    text = TextAreaField(
        _l('Why should the comment be shown again?'),
        validators=[DataRequired(_l('Say why the comment should be shown again.')),
                    Length(max=MAX_NOTE)],
    )  # fmt: skip
    submit = SubmitField(_l('Appeal'))


class DecideAppealForm(BaseForm):
    """A moderator's decision on an appeal."""

    decision = RadioField(
        _l('Decision'),
        choices=[SelectChoice('grant', _l('Grant: restore the comment')),
                 SelectChoice('uphold', _l('Uphold: it stays hidden'))],
        validators=[InputRequired(_l('Choose a decision.'))],
    )  # fmt: skip
    note = TextAreaField(
        _l('Explanation'),
        validators=[DataRequired(_l('Explain the decision.')), Length(max=MAX_NOTE)],
    )
    submit = SubmitField(_l('Decide'))


class BlockForm(BaseForm):
    """Block a person from commenting until a date."""

    justification = TextAreaField(
        _l('Justification'),
        validators=[DataRequired(_l('Give the justification: it is recorded.')),
                    Length(max=MAX_NOTE)],
    )  # fmt: skip
    ends_on = DateField(
        _l('Blocked until the end of'),
        validators=[InputRequired(_l('Give the date the block ends.'))],
    )
    submit = SubmitField(_l('Block'))


class FloorForm(BaseForm):
    """A commitment's balanced floor."""

    is_on = BooleanField(_l('Balanced floor on'))
    share_percent = IntegerField(
        _l('A sector dominates above this share of the latest comments (%)'), default=50,
        validators=[InputRequired(REQUIRED), NumberRange(1, 99)],
    )  # fmt: skip
    last_n = IntegerField(
        _l('Number of latest comments counted'), default=20,
        validators=[InputRequired(REQUIRED), NumberRange(2, 500)],
    )  # fmt: skip
    wait_minutes = IntegerField(
        _l('Minutes its members wait between comments'), default=10,
        validators=[InputRequired(REQUIRED), NumberRange(1, 1440)],
    )  # fmt: skip
    submit = SubmitField(_l('Save'))


class ModeratorForm(BaseForm):
    """Designate a moderator by the e-mail address of their account."""

    email = EmailField(_l('E-mail address of the account'),
                       validators=[DataRequired(REQUIRED), Length(max=255)])  # fmt: skip
    submit = SubmitField(_l('Designate'))


class AuditFilterForm(BaseForm):
    """The audit log's filters (GET, no CSRF)."""

    class Meta:  # noqa: D106
        csrf = False

    action = StringField(_l('Action'), validators=[Optional(), Length(max=80)])
    actor = StringField(_l('Actor (e-mail or name)'), validators=[Optional(), Length(max=255)])
    target_type = SelectField(_l('Kind of record'), choices=[], validate_choice=False)
    since = DateField(_l('From'), validators=[Optional()])
    until = DateField(_l('Until'), validators=[Optional()])
    submit = SubmitField(_l('Filter'))
