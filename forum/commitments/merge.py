"""After a conflict: keep the other person's changes, and make the person choose where both changed.

A field the person did not touch takes the newest value, so saving again after a conflict never
undoes someone else's change; a field only the person changed keeps their value. A field both
changed differently is a *clash*: the conflict page shows both versions side by side, and the
save stays refused until the person has chosen, for every clash, to keep their own version
(``mine``), take the other one (``theirs``) or write a merged text (``merged``, text fields only).

The server decides what clashes, from the revisions; the form only carries what the person saw
and chose, so that all of this works without JavaScript:

- ``version``: the revision the person started from; it stays so on the conflict page, so a form
  sent back without its choices is still based on an old version, and refused;
- ``seen_version``: the newest revision when the conflict page was shown: the "theirs" the person
  chose against. A save is accepted only when it is still the newest one;
- ``resolve-<field>``: the radio button chosen;
- ``mine-<field>``: for a text, the person's own version (the field itself holds the merged
  text). Any other clashing field is sent as hidden inputs holding the person's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from werkzeug.datastructures import MultiDict

from ..core.converters import parse_id

MINE, THEIRS, MERGED = 'mine', 'theirs', 'merged'
CHOICES = (MINE, THEIRS, MERGED)

#: Stored (snapshot) names whose form field is named differently.
FORM_NAMES = {
    'policy_area_id': 'policy_area',
    'lead_agency_id': 'lead_agency',
    'responsible_organisation_id': 'responsible_organisation',
}
STORED_NAMES = {form: stored for stored, form in FORM_NAMES.items()}

#: Field types whose clash may be settled by writing a merged text.
TEXT_TYPES = frozenset({'StringField', 'TextAreaField', 'EmailField', 'URLField'})


def _comparable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(value)
    return value


def same(a, b) -> bool:
    """Whether two values of a field are equal (dates against ISO text, lists in any order)."""
    return _comparable(a) == _comparable(b)


def three_way(mine: dict, base: dict, current: dict, seen: dict | None = None):
    """Return the values the form should now hold, and the names changed on both sides.

    ``base`` holds the fields the person started from and ``current`` the newest ones. A field
    nobody else changed since ``base`` keeps the person's value. A field the person left as it
    was takes the newest value: as in ``base`` or, when the person has seen a conflict page, as
    on that page (``seen``). Any other difference is a clash, also where ``base`` does not know
    the field (the form named no real revision).
    """
    merged, clashes = dict(mine), []
    known = base if seen is None else seen
    for name, my_value in mine.items():
        if name not in current:
            continue
        mine_, current_ = _comparable(my_value), _comparable(current[name])
        if mine_ == current_ or (name in base and _comparable(base[name]) == current_):
            continue
        if name in known and _comparable(known[name]) == mine_:
            merged[name] = current[name]
        else:
            clashes.append(name)
    return merged, clashes


def form_name(stored: str) -> str:
    """The form field holding a stored field (``lead_agency_id`` → ``lead_agency``)."""
    return FORM_NAMES.get(stored, stored)


def stored_name(name: str) -> str:
    """The stored field a form field holds (``lead_agency`` → ``lead_agency_id``)."""
    return STORED_NAMES.get(name, name)


def browser_values(value) -> list[str]:
    """A stored value as the strings a browser sends for it (a ticked box is ``y``)."""
    if value is True:
        return ['y']
    if value is False:
        return []
    if value is None:
        return ['']
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, date):
        return [value.isoformat()]
    return [str(value)]


def from_browser(stored: str, field_type: str, values: list[str]):
    """The stored value of what a browser sent for a field (the inverse of browser_values)."""
    first = values[0] if values else ''
    if field_type == 'BooleanField':
        return bool(values) and first not in ('', 'n', 'false', 'off')
    if field_type == 'SelectMultipleField':
        return sorted({n for n in map(parse_id, values) if n})
    if stored.endswith('_id'):
        return parse_id(first)
    if field_type == 'DateField':
        try:
            return date.fromisoformat(first).isoformat()
        except ValueError:
            return None
    return first


def read_choices(formdata, types: dict[str, str]) -> dict[str, str]:
    """The choices a submitted form makes (``resolve-<field>``), by form field name.

    ``types`` maps every form field that may clash to its WTForms type; other names are ignored,
    and so is a choice not offered for the field (a merged text for a date).
    """
    choices = {}
    for name, field_type in types.items():
        choice = formdata.get(f'resolve-{name}')
        if choice in (MINE, THEIRS) or (choice == MERGED and field_type in TEXT_TYPES):
            choices[name] = choice
    return choices


def apply_choices(formdata, choices: dict[str, str], types: dict[str, str], theirs: dict | None):
    """The form data with every choice applied, and the choices that could be applied.

    ``theirs`` holds the stored fields of the revision the conflict page showed (by stored
    name); without it "take theirs" cannot be honoured and counts as no choice.
    """
    data = MultiDict(formdata.items(multi=True))
    applied = {}
    for name, choice in choices.items():
        stored = stored_name(name)
        if choice == THEIRS:
            if theirs is None or stored not in theirs:
                continue
            data.setlist(name, browser_values(theirs[stored]))
        elif choice == MINE and types[name] in TEXT_TYPES and f'mine-{name}' in formdata:
            data.setlist(name, formdata.getlist(f'mine-{name}')[:1])
        applied[name] = choice
    return data, applied


def mine_values(formdata, name: str) -> list[str]:
    """The person's own version of a field, as their browser sent it."""
    key = f'mine-{name}' if f'mine-{name}' in formdata else name
    return formdata.getlist(key)


@dataclass
class Clash:
    """A field both people changed, as the conflict page shows it."""

    #: The form field.
    name: str
    label: str
    #: Whether a merged text may be written (else: mine or theirs).
    text: bool
    #: The person's version as a browser sends it (carried in ``mine-<field>``).
    mine: list[str]
    #: Both versions as a reader should see them.
    mine_display: str
    theirs_display: str
    choice: str | None = None
    #: Asked to choose, and did not.
    missing: bool = False
    lang: str | None = None
