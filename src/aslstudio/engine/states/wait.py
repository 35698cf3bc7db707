"""The Wait state: Seconds, SecondsPath, Timestamp or TimestampPath on the execution's clock."""

from __future__ import annotations

from typing import Any

from aslstudio.engine import dataflow as df
from aslstudio.engine import errors
from aslstudio.engine.paths import select
from aslstudio.engine.runtime import Transition, Visit
from aslstudio.engine.timestamps import parse_timestamp

# state-wait.html: "an integer value from 0 up to 99999999" seconds.
MAX_WAIT_SECONDS = 99_999_999


def _seconds(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise errors.StatesError(
            errors.RUNTIME,
            f"The {where} value {value!r} is not a non-negative integer number of seconds",
        )
    if value > MAX_WAIT_SECONDS:
        raise errors.StatesError(
            errors.RUNTIME,
            f"The {where} value {value} is more than the {MAX_WAIT_SECONDS} seconds a Wait "
            "may last",
        )
    return value


def _wait(v: Visit, seconds: Any, timestamp: Any, where: str) -> None:
    clock = v.rt.clock
    if seconds is not None:
        clock.advance(_seconds(seconds, where))
        return
    if not isinstance(timestamp, str) or (moment := parse_timestamp(timestamp)) is None:
        raise errors.StatesError(
            errors.RUNTIME, f"The {where} value {timestamp!r} is not an RFC 3339 timestamp"
        )
    # state-wait.html: a timestamp counts up to seconds; its milliseconds are truncated.
    clock.advance_to(moment.replace(microsecond=0))


def run(v: Visit) -> Transition:
    """Let time pass (virtually unless real time was asked for), then pass the input on."""
    body = v.body
    if v.sdef.jsonata:
        env = df.bindings(v)
        seconds = (
            df.render(body["Seconds"], env, "Seconds", rng=v.rt.rng) if "Seconds" in body else None
        )
        stamp = df.render(body.get("Timestamp"), env, "Timestamp", rng=v.rt.rng)
        _wait(v, seconds, stamp, "Seconds" if seconds is not None else "Timestamp")
        output, assigned = df.finish_jsonata(v, df.MISSING, v.raw)
        return Transition(output, body.get("Next"), assigned)
    eff = df.effective_input(v)
    if "Seconds" in body:
        _wait(v, body["Seconds"], None, "Seconds")
    elif "SecondsPath" in body:
        value = select(eff, body["SecondsPath"], v.ctx, v.variables, field="SecondsPath")
        _wait(v, value, None, "SecondsPath")
    elif "TimestampPath" in body:
        value = select(eff, body["TimestampPath"], v.ctx, v.variables, field="TimestampPath")
        _wait(v, None, value, "TimestampPath")
    else:
        _wait(v, None, body.get("Timestamp"), "Timestamp")
    assigned = df.assign_jsonpath(v, body.get("Assign"), eff)
    return Transition(df.output_path(v, eff), body.get("Next"), assigned)
