"""Forms to open a decision, vote and close it."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..core.forms import BaseForm
from ..core.plain_text import PlainText
from .models import DecisionMode
from .services import QUORUM_SHARES

#: "1/3" -> the words of a quorum share.
QUORUM_LABELS = {
    '1/4': _l('One quarter of each sector'),
    '1/3': _l('One third of each sector'),
    '1/2': _l('Half of each sector'),
    '2/3': _l('Two thirds of each sector'),
}


class OpenDecisionForm(BaseForm):
    """Put an endorsement to the forum: consensus or vote, and the quorum."""

    mode = RadioField(
        _l('How the forum decides'),
        choices=[SelectChoice(m.value, m.label) for m in DecisionMode],
        default=DecisionMode.vote.value,
        validators=[InputRequired(_l('Choose consensus or vote.'))],
    )
    quorum = SelectField(
        _l('Quorum'),
        choices=[
            SelectChoice(
                f'{q.numerator}/{q.denominator}', QUORUM_LABELS[f'{q.numerator}/{q.denominator}']
            )
            for q in QUORUM_SHARES
        ],
        default='1/3',
        description=_l("The share of each sector's seated members that must take part."),
    )
    note = TextAreaField(
        _l('Note (the meeting, the question put)'),
        validators=[
            Length(max=2000, message=_l('At most %(max)s characters.', max='2,000')),
            PlainText(),
        ],
    )
    submit = SubmitField(_l('Open the decision'))


class VoteForm(BaseForm):
    """A member's answer; the choices follow the decision's mode."""

    choice = RadioField(
        _l('Your answer'), choices=[], validators=[InputRequired(_l('Choose your answer.'))]
    )
    submit = SubmitField(_l('Send my answer'))


class CloseForm(BaseForm):
    """Close the decision and record its result."""

    submit = SubmitField(_l('Close and record the result'))
