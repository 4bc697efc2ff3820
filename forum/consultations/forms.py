"""Forms of the consultation pages; choices that depend on the round are filled in by routes."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..core.forms import REQUIRED, BaseForm
from ..core.names import VisibleName
from ..core.widgets import CheckboxList, checkbox_option
from .models import OFFLINE_CHANNELS, Channel, Disposition
from .services.inputs import MAX_INPUT
from .services.responses import MAX_REASON


def _at_most(n: int) -> Length:
    return Length(max=n, message=_l('At most %(max)s characters.', max=f'{n:,}'))


def _checkboxes(label, **kwargs) -> SelectMultipleField:
    return SelectMultipleField(
        label, coerce=str, widget=CheckboxList(), option_widget=checkbox_option, **kwargs
    )


class RoundForm(BaseForm):
    """A round: texts in Thai and English, schedule (local time), channels and scope."""

    title_th = StringField(
        _l('Title (Thai)'), validators=[DataRequired(REQUIRED), _at_most(300)],
        render_kw={'lang': 'th'},
    )  # fmt: skip
    title_en = StringField(
        _l('Title (English)'), validators=[_at_most(300)], render_kw={'lang': 'en'}
    )
    description_th = TextAreaField(
        _l('Description (Thai)'), validators=[_at_most(20_000)], render_kw={'lang': 'th', 'rows': 4}
    )
    description_en = TextAreaField(
        _l('Description (English)'), validators=[_at_most(20_000)],
        render_kw={'lang': 'en', 'rows': 4},
    )  # fmt: skip
    announce_on = DateField(_l('Announcement date'), validators=[InputRequired(REQUIRED)])
    opens_at = DateTimeLocalField(
        _l('Opens'), format='%Y-%m-%dT%H:%M', validators=[InputRequired(REQUIRED)],
        description=_l('Date and time in Thailand (UTC+7).'),
    )  # fmt: skip
    closes_at = DateTimeLocalField(
        _l('Closes'), format='%Y-%m-%dT%H:%M', validators=[InputRequired(REQUIRED)],
        description=_l('Thai practice advises at least 15 days between opening and closing.'),
    )  # fmt: skip
    channels = _checkboxes(
        _l('Channels'),
        choices=[SelectChoice(c.value, c.label) for c in Channel],
        validators=[DataRequired(_l('Choose at least one channel.'))],
    )
    scope = RadioField(
        _l('Commitments in the round'),
        choices=[
            SelectChoice('all', _l('Every commitment of the plan')),
            SelectChoice('chosen', _l('Those chosen below')),
        ],
        default='all',
    )
    commitments = _checkboxes(_l('Chosen commitments'))
    submit = SubmitField(_l('Save'))


class RoundActionForm(BaseForm):
    """Announce, open, close or publish a round; opening a short round needs a reason."""

    reason = TextAreaField(
        _l('Why the round is shorter than 15 days'), validators=[_at_most(MAX_REASON)],
        render_kw={'rows': 3},
    )  # fmt: skip


class JoinForm(BaseForm):
    """Registration for consultation: sector, organisation, province, consent."""

    sector = SelectField(
        _l('Sector'), validators=[DataRequired(_l('Choose one of the listed sectors.'))]
    )
    organisation = StringField(
        _l('Organisation (optional)'), validators=[Optional(), _at_most(255), VisibleName()],
        description=_l('The organisation you speak for; leave it empty to speak for yourself.'),
    )  # fmt: skip
    province = SelectField(_l('Province (optional)'), validators=[Optional()])
    consent = BooleanField(
        _l('I have read the personal-data notice and agree to it.'),
        validators=[DataRequired(_l('Agree to the personal-data notice to take part.'))],
    )
    submit = SubmitField(_l('Register for the consultation'))


def new_client_id() -> str:
    """A fresh id for a form, so that sending it twice submits once."""
    return str(uuid.uuid4())


class InputForm(BaseForm):
    """An input: what it is about, the text, and whether to be named."""

    client_id = HiddenField(default=new_client_id)
    about = SelectField(_l('About'), validate_choice=False)
    body = TextAreaField(
        _l('Your input'),
        validators=[DataRequired(_l('Write the input first: it is empty.')), _at_most(MAX_INPUT)],
        description=_l('At most 10,000 characters. It cannot be edited after you send it.'),
        render_kw={'rows': 8},
    )
    publish_name = BooleanField(
        _l('Publish my name and organisation with this input'),
        description=_l('Without this, the published results show your input as anonymous.'),
    )
    submit = SubmitField(_l('Send the input'))


class OfflineInputForm(BaseForm):
    """An input made at a meeting, in a letter or otherwise, recorded by the secretariat."""

    about = SelectField(_l('About'), validate_choice=False)
    channel = SelectField(
        _l('Channel'), choices=[SelectChoice(c.value, c.label) for c in OFFLINE_CHANNELS],
        validators=[DataRequired(REQUIRED)],
    )  # fmt: skip
    received_on = DateField(_l('Date made or received'), validators=[InputRequired(REQUIRED)])
    sector = SelectField(
        _l('Sector'), validators=[DataRequired(_l('Choose one of the listed sectors.'))]
    )
    name = StringField(_l('Name (optional)'), validators=[_at_most(200), VisibleName()])
    organisation = StringField(
        _l('Organisation (optional)'), validators=[_at_most(255), VisibleName()]
    )
    province = SelectField(_l('Province (optional)'), validators=[Optional()])
    publish_name = BooleanField(_l('The person agreed to be named in the published results'))
    contact = StringField(
        _l('Contact (optional)'), validators=[_at_most(255)],
        description=_l('For the secretariat only: never published.'),
    )  # fmt: skip
    body = TextAreaField(
        _l('The input'), validators=[DataRequired(REQUIRED), _at_most(MAX_INPUT)],
        render_kw={'rows': 8},
    )  # fmt: skip
    submit = SubmitField(_l('Record the input'))


class ImportForm(BaseForm):
    """A CSV or XLSX file of offline inputs."""

    file = FileField(
        _l('File (CSV or XLSX)'), validators=[FileRequired(_l('Choose a file to import.'))]
    )
    submit = SubmitField(_l('Import'))


class ThemeForm(BaseForm):
    """A theme's title in Thai and English."""

    title_th = StringField(
        _l('Theme (Thai)'), validators=[DataRequired(REQUIRED), _at_most(300), VisibleName()]
    )
    title_en = StringField(_l('Theme (English)'), validators=[_at_most(300), VisibleName()])
    submit = SubmitField(_l('Add the theme'))


