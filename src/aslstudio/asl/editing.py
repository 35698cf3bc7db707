"""The open, editable definition: current data, undo/redo, dirty flag, observers and saving.

Qt-free. Every change goes through a command (see :mod:`aslstudio.asl.commands`); commands record
reversible primitive edits in a :class:`Changes` log so undo restores the data exactly, key order
and object identity included.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from aslstudio.asl import pointer as jp
from aslstudio.asl.document import Format, ParsedDocument
from aslstudio.asl.parse import format_for, load_file, parse_text
from aslstudio.asl.serialize import (
    CANONICAL_YAML_INDENT,
    canonical_json,
    dump_yaml_tree,
    dumps,
    write_atomic,
    yaml_dumper,
)
from aslstudio.asl.templates import new_machine

EventKind = Literal["structure", "state", "rename", "text"]


class EditError(ValueError):
    """An edit that cannot be made; the message says why in one line, for the user."""


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """What one change did, so views know what to refresh.

    ``structure``: states or transitions changed; ``state``: fields of one state changed
    (``pointer``/``name`` of the state, ``field`` the changed place); ``rename``: a state was
    renamed (``old_name`` -> ``new_name``, ``pointer`` is its new pointer); ``text``: the whole
    definition was replaced.
    """

    kind: EventKind
    pointer: str = ""
    name: str = ""
    field: str = ""
    old_name: str = ""
    new_name: str = ""


STRUCTURE = DocumentEvent("structure")


class Command(Protocol):
    """An undoable edit: ``do`` and ``undo`` change the document and say what changed."""

    @property
    def text(self) -> str:
        """Words for the Undo menu, e.g. ``Rename state A to B``."""

    def do(self, doc: EditableDocument) -> DocumentEvent:
        """Make the change (also used for redo)."""

    def undo(self, doc: EditableDocument) -> DocumentEvent:
        """Take the change back exactly."""


Observer = Callable[[DocumentEvent], None]


def resolve(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer; EditError naming the pointer when there is none."""
    value = data
    for token in jp.split(pointer):
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            raise EditError(f"nothing at {pointer or '/'} in the definition")
    return value


def _insert_member(obj: dict[str, Any], key: str, value: Any, index: int | None) -> None:
    """Add ``key`` to ``obj`` at position ``index`` (None: at the end), in place."""
    if index is None or index >= len(obj):
        obj[key] = value
        return
    items = list(obj.items())
    items.insert(index, (key, value))
    obj.clear()
    obj.update(items)


def _rename_member(obj: dict[str, Any], old: str, new: str) -> None:
    """Rename a member in place, keeping its position."""
    items = [(new if k == old else k, v) for k, v in obj.items()]
    obj.clear()
    obj.update(items)


