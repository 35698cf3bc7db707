"""Plain words for people: Choice rules, task resources, waits and retries, as short phrases.

Used for edge labels, tooltips and the analyst views. Nothing here raises on malformed input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

UNREADABLE_RULE = "(unreadable rule)"

# Comparison operator -> words placed between the variable and the value.
_COMPARE_WORDS: dict[str, str] = {
    "Equals": "=",
    "LessThan": "<",
    "GreaterThan": ">",
    "LessThanEquals": "≤",
    "GreaterThanEquals": "≥",
    "Matches": "matches",
}
_TIMESTAMP_WORDS: dict[str, str] = {
    "Equals": "=",
    "LessThan": "is before",
    "GreaterThan": "is after",
    "LessThanEquals": "is at or before",
    "GreaterThanEquals": "is at or after",
}
_COMPARE_FAMILIES = ("String", "Numeric", "Boolean", "Timestamp")

# Type tests: operator -> (words when true, words when false).
_TYPE_TESTS: dict[str, tuple[str, str]] = {
    "IsPresent": ("is present", "is missing"),
    "IsNull": ("is null", "is not null"),
    "IsString": ("is a string", "is not a string"),
    "IsNumeric": ("is a number", "is not a number"),
    "IsBoolean": ("is true or false", "is not true or false"),
    "IsTimestamp": ("is a timestamp", "is not a timestamp"),
}

_JSONATA = re.compile(r"^\s*\{%(.*)%\}\s*$", re.DOTALL)


def field_name(path: Any) -> str:
    """A reference path for people: ``$.asset.size`` -> ``asset.size``, ``$`` -> the input."""
    if not isinstance(path, str):
        return "(no field)"
    if path == "$":
        return "the input"
    if path.startswith("$.") and not path.startswith("$.."):
        return path[2:]
    return path


def jsonata_text(value: str) -> str | None:
    """The expression inside ``{% ... %}``, or None when ``value`` is not a JSONata template."""
    match = _JSONATA.match(value)
    return match.group(1).strip() if match else None


def format_value(value: Any) -> str:
    """A literal for people: numbers with thousands separators, strings in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() and abs(value) < 1e16 else f"{value:,}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False, default=str)


def _split_operator(key: str) -> tuple[str, str, bool] | None:
    """``NumericLessThanPath`` -> ("Numeric", "LessThan", True)."""
    for family in _COMPARE_FAMILIES:
        if key.startswith(family):
            rest = key[len(family) :]
            is_path = rest.endswith("Path")
            op = rest[:-4] if is_path else rest
            return family, op, is_path
    return None


def _comparison(rule: Mapping[str, Any]) -> str | None:
    """Words for a leaf rule (``Variable`` plus one operator), or None when none is readable."""
    subject = field_name(rule.get("Variable"))
    for key, value in rule.items():
        if key in _TYPE_TESTS:
            yes, no = _TYPE_TESTS[key]
            return f"{subject} {yes if value is True else no}"
        parts = _split_operator(key)
        if parts is None:
            continue
        family, op, is_path = parts
        words = (_TIMESTAMP_WORDS if family == "Timestamp" else _COMPARE_WORDS).get(op)
        if words is None:
            continue
        if family == "Boolean" and op == "Equals" and not is_path and isinstance(value, bool):
            return f"{subject} is {format_value(value)}"
        shown = field_name(value) if is_path else format_value(value)
        return f"{subject} {words} {shown}"
    return None


def _describe(rule: Any, nested: bool, depth: int = 0) -> str:
    """Words for ``rule``; ``nested`` puts parentheses around an And/Or inside another rule."""
    if not isinstance(rule, Mapping) or depth > 100:
        return UNREADABLE_RULE
    condition = rule.get("Condition")
    if isinstance(condition, str):
        return jsonata_text(condition) or condition
    if isinstance(condition, bool):
        return "always" if condition else "never"
    for key, word in (("And", "and"), ("Or", "or")):
        if key in rule:
            items = rule[key]
            if not isinstance(items, list) or not items:
                return UNREADABLE_RULE
            text = f" {word} ".join(_describe(item, True, depth + 1) for item in items)
            return f"({text})" if nested and len(items) > 1 else text
    if "Not" in rule:
        return f"not ({_describe(rule['Not'], False, depth + 1)})"
    return _comparison(rule) or UNREADABLE_RULE


