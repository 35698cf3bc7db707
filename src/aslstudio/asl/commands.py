"""Undoable edits of a definition: ``do`` records exact inverses, ``undo`` plays them back.

Commands are Qt-free; the designer wraps them in one QUndoCommand adapter. Refusals raise
:class:`~aslstudio.asl.editing.EditError` (a ValueError) with a one-line message and change nothing.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Mapping
from typing import Any, Literal

from aslstudio.asl import pointer as jp
from aslstudio.asl.document import ParsedDocument
from aslstudio.asl.editing import (
    STRUCTURE,
    Changes,
    DocumentEvent,
    EditableDocument,
    EditError,
)
from aslstudio.asl.edittree import (
    Reference,
    copy_name,
    fragment_names,
    owning_state,
    references_to,
    rename_in_scope,
    scope_pointers,
    scope_references,
    single_successor,
    split_state,
)
from aslstudio.asl.errors import AslError
from aslstudio.asl.parse import parse_text
from aslstudio.asl.templates import MAX_NAME_LENGTH, choice_rule, state_names, unique_name

ConnectKind = Literal["next", "choice", "catch", "default"]
CATCHING_TYPES = frozenset({"Task", "Parallel", "Map"})
TERMINAL_TYPES = frozenset({"Succeed", "Fail"})
# Fields whose change alters the graph (edges, scopes, kinds) rather than one state's details.
STRUCTURAL_FIELDS = frozenset(
    {"Next", "End", "Default", "Choices", "Catch", "Type", "Branches", "ItemProcessor", "Iterator"}
)


class _Deleted(enum.Enum):
    DELETE = "DELETE"


DELETE = _Deleted.DELETE  # SetField value meaning "remove this field"


# --- checks -------------------------------------------------------------------------------


def _check_scope(doc: EditableDocument, scope: str) -> dict[str, Any]:
    if scope not in scope_pointers(doc.data):
        raise EditError(f"{scope or '/'} is not the machine, a Parallel branch or a Map processor")
    holder: dict[str, Any] = doc.get(scope)
    return holder


def state_at(doc: EditableDocument, pointer: str) -> dict[str, Any]:
    """The body of the state at ``pointer``; EditError when there is no state there."""
    scope, name = split_state(pointer)
    holder = _check_scope(doc, scope)
    states = holder.get("States")
    if not isinstance(states, dict) or not isinstance(states.get(name), dict):
        raise EditError(f"there is no state {name!r} at {pointer}")
    body: dict[str, Any] = states[name]
    return body


def _check_new_name(data: Mapping[str, Any], name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise EditError("a state name must be a non-empty text")
    if len(name) > MAX_NAME_LENGTH:
        raise EditError(f"a state name may have at most {MAX_NAME_LENGTH} characters")
    if name in state_names(data):
        raise EditError(
            f"a state named {name!r} already exists; names must be unique in the whole machine"
        )
    return name


def _state_event(pointer: str, field: str = "") -> DocumentEvent:
    return DocumentEvent("state", pointer, split_state(pointer)[1], field)


def _query_language(doc: EditableDocument, body: Mapping[str, Any]) -> str:
    language = body.get("QueryLanguage", doc.data.get("QueryLanguage", "JSONPath"))
    return language if isinstance(language, str) else "JSONPath"


def _end_instead_of_next(log: Changes, state_pointer: str) -> None:
    """Replace a state's Next with ``End: true`` in the same position."""
    body = log.get(state_pointer)
    position = list(body).index("Next")
    log.delete(jp.join(state_pointer, "Next"))
    if "End" not in body:
        log.set(jp.join(state_pointer, "End"), True, position)


def _clear(log: Changes, ref: Reference) -> None:
    """Remove one reference: a Next becomes End, StartAt/Default/rule or catcher Next go away."""
    if ref.kind == "next":
        _end_instead_of_next(log, jp.parent(ref.pointer))
    else:
        log.delete(ref.pointer)


def _append(log: Changes, list_pointer: str, item: Any) -> None:
    """Append to the list at ``list_pointer``, creating the list when the field is missing."""
    parent = log.get(jp.parent(list_pointer))
    key = jp.split(list_pointer)[-1]
    if isinstance(parent.get(key), list):
        log.insert(list_pointer, len(parent[key]), item)
    else:
        log.set(list_pointer, [item])


# --- the command base ---------------------------------------------------------------------


