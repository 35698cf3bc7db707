"""JSON Pointer (RFC 6901) helpers: the one way positions and diagnostics name a place."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    """Escape one reference token (`~` -> `~0`, `/` -> `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """Undo :func:`escape` for one reference token."""
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer: ``join("/States", "A/B")`` -> ``/States/A~1B``."""
    return pointer + "".join("/" + escape(t) for t in tokens)


def split(pointer: str) -> list[str]:
    """The unescaped reference tokens of a pointer (``""`` is the whole document)."""
    if not pointer:
        return []
    return [unescape(t) for t in pointer.split("/")[1:]]


def from_tokens(tokens: Iterable[str | int]) -> str:
    """Build a pointer from reference tokens."""
    return join("", *tokens)


def parent(pointer: str) -> str:
    """The pointer one level up (the document root has no parent and returns itself)."""
    return pointer.rsplit("/", 1)[0] if pointer else ""