class Changes:
    """A log of primitive edits on a document's data, each with its exact inverse."""

    def __init__(self, doc: EditableDocument) -> None:
        self._doc = doc
        self._inverses: list[Callable[[], None]] = []

    def get(self, pointer: str) -> Any:
        """The current value at ``pointer``."""
        return resolve(self._doc.data, pointer)

    def _container(self, pointer: str) -> tuple[Any, str]:
        if not pointer:
            raise EditError("the whole definition cannot be edited as a field")
        return self.get(jp.parent(pointer)), jp.split(pointer)[-1]

    def set(self, pointer: str, value: Any, index: int | None = None) -> None:
        """Set a member or list item; replaced ones keep their place, new ones go at ``index``."""
        parent, key = self._container(pointer)
        value = copy.deepcopy(value)
        if isinstance(parent, dict):
            if key in parent:
                old = parent[key]
                parent[key] = value
                self._inverses.append(lambda: parent.__setitem__(key, old))
            else:
                _insert_member(parent, key, value, index)
                self._inverses.append(lambda: parent.__delitem__(key))
        elif isinstance(parent, list) and key.isdigit() and int(key) < len(parent):
            position = int(key)
            old = parent[position]
            parent[position] = value
            self._inverses.append(lambda: parent.__setitem__(position, old))
        elif isinstance(parent, list) and key in ("-", str(len(parent))):
            parent.append(value)
            self._inverses.append(parent.pop)
        else:
            raise EditError(f"cannot set {pointer}: its parent is not an object or a list")

    def insert(self, list_pointer: str, index: int, value: Any) -> None:
        """Insert an item into the list at ``list_pointer`` (negative or large index: append)."""
        target = self.get(list_pointer)
        if not isinstance(target, list):
            raise EditError(f"{list_pointer} is not a list")
        position = index if 0 <= index <= len(target) else len(target)
        target.insert(position, copy.deepcopy(value))
        self._inverses.append(lambda: target.__delitem__(position))

    def delete(self, pointer: str) -> Any:
        """Remove a member or list item and return it; undo puts it back in the same place."""
        parent, key = self._container(pointer)
        if isinstance(parent, dict) and key in parent:
            position = list(parent).index(key)
            old = parent.pop(key)
            self._inverses.append(lambda: _insert_member(parent, key, old, position))
            return old
        if isinstance(parent, list) and key.isdigit() and int(key) < len(parent):
            index = int(key)
            item = parent.pop(index)
            self._inverses.append(lambda: parent.insert(index, item))
            return item
        raise EditError(f"nothing at {pointer} to delete")

    def rename(self, pointer: str, new_key: str) -> None:
        """Rename an object member in place, keeping its position."""
        parent, key = self._container(pointer)
        if not isinstance(parent, dict) or key not in parent:
            raise EditError(f"nothing at {pointer} to rename")
        if new_key in parent:
            raise EditError(f"{jp.parent(pointer)} already has a member named {new_key!r}")
        _rename_member(parent, key, new_key)
        self._inverses.append(lambda: _rename_member(parent, new_key, key))

    def replace_root(self, data: dict[str, Any]) -> None:
        """Replace the whole definition."""
        doc = self._doc
        old = doc.data
        doc._set_root(copy.deepcopy(data))
        self._inverses.append(lambda: doc._set_root(old))

    def record(self, inverse: Callable[[], None]) -> None:
        """Log a custom inverse step, for changes outside the data (e.g. the save baseline)."""
        self._inverses.append(inverse)

    def revert(self) -> None:
        """Undo every recorded edit, newest first, and forget them."""
        while self._inverses:
            self._inverses.pop()()


@dataclass
class _Macro:
    """Several commands made and undone as one step."""

    text: str
    children: list[Command] = field(default_factory=list)
    events: list[DocumentEvent] = field(default_factory=list)

    def do(self, doc: EditableDocument) -> DocumentEvent:
        """Redo every child in order."""
        return merge_events([child.do(doc) for child in self.children])

    def undo(self, doc: EditableDocument) -> DocumentEvent:
        """Undo every child, last first."""
        return merge_events([child.undo(doc) for child in reversed(self.children)])


def merge_events(events: list[DocumentEvent]) -> DocumentEvent:
    """One event standing for several: the common one, one state's edits, else ``structure``."""
    if not events:
        return STRUCTURE
    first = events[0]
    if all(event == first for event in events):
        return first
    if any(event.kind == "text" for event in events):
        return DocumentEvent("text")
    if all(event.kind == "state" and event.pointer == first.pointer for event in events):
        return DocumentEvent("state", first.pointer, first.name)
    return STRUCTURE


def _base_for(data: dict[str, Any], fmt: Format, filename: str) -> ParsedDocument:
    """A parsed document holding ``data`` in the canonical text of ``fmt``."""
    if fmt == "yaml":
        text = dump_yaml_tree(copy.deepcopy(data), yaml_dumper(*CANONICAL_YAML_INDENT))
    else:
        text = canonical_json(data)
    return parse_text(text, filename, fmt)