class EditCommand:
    """Base of all commands: ``_apply`` edits through a Changes log; undo replays its inverses."""

    text = "Edit"

    def __init__(self) -> None:
        self._log: Changes | None = None
        self._event: DocumentEvent = STRUCTURE

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        raise NotImplementedError

    def _undo_event(self, event: DocumentEvent) -> DocumentEvent:
        return event

    def do(self, doc: EditableDocument) -> DocumentEvent:
        """Make the change; on a refusal nothing is left changed."""
        log = Changes(doc)
        try:
            self._event = self._apply(doc, log)
        except BaseException:
            log.revert()
            raise
        self._log = log
        return self._event

    def undo(self, doc: EditableDocument) -> DocumentEvent:
        """Take the change back exactly (data, key order and object identity)."""
        if self._log is None:
            raise EditError(f"{self.text!r} cannot be undone: it was not done")
        self._log.revert()
        self._log = None
        return self._undo_event(self._event)


# --- states -------------------------------------------------------------------------------


class AddState(EditCommand):
    """Add a state to a scope after state ``after`` (default: last); a first state is StartAt."""

    def __init__(
        self, scope_pointer: str, name: str, body: dict[str, Any], after: str | None = None
    ) -> None:
        super().__init__()
        self.scope, self.name, self.body, self.after = scope_pointer, name, body, after
        self.text = f"Add state {name}"
        self.pointer = jp.join(scope_pointer, "States", name)  # where the new state goes

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        holder = _check_scope(doc, self.scope)
        _check_new_name(doc.data, self.name)
        if not isinstance(self.body, dict):
            raise EditError("a state body must be an object")
        states = holder.get("States")
        if not isinstance(states, dict):
            log.set(jp.join(self.scope, "States"), {})
            states = holder["States"]
        was_empty = not states
        position = None
        if self.after is not None:
            if self.after not in states:
                raise EditError(f"there is no state {self.after!r} in this scope to add after")
            position = list(states).index(self.after) + 1
        log.set(self.pointer, self.body, position)
        if was_empty or not isinstance(holder.get("StartAt"), str):
            log.set(jp.join(self.scope, "StartAt"), self.name)
        return STRUCTURE


class DeleteState(EditCommand):
    """Delete a state; with ``reconnect`` its predecessors go on to its single successor.

    Without a successor, reconnected predecessors' ``Next`` becomes ``End: true``. References
    left pointing at the deleted state are listed in ``dangling`` for the validator to report.
    """

    def __init__(self, pointer: str, reconnect: bool = False) -> None:
        super().__init__()
        self.pointer, self.reconnect = pointer, reconnect
        self.text = f"Delete state {split_state(pointer)[1]}"
        self.dangling: list[Reference] = []

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        body = state_at(doc, self.pointer)
        name = split_state(self.pointer)[1]
        successor = single_successor(body, name)
        ends = body.get("End") is True or body.get("Type") in TERMINAL_TYPES
        self.dangling = []
        for ref in references_to(doc.data, self.pointer):
            if self.reconnect and successor is not None:
                log.set(ref.pointer, successor)
            elif self.reconnect and ends and ref.kind == "next":
                _end_instead_of_next(log, jp.parent(ref.pointer))
            else:
                self.dangling.append(ref)
        log.delete(self.pointer)
        return STRUCTURE


class RenameState(EditCommand):
    """Rename a state; StartAt, Next, Default, rule and catcher Next in its scope follow."""

    def __init__(self, pointer: str, new_name: str) -> None:
        super().__init__()
        self.pointer, self.new_name = pointer, new_name
        self.scope, self.old_name = split_state(pointer)
        self.text = f"Rename state {self.old_name} to {new_name}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        state_at(doc, self.pointer)
        if self.new_name == self.old_name:
            raise EditError(f"the state is already named {self.old_name!r}")
        _check_new_name(doc.data, self.new_name)
        for ref in scope_references(doc.get(self.scope), self.scope):
            if ref.target == self.old_name:
                log.set(ref.pointer, self.new_name)
        log.rename(self.pointer, self.new_name)
        new_pointer = jp.join(self.scope, "States", self.new_name)
        return DocumentEvent(
            "rename", new_pointer, self.new_name, old_name=self.old_name, new_name=self.new_name
        )

    def _undo_event(self, event: DocumentEvent) -> DocumentEvent:
        return DocumentEvent(
            "rename", self.pointer, self.old_name, old_name=self.new_name, new_name=self.old_name
        )


def _field_words(pointer: str) -> str:
    """``Comment of Work`` for ``/States/Work/Comment``; the last token alone at the top level."""
    tokens = jp.split(pointer)
    if not tokens:
        return "the definition"
    starts = [i for i, part in enumerate(tokens[:-2]) if part == "States"]
    return f"{tokens[-1]} of {tokens[starts[-1] + 1]}" if starts else tokens[-1]


