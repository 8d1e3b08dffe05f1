"""The hash chain that lets an auditor prove nothing in the trail was altered or removed:
each entry's hash covers the previous hash and the entry's canonical JSON."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def canonical(envelope: dict) -> bytes:
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link(prev_hash: str, envelope: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(envelope)).hexdigest()


def first_break(entries: Iterable[tuple[int, dict, str, str]]) -> int | None:
    """Given (position, envelope, prev_hash, hash) in order, the first position that does not verify."""
    expected_prev = GENESIS
    for position, envelope, prev_hash, stored in entries:
        if prev_hash != expected_prev or link(prev_hash, envelope) != stored:
            return position
        expected_prev = stored
    return None
