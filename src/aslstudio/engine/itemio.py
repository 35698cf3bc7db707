"""Distributed Map I/O on a local folder standing in for S3: reader, batcher, writer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aslstudio.engine import errors


def _object_path(root: Path | None, bucket: Any, key: Any) -> Path:
    if root is None:
        raise errors.StatesError(
            errors.ITEM_READER_FAILED,
            "No local folder stands in for S3: give --s3-root DIR (buckets are its sub-folders).",
        )
    if not isinstance(bucket, str) or not isinstance(key, str):
        raise errors.StatesError(
            errors.ITEM_READER_FAILED, "ItemReader needs string Bucket and Key"
        )
    path = (root / bucket / key).resolve()
    if not path.is_relative_to(root.resolve()):
        raise errors.StatesError(errors.ITEM_READER_FAILED, f"The key '{key}' leaves the S3 folder")
    return path


def _parse_csv(text: str, config: Mapping[str, Any]) -> list[Any]:
    delimiter = {"SEMICOLON": ";", "PIPE": "|", "TAB": "\t", "SPACE": " "}.get(
        str(config.get("CSVDelimiter", "COMMA")), ","
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if config.get("CSVHeaderLocation") == "GIVEN":
        headers = [str(h) for h in config.get("CSVHeaders", [])]
    else:
        headers, rows = (rows[0], rows[1:]) if rows else ([], [])
    return [dict(zip(headers, row, strict=False)) for row in rows if row]


def _parse(text: str, input_type: str, config: Mapping[str, Any], key: str) -> list[Any]:
    try:
        if input_type == "CSV":
            return _parse_csv(text, config)
        if input_type == "JSONL":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        items = json.loads(text)
    except (json.JSONDecodeError, csv.Error) as exc:
        raise errors.StatesError(
            errors.ITEM_READER_FAILED, f"Cannot parse '{key}' as {input_type}: {exc}"
        ) from None
    if not isinstance(items, list):
        raise errors.StatesError(
            errors.ITEM_READER_FAILED, f"The JSON object '{key}' is not an array"
        )
    return items


def _list_objects(root: Path | None, params: Mapping[str, Any]) -> list[Any]:
    prefix = str(params.get("Prefix", ""))
    base = _object_path(root, params.get("Bucket"), ".")
    out = []
    for path in sorted(base.rglob("*")):
        key = path.relative_to(base).as_posix()
        if path.is_file() and key.startswith(prefix):
            out.append({"Key": key, "Size": path.stat().st_size, "StorageClass": "STANDARD"})
    return out


def read_items(
    reader: Mapping[str, Any], params: Mapping[str, Any], root: Path | None
) -> list[Any]:
    """The items an ItemReader yields, from files under ``root/<Bucket>/<Key>``."""
    resource = str(reader.get("Resource", ""))
    config = reader.get("ReaderConfig", {})
    config = config if isinstance(config, Mapping) else {}
    if resource.endswith("s3:listObjectsV2"):
        items = _list_objects(root, params)
    else:
        path = _object_path(root, params.get("Bucket"), params.get("Key"))
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise errors.StatesError(
                errors.ITEM_READER_FAILED,
                f"Cannot read s3://{params.get('Bucket')}/{params.get('Key')}: {exc.strerror}",
            ) from None
        items = _parse(text, str(config.get("InputType", "JSON")), config, str(params.get("Key")))
    limit = config.get("MaxItems")
    return items[:limit] if isinstance(limit, int) and limit > 0 else items


def batch(items: list[Any], batcher: Mapping[str, Any], batch_input: Any) -> list[Any]:
    """Group items as ItemBatcher does: ``{"BatchInput": ..., "Items": [...]}`` per batch."""
    max_items = batcher.get("MaxItemsPerBatch")
    max_bytes = batcher.get("MaxInputBytesPerBatch")
    size_cap = max_items if isinstance(max_items, int) and max_items > 0 else len(items) or 1
    batches: list[Any] = []
    current: list[Any] = []
    used = 0
    for item in items:
        item_bytes = len(json.dumps(item, separators=(",", ":")).encode())
        over_bytes = isinstance(max_bytes, int) and current and used + item_bytes > max_bytes
        if len(current) >= size_cap or over_bytes:
            batches.append(current)
            current, used = [], 0
        current.append(item)
        used += item_bytes
    if current:
        batches.append(current)
    out = []
    for group in batches:
        entry: dict[str, Any] = {"Items": group}
        if batch_input is not None:
            entry["BatchInput"] = batch_input
        out.append(entry)
    return out


def write_results(
    params: Mapping[str, Any], root: Path | None, run_id: str, outcomes: list[dict[str, Any]]
) -> dict[str, Any]:
    """ResultWriter: write manifest and SUCCEEDED/FAILED files; returns ResultWriterDetails."""
    if root is None:
        raise errors.StatesError(
            errors.RESULT_WRITER_FAILED, "No local folder stands in for S3 (--s3-root)"
        )
    bucket = str(params.get("Bucket", ""))
    prefix = str(params.get("Prefix", "")).strip("/")
    key_base = f"{prefix}/{run_id}" if prefix else run_id
    folder = root / bucket / key_base
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for status in ("SUCCEEDED", "FAILED"):
            chosen = [o for o in outcomes if o["Status"] == status]
            name = f"{status}_0.json"
            (folder / name).write_text(json.dumps(chosen, indent=1), encoding="utf-8")
            files.append({"Key": f"{key_base}/{name}", "Size": len(chosen)})
        manifest = {"DestinationBucket": bucket, "MapRunArn": run_id, "ResultFiles": files}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    except OSError as exc:
        raise errors.StatesError(
            errors.RESULT_WRITER_FAILED, f"Cannot write results: {exc}"
        ) from None
    return {"Bucket": bucket, "Key": f"{key_base}/manifest.json"}