class SetField(EditCommand):
    """Set (or with ``DELETE`` remove) any field; a replaced field keeps its position."""

    def __init__(self, pointer: str, value: Any) -> None:
        super().__init__()
        self.pointer, self.value = pointer, value
        self.text = f"{'Remove' if value is DELETE else 'Set'} {_field_words(pointer)}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        if self.value is DELETE:
            log.delete(self.pointer)
        else:
            log.set(self.pointer, self.value)
        state = owning_state(doc.data, self.pointer)
        if state is None:
            return STRUCTURE
        relative = jp.split(self.pointer)[len(jp.split(state)) :]
        if not relative or relative[0] in STRUCTURAL_FIELDS:
            return STRUCTURE
        return _state_event(state, self.pointer)


class Connect(EditCommand):
    """Draw a transition: Next (drops End), a new Choice rule, the Default, or a new Catch."""

    def __init__(self, source_pointer: str, target_name: str, kind: ConnectKind = "next") -> None:
        super().__init__()
        self.source, self.target, self.kind = source_pointer, target_name, kind
        source = split_state(source_pointer)[1]
        self.text = {
            "next": f"Connect {source} to {target_name}",
            "choice": f"Add a rule from {source} to {target_name}",
            "default": f"Make {target_name} the default of {source}",
            "catch": f"Catch errors of {source} in {target_name}",
        }.get(kind, f"Connect {source} to {target_name}")

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        body = state_at(doc, self.source)
        scope, name = split_state(self.source)
        if self.target not in doc.get(scope).get("States", {}):
            raise EditError(f"there is no state {self.target!r} in the same scope as {name!r}")
        kind = body.get("Type")
        handlers = {
            "next": self._next,
            "choice": self._choice,
            "default": self._default,
            "catch": self._catch,
        }
        handler = handlers.get(self.kind)
        if handler is None:
            raise EditError(
                f"unknown connection kind {self.kind!r}; use next, choice, default, catch"
            )
        handler(doc, log, body, f"{kind} state {name!r}")
        return STRUCTURE

    def _next(self, _d: EditableDocument, log: Changes, body: dict[str, Any], who: str) -> None:
        if body.get("Type") == "Choice":
            raise EditError(f"the {who} has no Next: connect it with a rule or as its default")
        if body.get("Type") in TERMINAL_TYPES:
            raise EditError(f"the {who} ends the machine and cannot go on to another state")
        target = jp.join(self.source, "Next")
        if "End" in body and "Next" not in body:
            position = list(body).index("End")
            log.delete(jp.join(self.source, "End"))
            log.set(target, self.target, position)
            return
        if "End" in body:
            log.delete(jp.join(self.source, "End"))
        log.set(target, self.target)

    def _choice(self, doc: EditableDocument, log: Changes, body: dict[str, Any], who: str) -> None:
        if body.get("Type") != "Choice":
            raise EditError(f"only a Choice state has rules; the {who} has none")
        rule = choice_rule(self.target, _query_language(doc, body) == "JSONata")
        _append(log, jp.join(self.source, "Choices"), rule)

    def _default(
        self, _doc: EditableDocument, log: Changes, body: dict[str, Any], who: str
    ) -> None:
        if body.get("Type") != "Choice":
            raise EditError(f"only a Choice state has a Default; the {who} has none")
        log.set(jp.join(self.source, "Default"), self.target)

    def _catch(self, _d: EditableDocument, log: Changes, body: dict[str, Any], who: str) -> None:
        if body.get("Type") not in CATCHING_TYPES:
            raise EditError(f"only Task, Parallel and Map states can catch errors, not the {who}")
        catcher = {"ErrorEquals": ["States.ALL"], "Next": self.target}
        _append(log, jp.join(self.source, "Catch"), catcher)


# --- Choice rules -------------------------------------------------------------------------


class _RuleEdit(EditCommand):
    """Shared checks for commands on the ``Choices`` list of a Choice state."""

    def __init__(self, choice_pointer: str) -> None:
        super().__init__()
        self.choice = choice_pointer
        self.rules_pointer = jp.join(choice_pointer, "Choices")

    def _rules(self, doc: EditableDocument, *indexes: int) -> list[Any]:
        body = state_at(doc, self.choice)
        if body.get("Type") != "Choice":
            raise EditError(f"{split_state(self.choice)[1]!r} is not a Choice state")
        rules = body.get("Choices")
        rules = rules if isinstance(rules, list) else []
        for index in indexes:
            if not 0 <= index < len(rules):
                raise EditError(f"there is no rule {index + 1}; the Choice has {len(rules)}")
        return rules

    def _check_rule(self, rule: Any) -> None:
        if not isinstance(rule, dict):
            raise EditError("a Choice rule must be an object")