class EditableDocument:
    """One open definition: its data, file, format, undo stack, dirty flag and observers."""

    def __init__(self, parsed: ParsedDocument, path: str | os.PathLike[str] | None = None) -> None:
        if not isinstance(parsed.data, dict):
            raise EditError("the top level of a definition must be an object")
        self._base = parsed
        self._data: dict[str, Any] = copy.deepcopy(parsed.data)
        self.path: Path | None = Path(path) if path is not None else None
        self.fmt: Format = parsed.fmt
        self._stack: list[Command] = []
        self._index = 0
        self._clean: int | None = 0
        self._macros: list[_Macro] = []
        self._observers: list[Observer] = []
        self._revision = 0
        self._current: tuple[int, ParsedDocument] | None = None

    # --- construction -------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> EditableDocument:
        """Open a definition file (FileReadError/ParseError when it cannot be read)."""
        return cls(load_file(path), path)

    @classmethod
    def from_text(
        cls, text: str, filename: str = "<string>", fmt: Format | None = None
    ) -> EditableDocument:
        """A document for definition text that has no file yet."""
        return cls(parse_text(text, filename, fmt))

    @classmethod
    def new(
        cls, definition: dict[str, Any] | None = None, fmt: Format = "json"
    ) -> EditableDocument:
        """A new, unsaved document: ``definition`` or the minimal machine from the templates."""
        data = definition if definition is not None else new_machine()
        return cls(_base_for(data, fmt, "untitled.asl." + fmt))

    # --- reading ------------------------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        """The current definition (treat as read-only: change it only through commands)."""
        return self._data

    def get(self, pointer: str) -> Any:
        """The current value at a JSON pointer (EditError when there is none)."""
        return resolve(self._data, pointer)

    @property
    def filename(self) -> str:
        """The file name for messages: the path, or the name the text was opened under."""
        return str(self.path) if self.path is not None else self._base.filename

    @property
    def revision(self) -> int:
        """A counter that grows with every change, for caches keyed on the content."""
        return self._revision

    def current_parsed(self) -> ParsedDocument:
        """A parsed document (data plus source positions) for the current text, cached."""
        if self._current is None or self._current[0] != self._revision:
            text = self.save_text()
            if text == self._base.text and not self._base.bom:
                parsed = self._base
            else:
                parsed = parse_text(text.lstrip("\ufeff"), self._base.filename, self.fmt)
            self._current = (self._revision, parsed)
        return self._current[1]

    def _set_root(self, data: dict[str, Any]) -> None:
        self._data = data

    # --- observers ----------------------------------------------------------------------

    def subscribe(self, callback: Observer) -> Callable[[], None]:
        """Call ``callback(event)`` after every change; returns a function that unsubscribes."""
        self._observers.append(callback)

        def unsubscribe() -> None:
            for index, registered in enumerate(self._observers):
                if registered is callback:
                    del self._observers[index]
                    return

        return unsubscribe

    def _changed(self, event: DocumentEvent) -> None:
        self._revision += 1
        if self._macros:
            self._macros[-1].events.append(event)
            return
        for callback in list(self._observers):
            callback(event)

    # --- applying commands without the stack (for a Qt undo stack adapter) --------------

    def apply(self, command: Command) -> DocumentEvent:
        """Do ``command`` and notify observers, without touching this document's undo stack."""
        event = command.do(self)
        self._changed(event)
        return event

    def revert(self, command: Command) -> DocumentEvent:
        """Undo ``command`` and notify observers, without touching this document's undo stack."""
        event = command.undo(self)
        self._changed(event)
        return event

    # --- the undo stack -----------------------------------------------------------------

    def execute(self, command: Command) -> DocumentEvent:
        """Do ``command`` and push it on the undo stack (or into the open macro)."""
        event = command.do(self)
        if self._macros:
            self._macros[-1].children.append(command)
        else:
            self._push(command)
        self._changed(event)
        return event

    def _push(self, command: Command) -> None:
        del self._stack[self._index :]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state can no longer be reached
        self._stack.append(command)
        self._index += 1

    def _no_macro(self, what: str) -> None:
        if self._macros:
            raise EditError(f"cannot {what} while the compound edit {self._macros[-1].text!r} runs")

    def undo(self) -> DocumentEvent | None:
        """Undo the last command; None when there is nothing to undo."""
        self._no_macro("undo")
        if not self._index:
            return None
        self._index -= 1
        event = self._stack[self._index].undo(self)
        self._changed(event)
        return event

    def redo(self) -> DocumentEvent | None:
        """Redo the last undone command; None when there is nothing to redo."""
        self._no_macro("redo")
        if self._index >= len(self._stack):
            return None
        event = self._stack[self._index].do(self)
        self._index += 1
        self._changed(event)
        return event

    @property
    def can_undo(self) -> bool:
        """Whether there is a step to undo."""
        return self._index > 0 and not self._macros

    @property
    def can_redo(self) -> bool:
        """Whether there is a step to redo."""
        return self._index < len(self._stack) and not self._macros

    @property
    def undo_text(self) -> str:
        """The text of the step Undo would take back, or ``""``."""
        return self._stack[self._index - 1].text if self._index else ""

    @property
    def redo_text(self) -> str:
        """The text of the step Redo would make again, or ``""``."""
        return self._stack[self._index].text if self._index < len(self._stack) else ""

    @property
    def index(self) -> int:
        """How many steps of the stack are currently applied."""
        return self._index

    @property
    def clean_index(self) -> int | None:
        """The stack index of the last save (None when that state can no longer be reached)."""
        return self._clean

    @property
    def dirty(self) -> bool:
        """Whether the data differs, by steps, from the last save (or the file as opened)."""
        return self._clean != self._index

    def mark_clean(self) -> None:
        """Declare the current state saved."""
        self._clean = self._index

    # --- compound edits -----------------------------------------------------------------

    def begin_macro(self, text: str) -> None:
        """Start a compound edit: commands executed until :meth:`end_macro` undo as one step."""
        self._macros.append(_Macro(text))

    def end_macro(self) -> DocumentEvent | None:
        """Close the innermost compound edit; observers get one event for all of it."""
        if not self._macros:
            raise EditError("no compound edit is open")
        macro = self._macros.pop()
        if not macro.children:
            return None
        event = merge_events(macro.events)
        if self._macros:
            self._macros[-1].children.append(macro)
            self._macros[-1].events.append(event)
            return event
        self._push(macro)
        for callback in list(self._observers):
            callback(event)
        return event

    def abort_macro(self) -> None:
        """Take back every command of the innermost open compound edit and close it."""
        if not self._macros:
            raise EditError("no compound edit is open")
        macro = self._macros.pop()
        for child in reversed(macro.children):
            child.undo(self)
        if macro.children:
            self._revision += 1

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """``with doc.macro("Delete 3 states"):`` one undo step; aborted if the block raises."""
        self.begin_macro(text)
        try:
            yield
        except BaseException:
            self.abort_macro()
            raise
        self.end_macro()

    # --- saving -------------------------------------------------------------------------

    def save_text(self) -> str:
        """The text to save: the file's own text when untouched, else in the file's style."""
        return dumps(self._base, self._data)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write atomically to ``path`` (default: the document's file) and mark the state clean.

        Saving under a ``.yaml``/``.yml`` name writes YAML, any other name JSON.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("this definition has no file yet: choose where to save it")
        fmt = format_for(str(target))
        if fmt == self.fmt:
            text = self.save_text()
        else:
            text = _base_for(self._data, fmt, str(target)).text
        try:
            write_atomic(target, text)
        except OSError as exc:
            raise EditError(f"{target}: cannot save: {exc.strerror or exc}") from None
        self._base = parse_text(text, str(target), fmt)
        self.path, self.fmt = target, fmt
        self._current = None
        self.mark_clean()
        return target

    def _rebase(self, parsed: ParsedDocument) -> ParsedDocument:
        """Swap the text the next save starts from (for code-view edits); returns the old one."""
        old, self._base = self._base, parsed
        self._current = None
        return old
