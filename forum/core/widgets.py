"""Form widgets beyond WTForms' own."""

from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxList(ListWidget):
    """A multiple choice as a list of checkboxes, usable by touch and keyboard.

    A ``<select multiple>`` needs Ctrl-click, which a phone has not. This posts the same
    field name once per ticked box, so the field and the server code stay those of a
    ``SelectMultipleField``.

    The ``field`` macro (templates/macros/forms.html) renders such a field as a fieldset with
    its groups and a filter box (static/js/choices.js); called directly it is a plain list.
    """

    #: Tells the ``field`` macro to render the checkbox fieldset.
    checkboxes = True

    def __init__(self):
        super().__init__(prefix_label=False)


#: The option widget that goes with :class:`CheckboxList`.
checkbox_option = CheckboxInput()
