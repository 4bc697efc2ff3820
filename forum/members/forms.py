"""Secretariat forms for sectors, organisations and seats."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..core.forms import REQUIRED, BaseForm
from ..core.names import VisibleName
from .models import SeatRole


def _name(label, max_length):
    return StringField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(max=max_length, message=_l('At most %(max)d characters.', max=max_length)),
            VisibleName(),
        ],
    )


class SectorForm(BaseForm):
    """A sector: stable code, Thai and English names."""

    code = StringField(
        _l('Code'),
        validators=[
            DataRequired(REQUIRED),
            Length(max=40, message=_l('At most %(max)d characters.', max=40)),
            Regexp(
                r'^[a-z][a-z0-9_]*$',
                message=_l('Use lower-case Latin letters, digits and underscores.'),
            ),
        ],
    )
    name_th = _name(_l('Name in Thai'), 120)
    name_en = _name(_l('Name in English'), 120)
    is_government = BooleanField(_l('Counts as government in parity rules'))
    submit = SubmitField(_l('Save'))


class OrganisationForm(BaseForm):
    """An organisation in one sector."""

    name_th = _name(_l('Name in Thai'), 255)
    name_en = _name(_l('Name in English'), 255)
    sector = SelectField(_l('Sector'), validators=[DataRequired(REQUIRED)], choices=[])
    submit = SubmitField(_l('Save'))


class MembershipForm(BaseForm):
    """A seat: who, for which sector and organisation, in which role, for which term."""

    email = EmailField(
        _l('Email of the person'),
        validators=[DataRequired(REQUIRED)],
        description=_l('The person must have registered first.'),
    )
    sector = SelectField(_l('Sector of the seat'), validators=[DataRequired(REQUIRED)], choices=[])
    organisation = SelectField(_l('Organisation'), choices=[], validate_choice=False)
    seat_role = SelectField(
        _l('Seat role'),
        choices=[SelectChoice(r.value, r.label) for r in SeatRole],
        default=SeatRole.member.value,
    )
    term_start = DateField(
        _l('Term starts'),
        validators=[InputRequired(_l('Enter a date.'))],
    )
    term_end = DateField(_l('Term ends'), validators=[Optional()])
    submit = SubmitField(_l('Save'))

    def validate_term_end(self, field):
        """The term cannot end before it starts."""
        if field.data and self.term_start.data and field.data < self.term_start.data:
            raise ValidationError(_l('The term cannot end before it starts.'))


class AffiliationForm(BaseForm):
    """Confirm whom a person speaks for: a known organisation, or the name they typed."""

    organisation = SelectField(_l('Organisation'), choices=[])
    submit = SubmitField(_l('Confirm the organisation'))
