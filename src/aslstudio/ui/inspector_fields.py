"""What the inspector shows for each state type: fields, their editors and one plain sentence each.

Data only (no Qt). ``FORMS`` maps a state Type to its fields in display order; ``HELP`` is the
tooltip sentence of every field; ``LANGUAGE_ONLY`` hides fields of the other query language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EditorKind = Literal["text", "resource", "int", "number", "json", "list", "path", "next", "default"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: the ASL key, its label and which editor it gets."""

    key: str
    label: str
    editor: EditorKind


HELP: dict[str, str] = {
    "Comment": "A note for people; the machine ignores it.",
    "Next": "The state that runs after this one; choose (ends here) to finish instead.",
    "Default": "Where to go when none of the rules is true; without it the run fails.",
    "Resource": "What this task calls, e.g. arn:aws:states:::lambda:invoke or a function's ARN.",
    "Parameters": "The input sent to the resource (JSON; keys ending in .$ take a path).",
    "Arguments": "The input sent to the resource (JSON; values in {% %} are JSONata).",
    "ResultSelector": "Picks parts of the raw result before ResultPath places it.",
    "ResultPath": "Where the result goes in the input ($ replaces it, $.x adds it as x).",
    "InputPath": "The part of the input this state works on ($ = all of it).",
    "OutputPath": "The part of the output passed to the next state ($ = all of it).",
    "Output": "The output passed on, written as JSONata or JSON.",
    "Assign": "Variables to set for later states (JSON: name -> value).",
    "TimeoutSeconds": "Fail with States.Timeout if the task takes longer than this.",
    "HeartbeatSeconds": "Fail if the task sends no heartbeat for this many seconds.",
    "Retry": "What to try again and how often when an error happens (a list of retriers).",
    "Catch": "Where to go when an error is not retried (a list of catchers).",
    "Result": "A fixed value this Pass state outputs instead of its input.",
    "Seconds": "How many seconds to wait.",
    "Timestamp": "Wait until this moment, e.g. 2024-06-30T12:00:00Z.",
    "SecondsPath": "The input field holding the number of seconds to wait.",
    "TimestampPath": "The input field holding the moment to wait for.",
    "Error": "The error name the run fails with, e.g. ValidationFailed.",
    "Cause": "A sentence telling people why the run failed.",
    "ErrorPath": "The input field holding the error name.",
    "CausePath": "The input field holding the cause.",
    "ItemsPath": "The input field holding the list to go through.",
    "Items": "The list to go through (JSONata or JSON).",
    "ItemSelector": "The input each item's run gets (JSON).",
    "MaxConcurrency": "How many items run at the same time (0 = as many as possible).",
    "ToleratedFailurePercentage": "How many items may fail (percent) before the Map fails.",
    "Credentials": "A role to assume for this task (JSON).",
    "QueryLanguage": "How expressions are written in this state: JSONPath or JSONata.",
}

JSONPATH_ONLY = frozenset(
    {
        "Parameters",
        "ResultSelector",
        "ResultPath",
        "InputPath",
        "OutputPath",
        "ItemsPath",
        "SecondsPath",
        "TimestampPath",
        "ErrorPath",
        "CausePath",
    }
)
JSONATA_ONLY = frozenset({"Arguments", "Output", "Items"})


def _specs(*rows: tuple[str, EditorKind]) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(key, _label(key), editor) for key, editor in rows)


def _label(key: str) -> str:
    words = "".join(f" {c}" if c.isupper() else c for c in key).strip()
    return words[0] + words[1:].lower() if words else key


_Row = tuple[str, EditorKind]
_DATA_IN: tuple[_Row, ...] = (("InputPath", "path"), ("Parameters", "json"), ("Arguments", "json"))
_DATA_OUT: tuple[_Row, ...] = (
    ("ResultSelector", "json"),
    ("ResultPath", "path"),
    ("OutputPath", "path"),
    ("Output", "json"),
    ("Assign", "json"),
)
_ERRORS: tuple[_Row, ...] = (("Retry", "list"), ("Catch", "list"))

FORMS: dict[str, tuple[FieldSpec, ...]] = {
    "Task": _specs(
        ("Resource", "resource"),
        ("Next", "next"),
        *_DATA_IN,
        ("TimeoutSeconds", "int"),
        ("HeartbeatSeconds", "int"),
        ("Credentials", "json"),
        *_DATA_OUT,
        *_ERRORS,
    ),
    "Pass": _specs(
        ("Next", "next"),
        ("Result", "json"),
        ("InputPath", "path"),
        ("Parameters", "json"),
        ("ResultPath", "path"),
        ("OutputPath", "path"),
        ("Output", "json"),
        ("Assign", "json"),
    ),
    "Wait": _specs(
        ("Next", "next"),
        ("Seconds", "int"),
        ("Timestamp", "text"),
        ("SecondsPath", "path"),
        ("TimestampPath", "path"),
        ("InputPath", "path"),
        ("OutputPath", "path"),
        ("Output", "json"),
        ("Assign", "json"),
    ),
    "Choice": _specs(
        ("Default", "default"),
        ("InputPath", "path"),
        ("OutputPath", "path"),
        ("Output", "json"),
        ("Assign", "json"),
    ),
    "Parallel": _specs(("Next", "next"), *_DATA_IN, *_DATA_OUT, *_ERRORS),
    "Map": _specs(
        ("Next", "next"),
        ("ItemsPath", "path"),
        ("Items", "json"),
        ("ItemSelector", "json"),
        ("MaxConcurrency", "int"),
        ("ToleratedFailurePercentage", "number"),
        ("InputPath", "path"),
        ("Parameters", "json"),
        *_DATA_OUT,
        *_ERRORS,
    ),
    "Succeed": _specs(("InputPath", "path"), ("OutputPath", "path"), ("Output", "json")),
    "Fail": _specs(
        ("Error", "text"), ("Cause", "text"), ("ErrorPath", "path"), ("CausePath", "path")
    ),
}

TYPE_SENTENCES: dict[str, str] = {
    "Task": "Does one piece of work: calls a Lambda function or another AWS service.",
    "Pass": "Passes its input on, optionally reshaped; does no work.",
    "Wait": "Pauses for a time or until a moment.",
    "Choice": "Goes one way or another depending on the data; edit its rules in Choice rules.",
    "Parallel": "Runs its branches at the same time and waits for all of them.",
    "Map": "Runs its steps once for every item of a list.",
    "Succeed": "Stops successfully.",
    "Fail": "Stops the run with an error.",
}


def visible_fields(state_type: str, language: str) -> tuple[FieldSpec, ...]:
    """The fields of a form for a state type in a query language (unknown types: none)."""
    hidden = JSONATA_ONLY if language != "JSONata" else JSONPATH_ONLY
    return tuple(spec for spec in FORMS.get(state_type, ()) if spec.key not in hidden)
