"""Palette templates: a minimal new machine, a sensible body per palette entry, unique names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aslstudio.asl.scopes import iter_states

MAX_NAME_LENGTH = 80  # AWS limit for state names
LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"
LAMBDA_RETRY_ERRORS = (
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
)

# Palette entry -> the base name a dropped state gets (made unique by ``unique_name``).
PALETTE: dict[str, str] = {
    "lambda": "Lambda Invoke",
    "choice": "Choice",
    "parallel": "Parallel",
    "map": "Map",
    "wait": "Wait",
    "pass": "Pass",
    "succeed": "Success",
    "fail": "Fail",
}
TERMINAL_KINDS = frozenset({"succeed", "fail"})


def state_names(definition: Mapping[str, Any]) -> set[str]:
    """Every state name used anywhere in the machine, nested scopes included."""
    return {ref.name for ref in iter_states(definition)}


def unique_name(definition: Mapping[str, Any], base: str, taken: Iterable[str] = ()) -> str:
    """``base`` if no state has that name, else ``base (1)``, ``base (2)``... (as the console)."""
    used = state_names(definition) | set(taken)
    base = base[:MAX_NAME_LENGTH] or "State"
    if base not in used:
        return base
    number = 1
    while True:
        suffix = f" ({number})"
        candidate = base[: MAX_NAME_LENGTH - len(suffix)] + suffix
        if candidate not in used:
            return candidate
        number += 1


def new_machine() -> dict[str, Any]:
    """The smallest valid machine: one Pass state that ends it."""
    return {
        "Comment": "A new state machine",
        "StartAt": "Pass",
        "States": {"Pass": {"Type": "Pass", "End": True}},
    }


def is_jsonata(definition: Mapping[str, Any]) -> bool:
    """Whether the machine's top-level QueryLanguage is JSONata."""
    return definition.get("QueryLanguage") == "JSONata"


def _flow(next_state: str | None) -> dict[str, Any]:
    return {"Next": next_state} if next_state is not None else {"End": True}


def _pass_scope(name: str) -> dict[str, Any]:
    return {"StartAt": name, "States": {name: {"Type": "Pass", "End": True}}}


class _Builder:
    """Builds template bodies for one machine, reserving the nested names it hands out."""

    def __init__(self, definition: Mapping[str, Any], taken: Iterable[str]) -> None:
        self.definition = definition
        self.taken = set(taken)
        self.jsonata = is_jsonata(definition)

    def name(self, base: str) -> str:
        chosen = unique_name(self.definition, base, self.taken)
        self.taken.add(chosen)
        return chosen

    def lambda_task(self, next_state: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {"Type": "Task", "Resource": LAMBDA_INVOKE}
        if self.jsonata:
            body["Arguments"] = {"FunctionName": "my-function", "Payload": "{% $states.input %}"}
            body["Output"] = "{% $states.result.Payload %}"
        else:
            body["OutputPath"] = "$.Payload"
            body["Parameters"] = {"FunctionName": "my-function", "Payload.$": "$"}
        body["Retry"] = [
            {
                "ErrorEquals": list(LAMBDA_RETRY_ERRORS),
                "IntervalSeconds": 1,
                "MaxAttempts": 3,
                "BackoffRate": 2,
                "JitterStrategy": "FULL",
            }
        ]
        return body | _flow(next_state)

    def choice(self, next_state: str | None) -> dict[str, Any]:
        target = next_state if next_state is not None else ""
        return {
            "Type": "Choice",
            "Choices": [choice_rule(target, self.jsonata)],
            "Default": target,
        }

    def parallel(self, next_state: str | None) -> dict[str, Any]:
        return {"Type": "Parallel", "Branches": [_pass_scope(self.name("Branch 1"))]} | _flow(
            next_state
        )

    def map(self, next_state: str | None) -> dict[str, Any]:
        processor = {"ProcessorConfig": {"Mode": "INLINE"}} | _pass_scope(self.name("Process item"))
        return {"Type": "Map", "ItemProcessor": processor} | _flow(next_state)

    def wait(self, next_state: str | None) -> dict[str, Any]:
        return {"Type": "Wait", "Seconds": 5} | _flow(next_state)

    def pass_state(self, next_state: str | None) -> dict[str, Any]:
        return {"Type": "Pass"} | _flow(next_state)

    def succeed(self, _next_state: str | None) -> dict[str, Any]:
        return {"Type": "Succeed"}

    def fail(self, _next_state: str | None) -> dict[str, Any]:
        return {"Type": "Fail", "Error": "MyError", "Cause": "Describe what went wrong"}

    def table(self) -> dict[str, Callable[[str | None], dict[str, Any]]]:
        return {
            "lambda": self.lambda_task,
            "choice": self.choice,
            "parallel": self.parallel,
            "map": self.map,
            "wait": self.wait,
            "pass": self.pass_state,
            "succeed": self.succeed,
            "fail": self.fail,
        }


def choice_rule(target: str, jsonata: bool = False) -> dict[str, Any]:
    """A starter Choice rule leading to ``target``, in the machine's query language."""
    if jsonata:
        return {"Condition": '{% $states.input.field = "" %}', "Next": target}
    return {"Variable": "$.field", "StringEquals": "", "Next": target}


def state_template(
    kind: str,
    definition: Mapping[str, Any],
    next_state: str | None = None,
    taken: Iterable[str] = (),
) -> dict[str, Any]:
    """The body of a new state of palette ``kind``; it goes on to ``next_state`` or ends.

    Nested state names (a Parallel branch, a Map processor) are unique in ``definition``. A Choice
    needs a target: without ``next_state`` its rule and Default are left empty for the user.
    """
    build = _Builder(definition, taken).table().get(kind)
    if build is None:
        raise ValueError(f"unknown palette entry {kind!r}; expected one of {', '.join(PALETTE)}")
    return build(next_state)


def fragment(
    kind: str, definition: Mapping[str, Any], next_state: str | None = None
) -> dict[str, dict[str, Any]]:
    """The named states a palette drop adds, the dropped state first.

    A Choice without ``next_state`` comes with two Pass states, one for its rule and one for
    its Default, so that the result is a complete, valid piece of machine.
    """
    if kind not in PALETTE:
        raise ValueError(f"unknown palette entry {kind!r}; expected one of {', '.join(PALETTE)}")
    builder = _Builder(definition, ())
    name = builder.name(PALETTE[kind])
    if kind != "choice" or next_state is not None:
        return {name: builder.table()[kind](next_state)}
    matched, otherwise = builder.name("Rule 1 matched"), builder.name("Otherwise")
    body = builder.choice(matched)
    body["Default"] = otherwise
    return {
        name: body,
        matched: {"Type": "Pass", "End": True},
        otherwise: {"Type": "Pass", "End": True},
    }
