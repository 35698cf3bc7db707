"""Local task handlers from a file the user passes explicitly: Python callables or commands."""

from __future__ import annotations

import fnmatch
import importlib
import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from aslstudio.engine import errors
from aslstudio.engine.tasks import TaskCall, is_lambda_function_arn, lambda_invoke_response

LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"


class HandlersError(ValueError):
    """The handlers file is malformed (one-line message)."""


def _check_entry(pattern: str, spec: Any) -> dict[str, Any]:
    if isinstance(spec, Mapping) and isinstance(spec.get("python"), str) and ":" in spec["python"]:
        return dict(spec)
    if (
        isinstance(spec, Mapping)
        and isinstance(spec.get("command"), list)
        and spec["command"]
        and all(isinstance(a, str) for a in spec["command"])
    ):
        return dict(spec)
    raise HandlersError(
        f'handler for \'{pattern}\' must be {{"python": "module:function"}} '
        'or {"command": ["program", "arg", ...]}'
    )


class HandlersSource:
    """Runs local code for Resources matched exactly or by glob, in file order."""

    def __init__(self, data: Any, base: Path) -> None:
        if not isinstance(data, Mapping):
            raise HandlersError(
                "a handlers file must be a JSON object: Resource or glob -> handler"
            )
        self.base = base
        self.entries = [(str(k), _check_entry(str(k), v)) for k, v in data.items()]
        self._callables: dict[str, Callable[[Any], Any]] = {}

    @classmethod
    def load(cls, path: Path) -> HandlersSource:
        """Read a handlers JSON file; HandlersError with a clear message on problems."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise HandlersError(f"{path}: cannot read the handlers file ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise HandlersError(f"{path}: the handlers file is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise HandlersError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise HandlersError(f"{path}: the handlers file is nested too deeply") from None
        try:
            return cls(data, path.resolve().parent)
        except HandlersError as exc:
            raise HandlersError(f"{path}: {exc}") from None

    def _find(self, resource: str) -> dict[str, Any] | None:
        for pattern, spec in self.entries:
            if pattern == resource:
                return spec
        for pattern, spec in self.entries:
            if fnmatch.fnmatchcase(resource, pattern):
                return spec
        return None

    def invoke(self, call: TaskCall) -> tuple[bool, Any]:
        """Run the matching handler; unhandled when no pattern matches the Resource."""
        spec = self._find(call.resource)
        if spec is None:
            return False, None
        invoke_api = call.resource.startswith(LAMBDA_INVOKE)
        payload = call.payload
        if invoke_api and isinstance(payload, Mapping) and "Payload" in payload:
            payload = payload["Payload"]
        if "python" in spec:
            result = self._run_python(spec["python"], payload)
        else:
            result = self._run_command(spec["command"], payload, call.timeout)
        if isinstance(result, Mapping) and "Error" in result and set(result) <= {"Error", "Cause"}:
            raise errors.StatesError(str(result["Error"]), str(result.get("Cause", "")))
        if invoke_api and not is_lambda_function_arn(call.resource):
            return True, lambda_invoke_response(result)
        return True, result

    def _load_callable(self, target: str) -> Callable[[Any], Any]:
        if target not in self._callables:
            module_name, _, func_name = target.partition(":")
            if str(self.base) not in sys.path:
                sys.path.insert(0, str(self.base))
            try:
                module = importlib.import_module(module_name)
                func = getattr(module, func_name)
            except (ImportError, AttributeError) as exc:
                raise errors.StatesError(
                    errors.TASK_FAILED, f"handler '{target}' cannot be loaded: {exc}"
                ) from None
            self._callables[target] = func
        return self._callables[target]

    def _run_python(self, target: str, payload: Any) -> Any:
        func = self._load_callable(target)
        try:
            # The handler gets its own copy and its result is re-read as JSON: user code can
            # neither change the execution's data in place nor return non-JSON values.
            result = func(json.loads(json.dumps(payload)))
        except errors.StatesError:
            raise
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - user code: a task failure
            raise errors.StatesError(type(exc).__name__, str(exc)) from None
        try:
            return json.loads(json.dumps(result))
        except (TypeError, ValueError) as exc:
            cause = f"handler '{target}' returned a value that is not JSON: {exc}"
            raise errors.StatesError(errors.TASK_FAILED, cause) from None

    def _run_command(self, command: list[str], payload: Any, timeout: float | None) -> Any:
        try:
            done = subprocess.run(
                command,
                input=json.dumps(payload),
                capture_output=True,
                encoding="utf-8",
                cwd=self.base,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise errors.StatesError(
                errors.TIMEOUT, f"handler {command[0]} ran longer than {timeout} s"
            ) from None
        except OSError as exc:
            raise errors.StatesError(
                errors.TASK_FAILED, f"handler {command[0]} cannot run: {exc}"
            ) from None
        except UnicodeDecodeError:
            raise errors.StatesError(
                errors.TASK_FAILED, f"handler {command[0]} printed text that is not UTF-8"
            ) from None
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1:] or [""]
            raise errors.StatesError(
                errors.TASK_FAILED, f"handler {command[0]} exited with {done.returncode}: {tail[0]}"
            )
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError as exc:
            raise errors.StatesError(
                errors.TASK_FAILED, f"handler {command[0]} did not print JSON: {exc.msg}"
            ) from None
