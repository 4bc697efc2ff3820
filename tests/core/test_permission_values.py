"""The states and roles core/permissions.py names as text are the values the enums store.

Core sits below the areas that define Role, NapState, CommitmentState and the consultation
enums, so the rules spell those values out; a renamed value would silently never match.
"""

import ast
from pathlib import Path

import forum.models  # noqa: F401  (every model, so every enum of a column is defined)
from forum.auth.models import Role
from forum.core import permissions
from forum.core.enums import LabelledEnum
from forum.naps.models import NapState

SOURCE = Path(permissions.__file__).read_text(encoding='utf-8')


def _all_enums(base=LabelledEnum) -> list[type]:
    found = []
    for enum in base.__subclasses__():
        if enum.__module__.startswith('forum.'):
            found.append(enum)
        found.extend(_all_enums(enum))
    return found


def _texts(node) -> set[str]:
    """The string constants ``node`` is, or holds in (nested) tuple, list or set literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_texts(item) for item in node.elts))
    return set()  # a name, an attribute, a call (``getattr(x, 'author_id')``): not a value


def _compared_texts() -> set[str]:
    """Every string constant that takes part in a comparison (``==``, ``!=``, ``in``)."""
    texts = set()
    for node in ast.walk(ast.parse(SOURCE)):
        if isinstance(node, ast.Compare):
            for part in [node.left, *node.comparators]:
                texts |= _texts(part)
    return texts


def test_the_named_roles_and_plan_states_are_the_enums_values():
    assert set(permissions.STAFF) == {Role.admin.value, Role.secretariat.value}
    assert permissions.ADMIN == Role.admin.value
    assert set(permissions._DRAFTING_STATES) <= {state.value for state in NapState}


def test_every_text_a_rule_compares_is_a_stored_enum_value():
    values = {member.value for enum in _all_enums() for member in enum}
    compared = _compared_texts()
    assert compared  # the rules do compare states by their text
    assert compared - values == set()
