"""The secretariat's forms for plans."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..core.forms import REQUIRED, BaseForm


class NapForm(BaseForm):
    """A new plan: number, bilingual title, start year, length and end month."""

    number = IntegerField(
        _l('Plan number'),
        validators=[InputRequired(REQUIRED), NumberRange(min=1, max=99, message=_l('1 to 99.'))],
    )
    title_th = StringField(
        _l('Title in Thai'),
        validators=[DataRequired(REQUIRED), Length(max=300, message=_l('At most 300 characters.'))],
    )
    title_en = StringField(
        _l('Title in English'),
        validators=[DataRequired(REQUIRED), Length(max=300, message=_l('At most 300 characters.'))],
    )
    start_year = IntegerField(
        _l('First year (C.E.)'),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=2000, max=2100, message=_l('A year between 2000 and 2100.')),
        ],
        # The field macro shows the B.E. year beside it on a Thai page.
        render_kw={'data-year': 'ce'},
    )
    length_years = SelectField(
        _l('Length'),
        choices=[SelectChoice('2', _l('2 years')), SelectChoice('4', _l('4 years'))],
        default='2',
    )
    end_month = SelectField(
        _l('Ends on'),
        choices=[SelectChoice('6', _l('30 June')), SelectChoice('12', _l('31 December'))],
        default='6',
    )
    submit = SubmitField(_l('Create the plan'))