def describe_rule(rule: Mapping[str, Any]) -> str:
    """A Choice rule in words, e.g. ``asset.size ≤ 2,000,000,000 and status = "FAILED"``."""
    try:
        return _describe(rule, False)
    except Exception:  # noqa: BLE001 - junk of any shape must still give a label
        return UNREADABLE_RULE


# Service name in an ARN -> how AWS writes it.
_SERVICE_NAMES: dict[str, str] = {
    "lambda": "Lambda",
    "ecs": "ECS",
    "eks": "EKS",
    "sns": "SNS",
    "sqs": "SQS",
    "dynamodb": "DynamoDB",
    "glue": "Glue",
    "batch": "Batch",
    "states": "Step Functions",
    "sfn": "Step Functions",
    "events": "EventBridge",
    "athena": "Athena",
    "sagemaker": "SageMaker",
    "codebuild": "CodeBuild",
    "apigateway": "API Gateway",
    "http": "HTTP",
    "bedrock": "Bedrock",
    "s3": "S3",
    "elasticmapreduce": "EMR",
    "emr-containers": "EMR on EKS",
    "emr-serverless": "EMR Serverless",
    "databrew": "Glue DataBrew",
    "mediaconvert": "MediaConvert",
    "secretsmanager": "Secrets Manager",
    "cloudwatch": "CloudWatch",
    "ec2": "EC2",
    "rds": "RDS",
    "kms": "KMS",
    "iam": "IAM",
    "ssm": "Systems Manager",
    "ses": "SES",
    "sesv2": "SES",
    "ecr": "ECR",
    "cloudformation": "CloudFormation",
    "stepfunctions": "Step Functions",
    "textract": "Textract",
    "comprehend": "Comprehend",
    "translate": "Translate",
    "rekognition": "Rekognition",
    "kinesis": "Kinesis",
    "firehose": "Firehose",
    "redshiftdata": "Redshift Data",
    "scheduler": "EventBridge Scheduler",
    "pipes": "EventBridge Pipes",
    "xray": "X-Ray",
    "sts": "STS",
    "ssmincidents": "Incident Manager",
    "opensearch": "OpenSearch",
}
_WAIT_SUFFIXES = (".sync:2", ".sync", ".waitForTaskToken")
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def _service(name: str) -> str:
    known = _SERVICE_NAMES.get(name.lower())
    if known:
        return known
    return name.upper() if len(name) <= 3 else name[:1].upper() + name[1:]


def _action(name: str) -> str:
    return name[:1].upper() + name[1:]


def _mask(text: str) -> tuple[str, dict[str, str]]:
    """Swap ``${Placeholders}`` (which may hold ':') for tokens without ':'; see :func:`_unmask`."""
    mapping: dict[str, str] = {}
    for index, found in enumerate(dict.fromkeys(_PLACEHOLDER.findall(text))):
        token = f"\x00{index}\x00"
        mapping[token] = found
        text = text.replace(found, token)
    return text, mapping


def _unmask(text: str, mapping: Mapping[str, str]) -> str:
    for token, original in mapping.items():
        text = text.replace(token, original)
    return text


def _lambda_name(function: str) -> str:
    """``arn:...:function:NAME:QUALIFIER`` or ``NAME:QUALIFIER`` -> ``NAME``."""
    masked, mapping = _mask(function)
    parts = masked.split(":")
    if "function" in parts:
        after = parts[parts.index("function") + 1 :]
        return _unmask(after[0], mapping) if after else function
    return _unmask(parts[0], mapping) if len(parts) <= 2 else function


def _function_of(parameters: Mapping[str, Any] | None) -> str | None:
    if not isinstance(parameters, Mapping):
        return None
    name = parameters.get("FunctionName")
    if isinstance(name, str):
        expression = jsonata_text(name)
        return f"({expression})" if expression is not None else _lambda_name(name)
    dynamic = parameters.get("FunctionName.$")
    if isinstance(dynamic, str):
        return f"(from {dynamic})"
    return None


