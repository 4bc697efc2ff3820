"""The comment form (used without JavaScript; the live page sends the same fields by socket)."""

import uuid

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from ..core.forms import BaseForm
from .models import Stance
from .services import MAX_BODY


class CommentForm(BaseForm):
    """A new comment or reply."""

    body = TextAreaField(
        _l('Your comment'),
        validators=[
            DataRequired(_l('Write something first: the comment is empty.')),
            Length(max=MAX_BODY, message=_l('At most %(max)s characters.', max=f'{MAX_BODY:,}')),
        ],
        description=_l('Markdown: *emphasis*, **strong**, lists, [links](https://…), > quotes.'),
        render_kw={'rows': 4, 'maxlength': MAX_BODY},
    )
    anchor = SelectField(_l('About'), choices=[], validate_choice=False, default='')
    stance = SelectField(
        _l('Stance'),
        choices=[SelectChoice('', _l('No stance'))]
        + [SelectChoice(s.value, s.label) for s in Stance],
        default='',
    )
    parent_id = HiddenField()
    client_id = HiddenField(default=lambda: str(uuid.uuid4()))
    submit = SubmitField(_l('Post comment'))


class EditCommentForm(BaseForm):
    """Change a comment's text."""

    body = TextAreaField(
        _l('Your comment'),
        validators=[
            DataRequired(_l('Write something first: the comment is empty.')),
            Length(max=MAX_BODY, message=_l('At most %(max)s characters.', max=f'{MAX_BODY:,}')),
        ],
        render_kw={'rows': 6, 'maxlength': MAX_BODY},
    )
    submit = SubmitField(_l('Save'))
