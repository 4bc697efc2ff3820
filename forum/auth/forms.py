"""Registration and login forms; every message is translated."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..core.forms import REQUIRED, BaseForm
from ..core.names import VisibleName


class LoginForm(BaseForm):
    """Email and password."""

    email = EmailField(_l('Email'), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l('Password'), validators=[DataRequired(REQUIRED)])
    remember = BooleanField(
        _l('Keep me logged in'),
        description=_l(
            'On this device, even after a long pause. Leave it off on a shared computer.'
        ),
    )
    submit = SubmitField(_l('Log in'))


class RegisterForm(BaseForm):
    """A new account; the sector is self-declared, the organisation typed or picked."""

    email = EmailField(
        _l('Email'),
        validators=[
            DataRequired(REQUIRED),
            Email(_l('Enter a valid email address, such as name@example.org.')),
            Length(max=254, message=_l('At most %(max)s characters.', max='254')),
        ],
    )
    display_name = StringField(
        _l('Display name'),
        validators=[
            DataRequired(REQUIRED),
            Length(max=120, message=_l('At most %(max)s characters.', max='120')),
            VisibleName(),
        ],
        description=_l('Shown next to what you write.'),
    )
    organisation = StringField(
        _l('Organisation'),
        validators=[
            DataRequired(REQUIRED),
            Length(max=255, message=_l('At most %(max)s characters.', max='255')),
            VisibleName(),
        ],
        description=_l(
            'The organisation you speak for, or "independent". It is shown as unverified until '
            'the secretariat confirms it.'
        ),
    )
    sector = SelectField(
        _l('Sector'),
        validators=[DataRequired(_l('Choose one of the listed sectors.'))],
        choices=[],
    )
    password = PasswordField(
        _l('Password'),
        validators=[DataRequired(REQUIRED)],
        description=_l('At least 10 characters.'),
    )
    confirm = PasswordField(
        _l('Repeat password'),
        validators=[
            DataRequired(REQUIRED),
            EqualTo('password', message=_l('The two passwords differ.')),
        ],
    )
    submit = SubmitField(_l('Register'))

    def validate_email(self, field):
        """Refuse an email that already has an account."""
        from .services import user_by_email

        if field.data and user_by_email(field.data) is not None:
            raise ValidationError(_l('An account with this email exists already. Log in instead.'))

    def validate_password(self, field):
        """Refuse passwords shorter than the configured minimum."""
        minimum = current_app.config['PASSWORD_MIN_LENGTH']
        if len(field.data or '') < minimum:
            raise ValidationError(
                _l('The password must have at least %(min)d characters.', min=minimum)
            )
        if len(field.data) > 1024:
            raise ValidationError(_l('At most %(max)s characters.', max='1,024'))


class ChangePasswordForm(BaseForm):
    """The current password, and the new one twice."""

    current_password = PasswordField(_l('Current password'), validators=[DataRequired(REQUIRED)])
    password = PasswordField(
        _l('New password'),
        validators=[DataRequired(REQUIRED)],
        description=_l('At least 10 characters.'),
    )
    confirm = PasswordField(
        _l('Repeat the new password'),
        validators=[
            DataRequired(REQUIRED),
            EqualTo('password', message=_l('The two passwords differ.')),
        ],
    )
    submit = SubmitField(_l('Change password'))

    validate_password = RegisterForm.validate_password
