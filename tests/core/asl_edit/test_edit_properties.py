"""Property: any sequence of edits, all undone, gives back the original exactly; redo repeats."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aslstudio.asl import pointer as jp
from aslstudio.asl.commands import (
    DELETE,
    AddBranch,
    AddChoiceRule,
    AddState,
    Connect,
    DeleteState,
    EditCommand,
    MoveChoiceRule,
    MoveStateToScope,
    PasteStates,
    RemoveBranch,
    RemoveChoiceRule,
    RenameState,
    ReplaceDefinition,
    SetField,
)
from aslstudio.asl.editing import EditableDocument, EditError
from aslstudio.asl.scopes import iter_scopes, iter_states
from aslstudio.asl.serialize import same_data
from aslstudio.asl.templates import new_machine

YAML_TEXT = """# nested machine
StartAt: Start
States:
  Start:  # first
    Type: Pass
    Next: Check
  Check:
    Type: Choice
    Choices:
      - Variable: $.x
        NumericEquals: 1
        Next: Fan
      - Variable: $.x
        NumericEquals: 2
        Next: Work
    Default: Done
  Work:
    Type: Task
    Resource: arn:aws:states:::lambda:invoke
    Catch:
      - ErrorEquals: [States.ALL]
        Next: Done
    Next: Loop
  Fan:
    Type: Parallel
    Branches:
      - StartAt: B1
        States:
          B1: {Type: Pass, Next: B2}
          B2: {Type: Pass, End: true}
    Next: Done
  Loop:
    Type: Map
    ItemProcessor:
      StartAt: M1
      States:
        M1: {Type: Succeed}
    End: true
  Done:
    Type: Succeed
"""

Action = tuple[str, int, int, bool]
Builder = Callable[[EditableDocument, int, int, bool], EditCommand]


def _state(doc: EditableDocument, index: int) -> str:
    states = [ref.pointer for ref in iter_states(doc.data)]
    return states[index % len(states)] if states else "/States/None"


def _state_named(doc: EditableDocument, index: int) -> str:
    names = [ref.name for ref in iter_states(doc.data)]
    return names[index % len(names)] if names else "None"


def _scope(doc: EditableDocument, index: int) -> str:
    scopes = [scope.pointer for scope in iter_scopes(doc.data)]
    return scopes[index % len(scopes)]


def _of_type(doc: EditableDocument, index: int, kind: str) -> str:
    found = [ref.pointer for ref in iter_states(doc.data) if ref.type == kind]
    return found[index % len(found)] if found else "/States/None"


def _paste(doc: EditableDocument, a: int, b: int, _flag: bool) -> EditCommand:
    source = _state(doc, a)
    try:
        body = copy.deepcopy(doc.get(source))
    except EditError:
        body = {"Type": "Pass", "End": True}
    return PasteStates(_scope(doc, b), {jp.split(source)[-1]: body})


def _set_field(doc: EditableDocument, a: int, b: int, flag: bool) -> EditCommand:
    state = _state(doc, a)
    if flag:
        return SetField(jp.join(state, "Comment"), f"note {b}")
    keys = (list(doc.get(state)) if state != "/States/None" else []) or ["Type"]
    return SetField(jp.join(state, keys[b % len(keys)]), DELETE)


BUILDERS: dict[str, Builder] = {
    "rename": lambda d, a, b, _f: RenameState(_state(d, a), f"S{b}"),
    "delete": lambda d, a, _b, f: DeleteState(_state(d, a), reconnect=f),
    "add": lambda d, a, b, _f: AddState(_scope(d, a), f"N{b}", {"Type": "Pass", "End": True}),
    "set": _set_field,
    "connect": lambda d, a, b, f: Connect(
        _state(d, a), _state_named(d, b), ("next", "choice", "catch", "default")[b % 4]
    ),
    "move": lambda d, a, b, _f: MoveStateToScope(_state(d, a), _scope(d, b)),
    "paste": _paste,
    "add_rule": lambda d, a, b, _f: AddChoiceRule(
        _of_type(d, a, "Choice"), {"Variable": "$.y", "IsNull": True, "Next": _state_named(d, b)}
    ),
    "remove_rule": lambda d, a, b, _f: RemoveChoiceRule(_of_type(d, a, "Choice"), b % 3),
    "move_rule": lambda d, a, b, _f: MoveChoiceRule(_of_type(d, a, "Choice"), b % 2, a % 2),
    "add_branch": lambda d, a, _b, _f: AddBranch(_of_type(d, a, "Parallel")),
    "remove_branch": lambda d, a, b, _f: RemoveBranch(_of_type(d, a, "Parallel"), b % 2),
    "replace": lambda _d, _a, _b, _f: ReplaceDefinition(new_machine()),
}

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(sorted(BUILDERS)),
        st.integers(0, 40),
        st.integers(0, 40),
        st.booleans(),
    ),
    max_size=14,
)


def _run(doc: EditableDocument, action: Action) -> None:
    name, a, b, flag = action
    before = copy.deepcopy(doc.data)
    try:
        doc.execute(BUILDERS[name](doc, a, b, flag))
    except EditError:
        assert same_data(doc.data, before), f"a refused {name} changed the data"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS, macro_at=st.integers(0, 20))
def test_undo_all_restores_original_and_redo_all_repeats(actions: list[Action], macro_at: int):
    doc = EditableDocument.from_text(YAML_TEXT, "machine.asl.yaml")
    original = copy.deepcopy(doc.data)
    for position, action in enumerate(actions):
        if position == macro_at:
            with doc.macro("group"):
                _run(doc, action)
                _run(doc, action)
        else:
            _run(doc, action)
    final = copy.deepcopy(doc.data)
    steps = doc.index
    while doc.can_undo:
        doc.undo()
    assert same_data(doc.data, original)
    assert doc.save_text() == YAML_TEXT
    assert not doc.dirty
    while doc.can_redo:
        doc.redo()
    assert doc.index == steps
    assert same_data(doc.data, final)


@settings(max_examples=40, deadline=None)
@given(actions=ACTIONS)
def test_every_single_step_undoes_exactly(actions: list[Action]):
    doc = EditableDocument.from_text(YAML_TEXT, "machine.asl.yaml")
    for action in actions:
        before = copy.deepcopy(doc.data)
        index = doc.index
        _run(doc, action)
        if doc.index > index:
            after = copy.deepcopy(doc.data)
            doc.undo()
            assert same_data(doc.data, before), doc.redo_text
            doc.redo()
            assert same_data(doc.data, after), doc.undo_text


def _state_count(data: Any) -> int:
    return sum(1 for _ in iter_states(data))


def test_property_builders_reach_real_edits():
    """Guard against a generator that only produces refusals: each builder edits the fixture."""
    changed = set()
    for name in BUILDERS:
        for a, b in ((0, 1), (1, 2), (2, 3), (3, 0), (4, 5)):
            doc = EditableDocument.from_text(YAML_TEXT, "machine.asl.yaml")
            _run(doc, (name, a, b, True))
            if doc.can_undo:
                changed.add(name)
    assert changed == set(BUILDERS)
    assert _state_count(EditableDocument.from_text(YAML_TEXT, "m.yaml").data) == 9
