"""The base of every form: WTForms' own messages and CSRF failures in the reader's language."""

from typing import NoReturn

from flask import abort
from flask_babel import get_translations, gettext, lazy_gettext, ngettext
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms.fields import FileField

#: The message of every required field (WTForms' own, translated).
REQUIRED = lazy_gettext('This field is required.')

#: WTForms' built-in messages, listed so that extraction puts them in our catalogues.
BUILTIN_MESSAGES = (
    lazy_gettext('Not a valid date value.'),
    lazy_gettext('Not a valid datetime value.'),
    lazy_gettext('Not a valid integer value.'),
    lazy_gettext('Not a valid choice.'),
    lazy_gettext('Invalid Choice: could not coerce.'),
    REQUIRED,
    lazy_gettext('Invalid email address.'),
    lazy_gettext('Field must be between %(min)d and %(max)d characters long.'),
    lazy_gettext('Number must be between %(min)s and %(max)s.'),
    lazy_gettext('Number must be at least %(min)s.'),
    lazy_gettext('Number must be at most %(max)s.'),
)


def _builtin_plural_messages():  # pragma: no cover - never called: lists them for extraction
    ngettext(
        'Field must be at least %(min)d character long.',
        'Field must be at least %(min)d characters long.',
        1,
    )
    ngettext(
        'Field cannot be longer than %(max)d character.',
        'Field cannot be longer than %(max)d characters.',
        1,
    )
    ngettext(
        'Field must be exactly %(max)d character long.',
        'Field must be exactly %(max)d characters long.',
        1,
    )
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    )


class _Translations:
    """WTForms translation object backed by our Flask-Babel catalogues.

    WTForms fills in its messages' variables itself (``%(max)d``, ``%(value)s``), so these return
    the translated text untouched; Flask-Babel's own functions would fill in ``%(num)s`` only and
    fail on the rest.
    """

    def gettext(self, string):
        return get_translations().gettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ngettext(singular, plural, n)


class BaseForm(FlaskForm):
    """A Flask-WTF form whose every message is translated."""

    class Meta:
        """WTForms options."""

        def get_translations(self, form):
            """Use the forum's catalogues for WTForms' built-in messages."""
            return _Translations()

    def validate(self, extra_validators=None):
        """Validate; replace Flask-WTF's untranslated CSRF messages with one clear message."""
        # A file sent where a text belongs (a hand-made multipart request) is that field's error,
        # not a 500 in a validator that measures text.
        files = [
            f for f in self
            if not isinstance(f, FileField)
            and any(isinstance(v, FileStorage) for v in [f.data, *(f.raw_data or [])])
        ]  # fmt: skip
        for field in files:
            # The page shows the raw value again: a file left there broke it (a 500).
            field.data, field.raw_data = None, ['']
        valid = super().validate(extra_validators=extra_validators) and not files
        for field in files:
            field.errors = [gettext('Write this as text, not as a file.')]
        for field in self:
            if isinstance(field.data, str) and '\x00' in field.data:
                # PostgreSQL refuses NUL characters in text; say so instead of failing later.
                field.errors = [*field.errors, gettext('This text contains a NUL character.')]
                valid = False
        csrf_field = getattr(self, 'csrf_token', None)
        if csrf_field is not None and csrf_field.errors:
            csrf_field.errors = [
                gettext('This form has expired or was not sent from this site. Please try again.')
            ]
        return valid


def refuse(form: FlaskForm) -> NoReturn:
    """Answer 400 with the first of ``form``'s errors as the reason (an expired page, say)."""
    errors = [error for field in form for error in field.errors]
    abort(400, description=str(errors[0]) if errors else None)


def show_refusal(form: FlaskForm, refusal) -> None:
    """Show a service's :class:`~forum.core.refusals.Refused` on ``form``.

    Beside the field it names (``Refused(field=…)``), else above the form, in its summary: a
    refusal about the whole change (a composition rule) is not about any one field.
    """
    field = getattr(form, refusal.field or '', None) if refusal.field else None
    errors = field.errors if field is not None else form.form_errors
    if not isinstance(errors, list):  # a field not validated has a tuple
        errors = list(errors)
        if field is not None:
            field.errors = errors
    errors.append(str(refusal.message))
