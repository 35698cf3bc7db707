"""Plain-words descriptions of rules, resources, waits and retries."""

from __future__ import annotations

from typing import Any

import pytest

from aslstudio.asl.describe import (
    describe_resource,
    describe_retry,
    describe_rule,
    describe_wait,
    format_duration,
)

RULES: list[tuple[Any, str]] = [
    (
        {
            "And": [
                {"Variable": "$.asset.size", "NumericLessThanEquals": 2000000000},
                {"Variable": "$.asset.duration_ms", "NumericLessThanEquals": 10000},
            ]
        },
        "asset.size ≤ 2,000,000,000 and asset.duration_ms ≤ 10,000",
    ),
    ({"Variable": "$.status", "StringEquals": "FAILED"}, 'status = "FAILED"'),
    ({"Variable": "$.isValid", "BooleanEquals": True}, "isValid is true"),
    ({"Variable": "$.isValid", "BooleanEquals": False}, "isValid is false"),
    ({"Variable": "$.x", "IsPresent": False}, "x is missing"),
    ({"Variable": "$.x", "IsPresent": True}, "x is present"),
    ({"Variable": "$.x", "IsNull": True}, "x is null"),
    ({"Variable": "$.name", "StringMatches": "*.csv"}, 'name matches "*.csv"'),
    ({"Variable": "$.a", "NumericGreaterThanPath": "$.limits.max"}, "a > limits.max"),
    ({"Variable": "$.a", "StringEqualsPath": "$.b"}, "a = b"),
    (
        {"Variable": "$.t", "TimestampLessThan": "2024-01-01T00:00:00Z"},
        't is before "2024-01-01T00:00:00Z"',
    ),
    ({"Variable": "$.n", "NumericEquals": 1.5}, "n = 1.5"),
    ({"Variable": "$", "NumericEquals": 0}, "the input = 0"),
    ({"Not": {"Variable": "$.s", "StringEquals": "OK"}, "Next": "X"}, 'not (s = "OK")'),
    (
        {
            "And": [
                {"Variable": "$.a", "NumericGreaterThan": 1},
                {
                    "Or": [
                        {"Variable": "$.b", "IsNull": True},
                        {"Variable": "$.c", "IsString": True},
                    ]
                },
            ]
        },
        "a > 1 and (b is null or c is a string)",
    ),
    ({"Condition": "{% $states.input.size > 10 %}", "Next": "Big"}, "$states.input.size > 10"),
    ({}, "(unreadable rule)"),
    ({"Variable": "$.a", "Bogus": 1}, "(unreadable rule)"),
    ({"And": "x"}, "(unreadable rule)"),
    ({"And": []}, "(unreadable rule)"),
    ("junk", "(unreadable rule)"),
    (None, "(unreadable rule)"),
    (
        {"Or": [1, {"Variable": "$.a", "IsNumeric": False}]},
        "(unreadable rule) or a is not a number",
    ),
]


@pytest.mark.parametrize(("rule", "expected"), RULES)
def test_describe_rule(rule: Any, expected: str):
    assert describe_rule(rule) == expected


def test_describe_rule_survives_absurd_nesting():
    rule: dict[str, Any] = {"Variable": "$.a", "IsNull": True}
    for _ in range(5000):
        rule = {"Not": rule}
    assert "(unreadable rule)" in describe_rule(rule)


