"""Plain words drawn on and around a state: detail line, retry badge, catches, tooltip."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aslstudio.asl import pointer as jp
from aslstudio.asl.describe import (
    describe_resource,
    describe_retry,
    describe_rule,
    describe_wait,
)


@dataclass(frozen=True, slots=True)
class StateText:
    """Everything textual about one state, ready to draw."""

    name: str
    kind: str
    detail: str  # resource in short words, wait duration, Choice rule count, ...
    retry: str  # "retry ×720 every 5 s" or ""
    catch: str  # "catches States.ALL" or ""
    comment: str
    tooltip: str  # rich text for the hover tooltip


def resolve(definition: Any, pointer: str) -> Mapping[str, Any]:
    """The state object at ``pointer`` in ``definition`` ({} when it cannot be reached)."""
    node: Any = definition
    for token in jp.split(pointer):
        if isinstance(node, Mapping):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return {}
    return node if isinstance(node, Mapping) else {}


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def detail_text(body: Mapping[str, Any]) -> str:
    """The second line of a state box: what it does, in short words."""
    kind = body.get("Type")
    if kind == "Task":
        resource = body.get("Resource")
        params = body.get("Parameters", body.get("Arguments"))
        return describe_resource(resource, params if isinstance(params, Mapping) else None)
    if kind == "Wait":
        return describe_wait(body)
    if kind == "Choice":
        rules = body.get("Choices")
        count = len(rules) if isinstance(rules, list) else 0
        return f"{count} rule{'s' if count != 1 else ''}" + (
            " + otherwise" if "Default" in body else ""
        )
    return _CONTAINER_DETAIL.get(str(kind), _plain_detail)(body)


def _parallel_detail(body: Mapping[str, Any]) -> str:
    branches = body.get("Branches")
    count = len(branches) if isinstance(branches, list) else 0
    return f"{count} branches side by side"


def _map_detail(body: Mapping[str, Any]) -> str:
    limit = body.get("MaxConcurrency")
    return "for each item" + (f", {_num(limit)} at a time" if limit else "")


def _fail_detail(body: Mapping[str, Any]) -> str:
    error = body.get("Error", body.get("ErrorPath", ""))
    return str(error) if error else "stops the execution as failed"


def _plain_detail(body: Mapping[str, Any]) -> str:
    del body
    return ""


_CONTAINER_DETAIL = {
    "Parallel": _parallel_detail,
    "Map": _map_detail,
    "Fail": _fail_detail,
}


def retry_text(body: Mapping[str, Any]) -> str:
    """The retry badge: the first retrier in words, '+N more' when there are several."""
    retriers = body.get("Retry")
    if not isinstance(retriers, list) or not retriers or not isinstance(retriers[0], Mapping):
        return ""
    first = describe_retry(retriers[0])
    return first + (f" (+{len(retriers) - 1} more)" if len(retriers) > 1 else "")


def catch_text(body: Mapping[str, Any]) -> str:
    """Which errors the state catches, in one line ('' when it catches none)."""
    catchers = body.get("Catch")
    if not isinstance(catchers, list):
        return ""
    names: list[str] = []
    for catcher in catchers:
        errors = catcher.get("ErrorEquals") if isinstance(catcher, Mapping) else None
        if isinstance(errors, list):
            names.extend(str(e) for e in errors if str(e) not in names)
    return ("catches " + ", ".join(names)) if names else ""


def _choice_rows(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """One row per Choice rule: its words and where it goes; then 'otherwise'."""
    rules = body.get("Choices") if body.get("Type") == "Choice" else None
    if not isinstance(rules, list):
        return []
    rows = [
        (f"Rule {i}", f"if {describe_rule(rule)} → {rule.get('Next', '?')}")
        for i, rule in enumerate(rules, start=1)
        if isinstance(rule, Mapping)
    ]
    if isinstance(body.get("Default"), str):
        rows.append(("Otherwise", f"→ {body['Default']}"))
    return rows


def _tooltip(name: str, body: Mapping[str, Any], detail: str, retry: str, catch: str) -> str:
    rows: list[tuple[str, str]] = [("Type", str(body.get("Type", "(missing)")))]
    if isinstance(body.get("Resource"), str):
        rows.append(("Resource", str(body["Resource"])))
    if detail and body.get("Type") not in ("Task", "Choice"):
        rows.append(("Does", detail))
    rows.extend(_choice_rows(body))
    if isinstance(body.get("Next"), str):
        rows.append(("Next", str(body["Next"])))
    elif body.get("End") is True:
        rows.append(("Next", "(end)"))
    if retry:
        rows.append(("Retry", retry))
    if catch:
        rows.append(("Catch", catch))
    if isinstance(body.get("Comment"), str):
        rows.append(("Comment", str(body["Comment"])))
    cells = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows
    )
    return f"<p><b>{html.escape(name)}</b></p><table>{cells}</table>"


def state_text(name: str, body: Mapping[str, Any]) -> StateText:
    """All the words drawn for one state."""
    detail = detail_text(body)
    retry = retry_text(body)
    catch = catch_text(body)
    comment = body.get("Comment")
    return StateText(
        name=name,
        kind=str(body.get("Type", "")),
        detail=detail,
        retry=retry,
        catch=catch,
        comment=comment if isinstance(comment, str) else "",
        tooltip=_tooltip(name, body, detail, retry, catch),
    )
