"""The one table of ASL error names, and the exception the engine raises for them."""

from __future__ import annotations

ALL = "States.ALL"
HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout"
TIMEOUT = "States.Timeout"
TASK_FAILED = "States.TaskFailed"
PERMISSIONS = "States.Permissions"
RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure"
PARAMETER_PATH_FAILURE = "States.ParameterPathFailure"
QUERY_EVALUATION_ERROR = "States.QueryEvaluationError"
BRANCH_FAILED = "States.BranchFailed"
NO_CHOICE_MATCHED = "States.NoChoiceMatched"
INTRINSIC_FAILURE = "States.IntrinsicFailure"
EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold"
ITEM_READER_FAILED = "States.ItemReaderFailed"
RESULT_WRITER_FAILED = "States.ResultWriterFailed"
RUNTIME = "States.Runtime"
DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded"

# Every predefined name, as listed in the ASL specification and the AWS Developer Guide.
PREDEFINED: frozenset[str] = frozenset(
    {
        ALL,
        HEARTBEAT_TIMEOUT,
        TIMEOUT,
        TASK_FAILED,
        PERMISSIONS,
        RESULT_PATH_MATCH_FAILURE,
        PARAMETER_PATH_FAILURE,
        QUERY_EVALUATION_ERROR,
        BRANCH_FAILED,
        NO_CHOICE_MATCHED,
        INTRINSIC_FAILURE,
        EXCEED_TOLERATED_FAILURE_THRESHOLD,
        ITEM_READER_FAILED,
        RESULT_WRITER_FAILED,
        RUNTIME,
        DATA_LIMIT_EXCEEDED,
    }
)

# Errors that no Retry or Catch can handle, not even one naming States.ALL.
UNCATCHABLE: frozenset[str] = frozenset({RUNTIME, DATA_LIMIT_EXCEEDED})


class StatesError(Exception):
    """An ASL error with its name (``States.*`` or a task's own) and a cause text."""

    def __init__(self, error: str, cause: str = "") -> None:
        super().__init__(f"{error}: {cause}" if cause else error)
        self.error = error
        self.cause = cause

    @property
    def catchable(self) -> bool:
        """Whether a Retry or Catch may handle this error at all."""
        return self.error not in UNCATCHABLE


class ExpressionSyntaxError(ValueError):
    """An expression text (a JSONPath, an intrinsic call) that cannot be parsed.

    ``offset`` is the 0-based position of the problem in ``text``.
    """

    def __init__(self, message: str, offset: int, text: str = "") -> None:
        super().__init__(f"{message} (at offset {offset})")
        self.message = message
        self.offset = offset
        self.text = text

    def excerpt(self) -> str:
        """The expression text with a caret under the offending character."""
        return f"{self.text}\n{' ' * self.offset}^"
