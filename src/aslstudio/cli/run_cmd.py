"""`aslstudio run FILE`: run a machine in the simulator with mocks or handlers; one state alone."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aslstudio.asl.companions import INPUT, MOCKS, SUBSTITUTIONS, companion, machine_stem
from aslstudio.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError, fail, write_out
from aslstudio.engine.definition import DefinitionError, fill_bare, substitute
from aslstudio.engine.execution import Execution, ExecutionOptions
from aslstudio.engine.handlers import HandlersError, HandlersSource
from aslstudio.engine.limits import DEFAULT_MAX_EVENTS
from aslstudio.engine.mocks import MockConfig, MockConfigError
from aslstudio.engine.tasks import ChainSource, TaskSource, is_no_source_cause
from aslstudio.engine.teststate import run_one_state

# Test cases tried, in order, when --test-case is not given and the config has several.
DEFAULT_CASES = ("HappyPath", "default")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of this sub-command."""
    parser.add_argument("file", metavar="FILE", help="an .asl.json / .asl.yaml definition")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--input", metavar="F", help="input JSON file (default: FOO.input.json)")
    source.add_argument("--input-json", metavar="TEXT", help="input given as JSON text")
    parser.add_argument("--mock-config", metavar="F", help="Step Functions Local MockConfigFile")
    parser.add_argument("--test-case", metavar="CASE", help="test case of the mock config")
    parser.add_argument("--state-machine", metavar="NAME", help="machine name in the mock config")
    parser.add_argument("--handlers", metavar="F", help="JSON: Resource/glob -> local handler")
    parser.add_argument("--substitutions", metavar="F", help="JSON object filling ${Name}")
    parser.add_argument("--json", action="store_true", help="print one JSON result line last")
    parser.add_argument("--history-out", metavar="F", help="write the execution history here")
    parser.add_argument("--max-steps", type=int, default=DEFAULT_MAX_EVENTS, metavar="N")
    parser.add_argument("--real-time", action="store_true", help="Wait states really wait")
    parser.add_argument("--s3-root", metavar="DIR", help="local folder standing in for S3")
    parser.add_argument("--seed", type=int, default=0, help="seed for jitter, UUIDs, random")
    parser.add_argument("--state", metavar="NAME", help="run only this state (like TestState)")
    parser.add_argument(
        "--mock", metavar="JSON", help='with --state: {"result": ...} or errorOutput'
    )
    parser.add_argument("--retrier-retry-count", type=int, default=0, metavar="N")


def _read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: the {what} is not UTF-8 text") from None
    return _parse_json(text, str(path), what)


