"""Secretariat forms for sectors, organisations and seats."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..core.forms import REQUIRED, BaseForm
from ..core.names import VisibleName
from ..core.plain_text import PlainText
from .models import SeatRole


def _name(label, max_length):
    return StringField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(
                max=max_length, message=_l('At most %(max)s characters.', max=f'{max_length:,}')
            ),
            VisibleName(),
        ],
    )


class SectorForm(BaseForm):
    """A sector: stable code, Thai and English names."""

    code = StringField(
        _l('Code'),
        validators=[
            DataRequired(REQUIRED),
            Length(max=40, message=_l('At most %(max)s characters.', max='40')),
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

    def validate_code(self, field):
        """Codes that presence and the balance panel use apart from the sectors are taken."""
        if field.data in ('secretariat', 'anonymous'):
            raise ValidationError(_l('This code is reserved: choose another.'))


class OrganisationForm(BaseForm):
    """An organisation in one sector."""

    name_th = _name(_l('Name in Thai'), 255)
    name_en = _name(_l('Name in English'), 255)
    sector = SelectField(_l('Sector'), validators=[DataRequired(REQUIRED)], choices=[])
    submit = SubmitField(_l('Save'))


class MembershipForm(BaseForm):
    """A seat: who, for which sector and organisation, in which role, for which term."""

    person = SelectField(
        _l('Person'),
        choices=[],
        validate_choice=False,
        description=_l('Registered people by sector. A typed email below is used instead.'),
    )
    email = EmailField(
        _l('Email of the person'),
        validators=[Optional()],
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


class CompositionForm(BaseForm):
    """The composition rules; :func:`composition_form` adds the per-sector fields."""

    parity = BooleanField(_l('Parity: government seats may not outnumber non-government seats'))
    co_chairs_both_sides = BooleanField(
        _l(
            'Chairs from both sides: of the chair and co-chair seats, one government and '
            'one non-government'
        )
    )
    max_seats_total = IntegerField(
        _l('Most seats in all'),
        validators=[Optional(), NumberRange(min=0, max=9999, message=_l('Enter 0 to 9999.'))],
        description=_l('Leave empty for no limit.'),
    )
    submit = SubmitField(_l('Save the rules'))


def composition_form(sectors) -> type[CompositionForm]:
    """A :class:`CompositionForm` with a minimum and a maximum field for each of ``sectors``."""

    class SectorsCompositionForm(CompositionForm):
        pass

    for sector in sectors:
        bounds = [Optional(), NumberRange(min=0, max=9999, message=_l('Enter 0 to 9999.'))]
        setattr(
            SectorsCompositionForm,
            f'min_{sector.id}',
            IntegerField(_l('At least (%(sector)s)', sector=sector.name), validators=bounds),
        )
        setattr(
            SectorsCompositionForm,
            f'max_{sector.id}',
            IntegerField(_l('At most (%(sector)s)', sector=sector.name), validators=bounds),
        )
    return SectorsCompositionForm


class JustificationForm(BaseForm):
    """The secretariat's public explanation of why the forum is out of balance."""

    justification = TextAreaField(
        _l('Justification'),
        validators=[
            Length(max=2000, message=_l('At most %(max)s characters.', max='2,000')),
            PlainText(),
        ],
        description=_l('Shown on the members page while the forum is out of balance.'),
    )
    submit = SubmitField(_l('Save the justification'))
