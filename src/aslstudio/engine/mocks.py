"""Step Functions Local's MockConfigFile, read unchanged: test cases, per-call responses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from aslstudio.engine import errors
from aslstudio.engine.tasks import TaskCall


class MockConfigError(ValueError):
    """The mock config is malformed or does not name what was asked for (one-line message)."""


def _parse_range(key: str, response: str) -> tuple[int, int]:
    first, sep, last = key.partition("-")
    try:
        low = int(first)
        high = int(last) if sep else low
    except ValueError:
        raise MockConfigError(
            f"mocked response '{response}': key '{key}' is not an invocation number "
            "or a range like '1-2'"
        ) from None
    if low < 0 or high < low:
        raise MockConfigError(f"mocked response '{response}': '{key}' is not a valid range")
    return low, high


class MockedResponse:
    """One named response: an ordered list of (first, last, {"Return"|"Throw": ...}) entries."""

    def __init__(self, name: str, body: Any) -> None:
        if not isinstance(body, Mapping) or not body:
            raise MockConfigError(f"mocked response '{name}' must be an object like {{\"0\": ...}}")
        self.name = name
        self.entries: list[tuple[int, int, Mapping[str, Any]]] = []
        for key, entry in body.items():
            low, high = _parse_range(str(key), name)
            if not isinstance(entry, Mapping) or not ({"Return", "Throw"} & entry.keys()):
                raise MockConfigError(
                    f"mocked response '{name}' entry '{key}' needs 'Return' or 'Throw'"
                )
            self.entries.append((low, high, entry))
        self.entries.sort(key=lambda e: e[0])

    def answer(self, invocation: int, state: str) -> Any:
        """The result for the 0-based ``invocation``; raises StatesError for a Throw."""
        for low, high, entry in self.entries:
            if low <= invocation <= high:
                if "Throw" in entry:
                    throw = entry["Throw"] if isinstance(entry["Throw"], Mapping) else {}
                    raise errors.StatesError(
                        str(throw.get("Error", errors.TASK_FAILED)), str(throw.get("Cause", ""))
                    )
                return entry["Return"]
        raise errors.StatesError(
            errors.RUNTIME,
            f"The mocked response '{self.name}' for state '{state}' has no entry for invocation "
            f'{invocation} (keys are 0-based; add e.g. "{invocation}": {{"Return": ...}}).',
        )


class MockConfig:
    """A parsed MockConfigFile."""

    def __init__(self, data: Any) -> None:
        if not isinstance(data, Mapping):
            raise MockConfigError("a mock config must be a JSON object with 'StateMachines'")
        machines = data.get("StateMachines")
        responses = data.get("MockedResponses", {})
        if not isinstance(machines, Mapping):
            raise MockConfigError("the mock config has no 'StateMachines' object")
        if not isinstance(responses, Mapping):
            raise MockConfigError("'MockedResponses' must be an object")
        self.machines: Mapping[str, Any] = machines
        self.responses = {name: MockedResponse(name, body) for name, body in responses.items()}

    def machine_names(self) -> list[str]:
        """The state machine names the config has test cases for."""
        return list(self.machines)

    def test_cases(self, machine: str) -> list[str]:
        """The test case names of ``machine``."""
        body = self.machines.get(machine)
        cases = body.get("TestCases") if isinstance(body, Mapping) else None
        return list(cases) if isinstance(cases, Mapping) else []

    def source(self, machine: str, test_case: str) -> MockSource:
        """A task source answering from ``test_case`` of ``machine``; MockConfigError if unknown."""
        if machine not in self.machines:
            known = ", ".join(self.machines) or "none"
            raise MockConfigError(
                f"the mock config has no state machine '{machine}' (has: {known})"
            )
        cases = (
            self.machines[machine].get("TestCases")
            if isinstance(self.machines[machine], Mapping)
            else None
        )
        if not isinstance(cases, Mapping) or test_case not in cases:
            known = ", ".join(cases) if isinstance(cases, Mapping) else "none"
            raise MockConfigError(
                f"state machine '{machine}' has no test case '{test_case}' (has: {known})"
            )
        mapping = cases[test_case]
        if not isinstance(mapping, Mapping):
            raise MockConfigError(f"test case '{test_case}' must map state names to responses")
        for state, response in mapping.items():
            if response not in self.responses:
                raise MockConfigError(
                    f"test case '{test_case}' maps state '{state}' to '{response}', "
                    "which is not in MockedResponses"
                )
        return MockSource({s: self.responses[r] for s, r in mapping.items()})


class MockSource:
    """Answers Task calls from one test case; responses consumed per state name, in call order."""

    def __init__(self, responses: Mapping[str, MockedResponse]) -> None:
        self.responses = responses
        self.calls: Counter[str] = Counter()

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """The mocked result for ``call.state``; unhandled when the test case omits the state."""
        response = self.responses.get(call.state)
        if response is None:
            return False, None
        invocation = self.calls[call.state]
        self.calls[call.state] = invocation + 1
        return True, response.answer(invocation, call.state)