class SetChoiceRule(_RuleEdit):
    """Replace rule ``index`` of a Choice state."""

    def __init__(self, choice_pointer: str, index: int, rule: dict[str, Any]) -> None:
        super().__init__(choice_pointer)
        self.index, self.rule = index, rule
        self.text = f"Change rule {index + 1} of {split_state(choice_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        self._rules(doc, self.index)
        self._check_rule(self.rule)
        log.set(jp.join(self.rules_pointer, self.index), self.rule)
        return STRUCTURE


class AddChoiceRule(_RuleEdit):
    """Insert a rule into a Choice state at ``index`` (default: last)."""

    def __init__(self, choice_pointer: str, rule: dict[str, Any], index: int | None = None) -> None:
        super().__init__(choice_pointer)
        self.rule, self.index = rule, index
        self.text = f"Add a rule to {split_state(choice_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        rules = self._rules(doc)
        self._check_rule(self.rule)
        if not isinstance(log.get(self.choice).get("Choices"), list):
            log.set(self.rules_pointer, [])
        index = len(rules) if self.index is None else self.index
        log.insert(self.rules_pointer, index, self.rule)
        return STRUCTURE


class RemoveChoiceRule(_RuleEdit):
    """Remove rule ``index`` of a Choice state."""

    def __init__(self, choice_pointer: str, index: int) -> None:
        super().__init__(choice_pointer)
        self.index = index
        self.text = f"Remove rule {index + 1} of {split_state(choice_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        self._rules(doc, self.index)
        log.delete(jp.join(self.rules_pointer, self.index))
        return STRUCTURE


class MoveChoiceRule(_RuleEdit):
    """Move a rule of a Choice state from one position to another (rules are tried in order)."""

    def __init__(self, choice_pointer: str, from_index: int, to_index: int) -> None:
        super().__init__(choice_pointer)
        self.from_index, self.to_index = from_index, to_index
        self.text = f"Move rule {from_index + 1} of {split_state(choice_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        self._rules(doc, self.from_index, self.to_index)
        if self.from_index != self.to_index:
            rule = log.delete(jp.join(self.rules_pointer, self.from_index))
            log.insert(self.rules_pointer, self.to_index, rule)
        return STRUCTURE


# --- scopes -------------------------------------------------------------------------------


class MoveStateToScope(EditCommand):
    """Move a state into another scope (a Parallel branch, a Map processor, the machine).

    References that would cross scopes are cleared and listed in ``cleared``: a ``Next`` becomes
    ``End: true``; StartAt, Default and rule or catcher ``Next`` are removed. An empty target
    scope starts at the moved state.
    """

    def __init__(self, pointer: str, target_scope_pointer: str) -> None:
        super().__init__()
        self.pointer, self.target = pointer, target_scope_pointer
        self.scope, self.name = split_state(pointer)
        self.text = f"Move state {self.name}"
        self.new_pointer = jp.join(target_scope_pointer, "States", self.name)
        self.cleared: list[Reference] = []

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        state_at(doc, self.pointer)
        target = _check_scope(doc, self.target)
        if self.target == self.scope:
            raise EditError(f"{self.name!r} is already in that scope")
        if self.target.startswith(self.pointer + "/"):
            raise EditError(f"{self.name!r} cannot be moved into one of its own branches")
        target_states = target.get("States")
        if not isinstance(target_states, dict):
            log.set(jp.join(self.target, "States"), {})
            target_states = target["States"]
        if self.name in target_states:
            raise EditError(f"the target scope already has a state named {self.name!r}")
        self.cleared = []
        own = self.pointer + "/"
        for ref in scope_references(doc.get(self.scope), self.scope):
            leaving = ref.pointer.startswith(own)
            if (ref.target == self.name) != leaving and ref.target not in target_states:
                self.cleared.append(ref)
                _clear(log, ref)
        was_empty = not target_states
        body = log.delete(self.pointer)
        log.set(self.new_pointer, body)
        if was_empty or not isinstance(target.get("StartAt"), str):
            log.set(jp.join(self.target, "StartAt"), self.name)
        return STRUCTURE


