"""Encoding intrinsics: Base64Encode, Base64Decode and Hash."""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
from typing import Any

from aslstudio.engine.intrinsics.base import MAX_STRING, Body, fail
from aslstudio.engine.intrinsics.parser import IntrinsicCall

HASH_ALGORITHMS: dict[str, str] = {
    "MD5": "md5",
    "SHA-1": "sha1",
    "SHA-256": "sha256",
    "SHA-384": "sha384",
    "SHA-512": "sha512",
}


def _check_length(name: str, text: str) -> None:
    if len(text) > MAX_STRING:
        fail(name, f"the input has {len(text)} characters; at most {MAX_STRING} are allowed")


def base64_encode(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.Base64Encode: the UTF-8 bytes of the string in base64."""
    _check_length(call.name, args[0])
    return base64.b64encode(args[0].encode("utf-8")).decode("ascii")


def base64_decode(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.Base64Decode: decode base64 text into a UTF-8 string."""
    _check_length(call.name, args[0])
    try:
        return base64.b64decode(args[0], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        fail(call.name, "the input is not valid base64-encoded UTF-8 text")


def hash_value(args: list[Any], call: IntrinsicCall, rng: random.Random) -> Any:
    """States.Hash: the hex digest of the string with MD5 or a SHA algorithm."""
    data, algorithm = args
    _check_length(call.name, data)
    if algorithm not in HASH_ALGORITHMS:
        supported = ", ".join(HASH_ALGORITHMS)
        fail(call.name, f"unsupported algorithm '{algorithm}'; use one of {supported}")
    digest = hashlib.new(HASH_ALGORITHMS[algorithm], data.encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()


BODIES: dict[str, Body] = {
    "States.Base64Encode": base64_encode,
    "States.Base64Decode": base64_decode,
    "States.Hash": hash_value,
}