class ChooseThemeForm(BaseForm):
    """Put an input under a theme (or none)."""

    theme = SelectField(_l('Theme'), validate_choice=False)
    submit = SubmitField(_l('Save the theme'))


class MergeForm(BaseForm):
    """Mark an input a duplicate of another, named by its tracking number."""

    original = StringField(
        _l('Duplicate of (tracking number)'), validators=[DataRequired(REQUIRED), _at_most(20)],
        description=_l('For example C1-000012. Both inputs are kept.'),
    )  # fmt: skip
    submit = SubmitField(_l('Mark as duplicate'))


class MergeThemeForm(BaseForm):
    """Merge a theme into another."""

    target = SelectField(_l('Merge into'), validate_choice=False)
    submit = SubmitField(_l('Merge the themes'))


class RespondForm(BaseForm):
    """A reasoned response: disposition, reason, the revisions that carry it."""

    disposition = RadioField(
        _l('Disposition'), choices=[SelectChoice(d.value, d.label) for d in Disposition],
        validators=[InputRequired(_l('Choose what became of the input.'))],
    )  # fmt: skip
    reason = TextAreaField(
        _l('Reason'), validators=[_at_most(MAX_REASON)],
        description=_l('Required unless the input is adopted.'), render_kw={'rows': 5},
    )  # fmt: skip
    revisions = _checkboxes(
        _l('Revisions that carry the change'),
        description=_l('Revisions of the commitments since the round opened.'),
    )
    submit = SubmitField(_l('Save the response'))


class HideForm(BaseForm):
    """Hide an input, saying why."""

    reason = TextAreaField(
        _l('Why it is hidden'), validators=[DataRequired(REQUIRED), _at_most(1000)],
        description=_l('Shown in the input\'s place in the published results.'),
        render_kw={'rows': 2},
    )  # fmt: skip
    submit = SubmitField(_l('Hide the input'))


class PromoteForm(BaseForm):
    """Promote a comment to an input of the round."""

    comment_id = HiddenField(_l('The comment'), validators=[InputRequired()])
    submit = SubmitField(_l('Make it an input'))
