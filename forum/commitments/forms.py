"""Forms for drafting commitments and milestones; texts come in Thai and English pairs."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
)

from ..core.converters import parse_id
from ..core.forms import BaseForm
from ..core.i18n import format_date
from ..core.widgets import CheckboxList, checkbox_option
from .fields import COMMITMENT_TEXTS, LANG_LABELS, LANGS, MAX_TEXT, MILESTONE_TEXTS, OGP_VALUES
from .models import MilestoneStatus

TOO_LONG = _l('At most %(max)s characters.', max=f'{MAX_TEXT:,}')


def _text(label, lang: str) -> TextAreaField:
    return TextAreaField(
        _l('%(field)s (%(language)s)', field=label, language=LANG_LABELS[lang]),
        validators=[Length(max=MAX_TEXT, message=TOO_LONG)],
        render_kw={'lang': lang, 'rows': 3},
    )


def _dates_in(form, outer_start, outer_end, message) -> None:
    start, end = form.start_date.data, form.end_date.data
    if start and end and end < start:
        form.end_date.errors.append(_l('The end date cannot be before the start date.'))
    for field in (form.start_date, form.end_date):
        if field.data and outer_start and outer_end and not outer_start <= field.data <= outer_end:
            field.errors.append(message)


class VersionedForm(BaseForm):
    """A form that carries the commitment version it was opened on (conflict detection)."""

    # Named for the error summary of a form sent without it (a stale or hand-made form).
    version = HiddenField(
        _l('Version of the text this form was opened on'), validators=[InputRequired()]
    )

    @property
    def base_version(self) -> int:
        """The version the person started from."""
        if self.version.data == '0':
            return 0
        return parse_id(self.version.data) or -1


class CommitmentForm(VersionedForm):
    """Every field of the OGP commitment template."""

    policy_area = SelectField(
        _l('Primary policy area'), validators=[DataRequired(_l('Choose a policy area.'))]
    )
    lead_agency = SelectField(_l('Lead implementing agency'), validate_choice=True)
    supporters = SelectMultipleField(
        _l('Supporting actors'), coerce=str, widget=CheckboxList(), option_widget=checkbox_option
    )
    contact_name = StringField(
        _l('Contact person'), validators=[Length(max=200, message=_l('At most 200 characters.'))]
    )
    contact_email = EmailField(
        _l('Contact email'),
        validators=[Optional(), Email(_l('Enter a valid email address.')), Length(max=254)],
    )
    start_date = DateField(_l('Start date'), validators=[Optional()])
    end_date = DateField(_l('End date'), validators=[Optional()])
    budget = StringField(
        _l('Budget (optional)'), validators=[Length(max=500, message=_l('At most 500 characters.'))]
    )
    sdg_targets = StringField(
        _l('SDG targets (optional)'),
        validators=[Length(max=500, message=_l('At most 500 characters.'))],
        description=_l('For example 16.6, 16.10'),
    )
    submit = SubmitField(_l('Save'))

    def __init__(self, *args, nap=None, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._nap = nap
        self._milestones = milestones

    def validate(self, extra_validators=None):
        """Field checks, then: a title in some language, dates inside the plan and milestones."""
        valid = super().validate(extra_validators=extra_validators)
        if not (self.title_th.data or '').strip() and not (self.title_en.data or '').strip():
            self.title_th.errors.append(_l('Give the commitment a title in Thai or English.'))
        if self._nap is not None:
            _dates_in(
                self, self._nap.start_date, self._nap.end_date,
                _l('The date must lie inside the plan (%(start)s – %(end)s).',
                   start=format_date(self._nap.start_date), end=format_date(self._nap.end_date)),
            )  # fmt: skip
        for m in self._milestones:
            for field, day in ((self.start_date, m.start_date), (self.end_date, m.end_date)):
                if (
                    field.data
                    and day
                    and not ((self.start_date.data or day) <= day <= (self.end_date.data or day))
                ):
                    field.errors.append(
                        _l('Milestone %(n)d falls outside these dates.', n=m.position)
                    )
                    break
        return valid and not any(f.errors for f in self)


for _name, _label, _needed in COMMITMENT_TEXTS:
    for _lang in LANGS:
        setattr(CommitmentForm, f'{_name}_{_lang}', _text(_label, _lang))
for _flag, _why, _label in OGP_VALUES:
    setattr(CommitmentForm, _flag, BooleanField(_label))
    for _lang in LANGS:
        setattr(
            CommitmentForm,
            f'{_why}_{_lang}',
            _text(_l('Why: %(value)s', value=_label), _lang),
        )


class MilestoneForm(VersionedForm):
    """A milestone: output, metric, owner, dates, status and evidence."""

    responsible_organisation = SelectField(_l('Responsible organisation'))
    start_date = DateField(_l('Start date'), validators=[Optional()])
    end_date = DateField(_l('End date'), validators=[Optional()])
    status = SelectField(
        _l('Implementation status'),
        choices=[SelectChoice(s.value, s.label) for s in MilestoneStatus],
    )
    evidence_url = URLField(
        _l('Evidence link'),
        validators=[
            Optional(),
            URL(message=_l('Enter a full web address starting with https://')),
            Length(max=1000),
        ],
    )
    submit = SubmitField(_l('Save milestone'))

    def __init__(self, *args, commitment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._commitment = commitment

    def validate(self, extra_validators=None):
        """Field checks, then dates inside the commitment's (or the plan's) period."""
        valid = super().validate(extra_validators=extra_validators)
        c = self._commitment
        if c is not None:
            start = c.start_date or c.nap.start_date
            end = c.end_date or c.nap.end_date
            _dates_in(
                self, start, end,
                _l('The date must lie inside the commitment (%(start)s – %(end)s).',
                   start=format_date(start), end=format_date(end)),
            )  # fmt: skip
        return valid and not any(f.errors for f in self)


for _name, _label in MILESTONE_TEXTS:
    for _lang in LANGS:
        setattr(MilestoneForm, f'{_name}_{_lang}', _text(_label, _lang))


class StateForm(BaseForm):
    """Move a commitment to another state."""

    state = HiddenField(_l('State'), validators=[DataRequired()])


class WithdrawForm(BaseForm):
    """Withdraw a commitment; the reason is required."""

    reason = TextAreaField(
        _l('Why is it withdrawn?'),
        validators=[
            DataRequired(_l('Say why the commitment is withdrawn.')),
            Length(max=MAX_TEXT, message=TOO_LONG),
        ],
    )
    submit = SubmitField(_l('Withdraw'))


class TeamForm(BaseForm):
    """The drafting team: people who may edit, from any sector."""

    editors = SelectMultipleField(_l('Drafting team'), coerce=str)
    submit = SubmitField(_l('Save'))


class VersionOnlyForm(VersionedForm):
    """An action on a commitment that only needs the version it is based on."""


class MoveForm(VersionedForm):
    """Move a milestone up (-1) or down (+1)."""

    offset = IntegerField(validators=[InputRequired()])