def _parse_json(text: str, where: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{where}:{exc.lineno}:{exc.colno}: the {what} is not JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise UserError(f"{where}: the {what} is nested too deeply") from None


def _load_definition(path: Path) -> Any:
    from aslstudio.asl.errors import AslError
    from aslstudio.asl.parse import load_file

    try:
        return load_file(path)
    except AslError as exc:
        raise UserError(str(exc)) from None


def _check_definition(doc: Any, data: Any) -> None:
    try:
        from aslstudio.validate import Severity, validate_definition
    except ImportError:  # the validator is optional for running
        return
    found = validate_definition(data, source_map=doc.source_map, filename=doc.filename)
    problems = [d for d in found if d.severity is Severity.ERROR]
    if problems:
        for diag in problems[1:]:
            print(diag.to_text(), file=sys.stderr)
        more = f" (and the {len(problems) - 1} more above)" if len(problems) > 1 else ""
        raise UserError(f"invalid definition: {problems[0].to_text()}{more}")


def _input(args: argparse.Namespace, path: Path) -> Any:
    if args.input_json is not None:
        return _parse_json(args.input_json, "--input-json", "input")
    given = Path(args.input) if args.input else companion(path, INPUT)
    return {} if given is None else _read_json(given, "input")


def _pick_case(config: MockConfig, machine: str) -> str:
    cases = config.test_cases(machine)
    if len(cases) == 1:
        return cases[0]
    for name in DEFAULT_CASES:
        if name in cases:
            return name
    raise UserError(
        f"choose a test case with --test-case (machine '{machine}' has: {', '.join(cases)})"
    )


def _pick_machine(config: MockConfig, machine: str, chosen: str | None) -> str:
    names = config.machine_names()
    if machine in names:
        return machine
    if chosen is None and len(names) == 1:
        return names[0]
    how = "" if chosen else "; choose one with --state-machine NAME"
    raise MockConfigError(
        f"the mock config has no state machine '{machine}' (it has: {', '.join(names)}){how}"
    )


def _mock_source(args: argparse.Namespace, path: Path) -> TaskSource | None:
    given = Path(args.mock_config) if args.mock_config else companion(path, MOCKS)
    if given is None:
        if args.test_case:
            raise UserError("--test-case needs a mock config (--mock-config F)")
        return None
    try:
        config = MockConfig(_read_json(given, "mock config"))
        machine = _pick_machine(
            config, args.state_machine or machine_stem(path), args.state_machine
        )
        case = args.test_case or _pick_case(config, machine)
        return config.source(machine, case)
    except MockConfigError as exc:
        raise UserError(f"{given}: {exc}") from None


def _sources(args: argparse.Namespace, path: Path) -> ChainSource:
    sources: list[TaskSource] = []
    mocks = _mock_source(args, path)
    if mocks is not None:
        sources.append(mocks)
    if args.handlers:
        try:
            sources.append(HandlersSource.load(Path(args.handlers)))
        except HandlersError as exc:
            raise UserError(str(exc)) from None
    return ChainSource(sources)


def _definition(args: argparse.Namespace, path: Path) -> Any:
    doc = _load_definition(path)
    subs_path = Path(args.substitutions) if args.substitutions else companion(path, SUBSTITUTIONS)
    data = doc.data
    if subs_path is not None:
        table = _read_json(subs_path, "substitutions")
        if not isinstance(table, dict):
            raise UserError(f"{subs_path}: substitutions must be a JSON object of names to values")
        bare = [(item.pointer, item.name) for item in doc.bare_placeholders]
        data = substitute(fill_bare(data, bare, table), table)
    _check_definition(doc, data)
    return data


def _json_text(value: Any, indent: int | None = None) -> str:
    """JSON text to print or save; ``\\u`` escapes where UTF-8 cannot hold a character.

    A run can make a string holding half a surrogate pair (``States.StringToJson`` of
    ``"\\ud800"``); printing it raw would raise, escaped it stays valid JSON.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, indent=indent)
    return text


def _emit(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        write_out(_json_text(result) + "\n")
        return
    lines = [f"status: {result['status']}"]
    for key in ("output", "error", "cause", "nextState"):
        if key in result:
            lines.append(f"{key}: {_json_text(result[key])}")
    write_out("\n".join(lines) + "\n")


def _run_state(args: argparse.Namespace, definition: Any, data: Any, path: Path) -> int:
    mock = _parse_json(args.mock, "--mock", "mock") if args.mock else None
    if mock is not None and not isinstance(mock, dict):
        raise UserError('--mock must be a JSON object: {"result": ...} or {"errorOutput": {...}}')
    try:
        result = run_one_state(
            definition,
            args.state,
            data,
            mock=mock,
            tasks=None if mock is not None else _sources(args, path),
            retrier_retry_count=args.retrier_retry_count,
        )
    except (DefinitionError, ValueError) as exc:
        raise UserError(str(exc)) from None
    write_out(_json_text(result, indent=None if args.json else 2) + "\n")
    return EXIT_OK if result["status"] in ("SUCCEEDED", "CAUGHT_ERROR") else EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    """Run the machine; exit 0 succeeded, 1 failed or timed out, 2 bad definition or arguments."""
    path = Path(args.file)
    definition = _definition(args, path)
    data = _input(args, path)
    if args.max_steps < 1:
        raise UserError("--max-steps must be at least 1")
    if args.retrier_retry_count < 0:
        raise UserError("--retrier-retry-count must be 0 or more")
    if args.state:
        return _run_state(args, definition, data, path)
    if args.mock or args.retrier_retry_count:
        raise UserError("--mock and --retrier-retry-count only apply with --state NAME")
    options = ExecutionOptions(
        seed=args.seed,
        max_steps=args.max_steps,
        real_time=args.real_time,
        state_machine_name=args.state_machine or machine_stem(path),
        s3_root=Path(args.s3_root) if args.s3_root else None,
    )
    try:
        execution = Execution(definition, data, _sources(args, path), options)
    except DefinitionError as exc:
        raise UserError(f"{path}: invalid definition: {exc}") from None
    status = execution.run()
    if args.history_out:
        _write_history(Path(args.history_out), execution.history)
    result: dict[str, Any] = {"status": status}
    if status == "SUCCEEDED":
        result["output"] = execution.output
    else:
        result.update(error=execution.error, cause=execution.cause)
    _emit(result, args.json)
    if status == "FAILED" and is_no_source_cause(execution.cause):
        # A Task without a mock or handler is a problem with the run's setup, not the machine.
        return fail(execution.cause or "", EXIT_USAGE)
    return EXIT_OK if status == "SUCCEEDED" else EXIT_FAILED


def _write_history(path: Path, events: list[dict[str, Any]]) -> None:
    try:
        path.write_text(_json_text({"events": events}, indent=1), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot write the history ({exc.strerror or exc})") from None