def _describe_integration(rest: list[str], parameters: Mapping[str, Any] | None) -> str:
    """``arn:aws:states:::SERVICE:ACTION[.suffix]`` after the empty region/account fields."""
    if len(rest) >= 3 and rest[0] == "aws-sdk":
        return f"{_service(rest[1])} {_action(':'.join(rest[2:]))} (SDK)"
    if len(rest) < 2:
        return ":".join(rest)
    service, action = rest[0], ":".join(rest[1:])
    suffix = ""
    for candidate in _WAIT_SUFFIXES:
        if action.endswith(candidate):
            action, suffix = action[: -len(candidate)], " " + candidate
            break
    if service == "lambda" and action == "invoke":
        function = _function_of(parameters)
        if function is not None:
            return f"Lambda {function}{suffix}"
    return f"{_service(service)} {_action(action)}{suffix}"


def describe_resource(resource: Any, parameters: Mapping[str, Any] | None = None) -> str:
    """A Task resource in short words, e.g. ``Lambda validate-energy``, ``S3 GetObject (SDK)``."""
    if not isinstance(resource, str) or not resource:
        return "(no resource)"
    try:
        masked, mapping = _mask(resource)
        return _unmask(_describe_arn(masked, parameters), mapping)
    except Exception:  # noqa: BLE001 - a label must never crash a view
        return resource


def _describe_arn(resource: str, parameters: Mapping[str, Any] | None) -> str:
    parts = resource.split(":")
    if len(parts) < 6 or parts[0] != "arn":
        return resource
    service, rest = parts[2], parts[5:]
    if service == "states" and not parts[3] and not parts[4]:
        return _describe_integration(rest, parameters)
    if service == "states" and rest[0] == "activity" and len(rest) > 1:
        return f"Activity {rest[1]}"
    if service == "lambda" and rest[0] == "function" and len(rest) > 1:
        return f"Lambda {rest[1]}"
    return f"{_service(service)} {':'.join(rest)}"


_UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))


SECONDS_SHOWN_AS_IS = 120  # below two minutes "90 s" reads better than "1 min 30 s"


def format_duration(seconds: Any) -> str:
    """Seconds in words: ``90`` -> ``90 s``, ``5400`` -> ``1 h 30 min``, ``0`` -> ``0 s``."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return str(seconds)
    if isinstance(seconds, float) and not seconds.is_integer():
        return f"{seconds:g} s"
    remaining = int(seconds)
    if remaining < SECONDS_SHOWN_AS_IS:
        return f"{remaining} s"
    parts = []
    for unit, size in _UNITS:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count:,} {unit}")
    return " ".join(parts)


def _expression_or_path(value: str) -> str:
    expression = jsonata_text(value)
    return expression if expression is not None else value


def describe_wait(state: Mapping[str, Any]) -> str:
    """A Wait state in words: ``wait 90 s``, ``wait until 2024-01-01T00:00:00Z``, ..."""
    raw: Any = state
    if not isinstance(raw, Mapping):
        return "wait"
    seconds = state.get("Seconds")
    if isinstance(seconds, str):
        return f"wait seconds from {_expression_or_path(seconds)}"
    if seconds is not None:
        return f"wait {format_duration(seconds)}"
    timestamp = state.get("Timestamp")
    if isinstance(timestamp, str):
        expression = jsonata_text(timestamp)
        return f"wait until {expression if expression is not None else timestamp}"
    if isinstance(state.get("SecondsPath"), str):
        return f"wait seconds from {state['SecondsPath']}"
    if isinstance(state.get("TimestampPath"), str):
        return f"wait until the time in {state['TimestampPath']}"
    return "wait (no duration)"


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return value


def describe_retry(retrier: Mapping[str, Any]) -> str:
    """A retrier in words, e.g. ``retry ×3 every 1 s (backoff ×2)``; spec defaults fill gaps."""
    raw: Any = retrier
    if not isinstance(raw, Mapping):
        return "retry"
    attempts = _number(retrier.get("MaxAttempts"), 3)
    if attempts <= 0:
        return "no retry"
    interval = _number(retrier.get("IntervalSeconds"), 1)
    backoff = _number(retrier.get("BackoffRate"), 2.0)
    text = f"retry ×{format_value(attempts)} every {format_duration(interval)}"
    if backoff != 1:
        text += f" (backoff ×{backoff:g})"
    max_delay = retrier.get("MaxDelaySeconds")
    if isinstance(max_delay, int | float) and not isinstance(max_delay, bool):
        text += f", at most {format_duration(max_delay)} apart"
    if retrier.get("JitterStrategy") == "FULL":
        text += ", with jitter"
    return text