FN = "arn:aws:lambda:eu-west-1:123456789012:function:validate-energy:$LATEST"
RESOURCES: list[tuple[Any, Any, str]] = [
    ("arn:aws:states:::lambda:invoke", {"FunctionName": FN}, "Lambda validate-energy"),
    ("arn:aws:states:::lambda:invoke", {"FunctionName": "fix-units:prod"}, "Lambda fix-units"),
    ("arn:aws:states:::lambda:invoke", {"FunctionName.$": "$.fn"}, "Lambda (from $.fn)"),
    ("arn:aws:states:::lambda:invoke", None, "Lambda Invoke"),
    (
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        {"FunctionName": "${ApproveFn}"},
        "Lambda ${ApproveFn} .waitForTaskToken",
    ),
    ("arn:aws:lambda:us-east-1:123456789012:function:normalise", None, "Lambda normalise"),
    (
        "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}",
        None,
        "Lambda ${Fn}",
    ),
    ("arn:aws:states:::ecs:runTask.sync", None, "ECS RunTask .sync"),
    (
        "arn:aws:states:::states:startExecution.sync:2",
        None,
        "Step Functions StartExecution .sync:2",
    ),
    ("arn:aws:states:::sns:publish", None, "SNS Publish"),
    (
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        None,
        "SQS SendMessage .waitForTaskToken",
    ),
    ("arn:aws:states:::dynamodb:putItem", None, "DynamoDB PutItem"),
    ("arn:aws:states:::aws-sdk:s3:getObject", None, "S3 GetObject (SDK)"),
    (
        "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
        None,
        "Secrets Manager GetSecretValue (SDK)",
    ),
    (
        "arn:aws:states:us-east-1:123456789012:activity:approve-batch",
        None,
        "Activity approve-batch",
    ),
    ("${ValidateFunctionArn}", None, "${ValidateFunctionArn}"),
    ("not an arn", None, "not an arn"),
    ("", None, "(no resource)"),
    (42, None, "(no resource)"),
]


@pytest.mark.parametrize(("resource", "parameters", "expected"), RESOURCES)
def test_describe_resource(resource: Any, parameters: Any, expected: str):
    assert describe_resource(resource, parameters) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"Type": "Wait", "Seconds": 90}, "wait 90 s"),
        ({"Type": "Wait", "Seconds": 5400}, "wait 1 h 30 min"),
        ({"Type": "Wait", "Seconds": 45}, "wait 45 s"),
        ({"Type": "Wait", "Seconds": 0}, "wait 0 s"),
        ({"Type": "Wait", "Timestamp": "2024-01-01T00:00:00Z"}, "wait until 2024-01-01T00:00:00Z"),
        ({"Type": "Wait", "SecondsPath": "$.waitSeconds"}, "wait seconds from $.waitSeconds"),
        ({"Type": "Wait", "TimestampPath": "$.until"}, "wait until the time in $.until"),
        ({"Type": "Wait", "Seconds": "{% $delay %}"}, "wait seconds from $delay"),
        ({"Type": "Wait"}, "wait (no duration)"),
    ],
)
def test_describe_wait(state: dict[str, Any], expected: str):
    assert describe_wait(state) == expected


@pytest.mark.parametrize(
    ("retrier", "expected"),
    [
        (
            {"ErrorEquals": ["X"], "MaxAttempts": 720, "IntervalSeconds": 5, "BackoffRate": 1},
            "retry ×720 every 5 s",
        ),
        ({"ErrorEquals": ["States.ALL"]}, "retry ×3 every 1 s (backoff ×2)"),
        ({"IntervalSeconds": 2, "BackoffRate": 1.5}, "retry ×3 every 2 s (backoff ×1.5)"),
        ({"MaxAttempts": 0}, "no retry"),
        (
            {"MaxAttempts": 2, "MaxDelaySeconds": 60, "JitterStrategy": "FULL"},
            "retry ×2 every 1 s (backoff ×2), at most 60 s apart, with jitter",
        ),
        ({"MaxAttempts": "many"}, "retry ×3 every 1 s (backoff ×2)"),
    ],
)
def test_describe_retry(retrier: dict[str, Any], expected: str):
    assert describe_retry(retrier) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (1, "1 s"),
        (119, "119 s"),
        (120, "2 min"),
        (150, "2 min 30 s"),
        (3600, "1 h"),
        (90061, "1 d 1 h 1 min 1 s"),
        (2.5, "2.5 s"),
        (-3, "-3 s"),
    ],
)
def test_format_duration(seconds: float, expected: str):
    assert format_duration(seconds) == expected