class PasteStates(EditCommand):
    """Paste copied states into a scope; taken names get `` (copy)``, references among them follow.

    ``names`` maps each pasted name (nested ones included) to the name it got.
    """

    def __init__(self, scope_pointer: str, states: dict[str, Any]) -> None:
        super().__init__()
        self.scope, self.states = scope_pointer, states
        self.text = f"Paste {len(states)} state{'s' if len(states) != 1 else ''}"
        self.names: dict[str, str] = {}

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        holder = _check_scope(doc, self.scope)
        if not all(isinstance(body, dict) for body in self.states.values()):
            raise EditError("only states (name -> object) can be pasted")
        taken = state_names(doc.data)
        self.names = {}
        for name in fragment_names(self.states):
            self.names[name] = copy_name(name, taken) if name in taken else name
            taken.add(self.names[name])
        wrapper = {"States": copy.deepcopy(self.states)}
        rename_in_scope(wrapper, self.names)
        states = holder.get("States")
        if not isinstance(states, dict):
            log.set(jp.join(self.scope, "States"), {})
        was_empty = not holder["States"]
        for name, body in wrapper["States"].items():
            log.set(jp.join(self.scope, "States", name), body)
        if wrapper["States"] and (was_empty or not isinstance(holder.get("StartAt"), str)):
            log.set(jp.join(self.scope, "StartAt"), next(iter(wrapper["States"])))
        return STRUCTURE


class AddBranch(EditCommand):
    """Add a branch to a Parallel state (default: one Pass state with a unique name)."""

    def __init__(
        self, parallel_pointer: str, branch: dict[str, Any] | None = None, index: int | None = None
    ) -> None:
        super().__init__()
        self.parallel, self.branch, self.index = parallel_pointer, branch, index
        self.text = f"Add a branch to {split_state(parallel_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        body = state_at(doc, self.parallel)
        if body.get("Type") != "Parallel":
            raise EditError(f"{split_state(self.parallel)[1]!r} is not a Parallel state")
        branch = self.branch
        if branch is None:
            name = unique_name(doc.data, "Branch")
            branch = {"StartAt": name, "States": {name: {"Type": "Pass", "End": True}}}
        elif not isinstance(branch, dict):
            raise EditError("a branch must be an object with StartAt and States")
        clash = sorted(set(fragment_names(branch.get("States", {}))) & state_names(doc.data))
        if clash:
            raise EditError(f"the machine already has states named {', '.join(clash)}")
        branches = jp.join(self.parallel, "Branches")
        if not isinstance(body.get("Branches"), list):
            log.set(branches, [])
        count = len(body["Branches"])
        log.insert(branches, count if self.index is None else self.index, branch)
        return STRUCTURE


class RemoveBranch(EditCommand):
    """Remove branch ``index`` of a Parallel state, with its states."""

    def __init__(self, parallel_pointer: str, index: int) -> None:
        super().__init__()
        self.parallel, self.index = parallel_pointer, index
        self.text = f"Remove branch {index + 1} of {split_state(parallel_pointer)[1]}"

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        body = state_at(doc, self.parallel)
        branches = body.get("Branches")
        if body.get("Type") != "Parallel" or not isinstance(branches, list):
            raise EditError(f"{split_state(self.parallel)[1]!r} is not a Parallel state")
        if not 0 <= self.index < len(branches):
            raise EditError(
                f"there is no branch {self.index + 1}; the Parallel has {len(branches)}"
            )
        log.delete(jp.join(self.parallel, "Branches", self.index))
        return STRUCTURE


# --- the whole definition -----------------------------------------------------------------


class ReplaceDefinition(EditCommand):
    """Replace the whole definition (a code-view edit) as one undo step.

    With ``text`` (the code view's text, which must parse), later saves start from that text,
    so its formatting and YAML comments are kept.
    """

    text = "Edit the definition as code"

    def __init__(self, new_data: dict[str, Any] | None = None, text: str | None = None) -> None:
        super().__init__()
        self.new_data, self.source = new_data, text

    def _apply(self, doc: EditableDocument, log: Changes) -> DocumentEvent:
        data = self.new_data
        parsed = None
        if self.source is not None:
            try:
                parsed = parse_text(self.source, doc.filename, doc.fmt)
            except AslError as exc:
                raise EditError(str(exc)) from None
            data = parsed.data
        if not isinstance(data, dict):
            raise EditError("a definition must be an object with StartAt and States")
        log.replace_root(data)
        if parsed is not None:
            old = doc._rebase(parsed)
            log.record(lambda: _rebase_back(doc, old))
        return DocumentEvent("text")


def _rebase_back(doc: EditableDocument, parsed: ParsedDocument) -> None:
    doc._rebase(parsed)
