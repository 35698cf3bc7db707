"""Shapes from public machines that AWS deploys: no false alarm; real mistakes still caught."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.engine.paths import PathSyntaxError, compile_path
from aslstudio.validate import Severity, validate_definition, validate_text
from aslstudio.validate.bare_placeholders import quote_bare_placeholders

FN = "arn:aws:lambda:us-east-1:123456789012:function:work"


def codes(definition: dict[str, Any]) -> set[str]:
    """Codes of the errors and warnings a definition gets."""
    return {d.code for d in validate_definition(definition) if d.severity is not Severity.INFO}


def task(resource: str) -> dict[str, Any]:
    """A one-Task machine with ``resource``."""
    return {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource, "End": True}}}


def choice_with_output(language: str) -> dict[str, Any]:
    """A Choice whose first rule carries its own Output, in ``language``."""
    rule: dict[str, Any]
    if language == "JSONata":
        rule = {"Condition": "{% $states.input.n > 1 %}", "Output": {"big": True}, "Next": "Done"}
    else:
        rule = {"Variable": "$.n", "NumericGreaterThan": 1, "Output": {"big": True}, "Next": "Done"}
    return {
        "QueryLanguage": language,
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [rule], "Default": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }


def test_a_jsonata_choice_rule_may_shape_the_output() -> None:
    assert codes(choice_with_output("JSONata")) == set()


def test_a_jsonpath_choice_rule_may_not_have_output() -> None:
    assert codes(choice_with_output("JSONPath")) == {"R601"}


@pytest.mark.parametrize(
    ("resource", "ok"),
    [
        ("arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject", True),
        ("arn:aws-cn:states:cn-north-1:123456789012:lambda:invoke", True),
        ("arn:aws:states:eu-west-1:123456789012:ecs:runTask.sync", True),
        ("arn:aws:states:::aws-sdk:s3:getObject", True),
        ("arn:aws:states:us-east-1:12345:lambda:invoke", False),  # account is 12 digits
        ("arn:aws:states:useast1:123456789012:lambda:invoke", False),
        ("arn:aws:states:us-east-1:123456789012:lambda", False),  # no API
    ],
)
def test_integration_arns_with_region_and_account(resource: str, ok: bool) -> None:
    assert ("R607" in codes(task(resource))) is not ok


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("$.Labels[?(@.Name==Receipt)]", True),
        ("$[?(@.TargetLanguageCode==fr)].TranslatedText", True),  # 'f' does not start false
        ("$.a[?(@.kind == AMOUNT_PAID && @.ok == true)].v", True),
        ("$$.Execution.Name ", True),  # Jayway trims the path
        (" $.a", False),
        ("$.a b", False),
        ("$.a[?(@.kind == 'x)]", False),
        ("$.a[?(@.kind == )]", False),
        ("$.a[?(@.kind == %)]", False),
    ],
)
def test_unquoted_words_in_filters(path: str, ok: bool) -> None:
    machine = {
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Parameters": {"x.$": path}, "End": True}},
    }
    assert ("R501" in codes(machine)) is not ok


def test_an_unquoted_word_is_compared_as_text() -> None:
    data = [{"lang": "fi", "t": "moi"}, {"lang": "de", "t": "hallo"}, {"lang": "false", "t": "?"}]
    assert compile_path("$[?(@.lang==fi)].t").find(data) == ["moi"]
    assert compile_path("$[?(@.lang == falsey)].t").find(data) == []
    assert compile_path("$[?(@.lang == false)].t").find(data) == []  # the boolean, not the text
    with pytest.raises(PathSyntaxError):
        compile_path("$[?(@.lang == )]")


def quorum(error: str, caught: str) -> dict[str, Any]:
    """A Parallel whose branch fails with ``error``; its catcher names ``caught``."""
    branch = {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": error}}}
    return {
        "StartAt": "Fan",
        "States": {
            "Fan": {
                "Type": "Parallel",
                "Branches": [branch],
                "Catch": [{"ErrorEquals": [caught], "Next": "Done"}],
                "End": True,
            },
            "Done": {"Type": "Succeed"},
        },
    }


@pytest.mark.parametrize(
    ("error", "caught", "warned"),
    [
        ("States.QuorumMet", "States.QuorumMet", False),  # raised by the machine's own Fail
        ("States.QuorumMet", "States.QuorumMett", True),  # a typo still warns
        ("Custom", "States.TaskFailedId", True),  # nothing raises it
    ],
)
def test_own_states_errors_are_known(error: str, caught: str, warned: bool) -> None:
    assert ("R404" in codes(quorum(error, caught))) is warned


TEMPLATE = """{
  "StartAt": "T",
  "TimeoutSeconds": ${Timeout},
  "States": {
    "T": {"Type": "Task", "Resource": "${FnArn}", "TimeoutSeconds": ${Timeout},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": ${Attempts}}], "End": true}
  }
}
"""


def test_a_json_template_with_bare_placeholders_is_checked_as_a_template() -> None:
    found = validate_text(TEMPLATE, "machine.asl.json")
    assert [d.code for d in found if d.severity is not Severity.INFO] == []
    notes = {(d.line, d.col, d.message.split()[0]) for d in found if d.code == "P702"}
    assert notes == {(3, 21, "${Timeout}"), (6, 68, "${Attempts}")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (TEMPLATE.replace('"States": {', '"States": {,'), "machine.asl.json"),  # a real mistake
        ('{"StartAt": ${Start}, "States": {"A": {"Type": "Pass", "End": true}', "m.asl.json"),
    ],
)
def test_other_syntax_errors_still_report_f002(text: str, name: str) -> None:
    found = validate_text(text, name)
    assert [d.code for d in found] == ["F002"]


def test_template_errors_are_real_errors() -> None:
    broken = TEMPLATE.replace('"MaxAttempts": ${Attempts}', '"MaxAttempts": -1')
    found = validate_text(broken, "m.asl.json")
    assert {d.code for d in found if d.severity is Severity.ERROR} & {"S106", "R606"}


def test_placeholders_inside_strings_are_left_alone() -> None:
    text = '{"a": "${X} and \\" ${Y}", "b": ${Z}}'
    quoted, found = quote_bare_placeholders(text)
    assert quoted == '{"a": "${X} and \\" ${Y}", "b": "${Z}"}'
    assert [(p.name, p.line, p.col) for p in found] == [("${Z}", 1, 32)]


@pytest.mark.parametrize(("name", "moved"), [("QueryLanguage", True), ("Checkout", False)])
def test_a_machine_field_inside_states_says_where_it_belongs(name: str, moved: bool) -> None:
    machine = {"StartAt": "A", "States": {name: "JSONata", "A": {"Type": "Succeed"}}}
    hints = [d.hint for d in validate_definition(machine) if d.code == "S102"]
    assert len(hints) == 1
    assert ("to the top level" in hints[0]) is moved
