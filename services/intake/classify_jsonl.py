"""JSON Lines in, JSON Lines out: the body of the `redress classify` command.

Each input line is an object with `text` and optionally `id`, `channel`, `language`; each
output line carries `id`, `level`, `categories`, `flags`, `amount`, `language`, `signals`.
A line that cannot be classified yields `{"id": ..., "error": "..."}` and the rest go on.
"""

import json
from collections.abc import Iterable, Iterator

from services.intake.domain.classification import classify


def classify_lines(lines: Iterable[str]) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield json.dumps(_classify_line(line, number), ensure_ascii=False)


def _classify_line(line: str, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"line {number}: not valid JSON ({error.msg})"}
    if not isinstance(record, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    case_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"id": case_id, "error": f"line {number}: field 'text' is missing or empty"}
    channel, language = record.get("channel"), record.get("language")
    if language is not None and language not in ("zh", "ru", "en"):
        return {"id": case_id, "error": f"line {number}: language must be zh, ru or en"}
    result = classify(text, channel=channel if isinstance(channel, str) else None, language=language)
    amount = result.amount
    return {
        "id": case_id, "level": result.level, "categories": list(result.categories),
        "flags": list(result.flags),
        "amount": None if amount is None else {"value": float(amount.value), "currency": amount.currency},
        "language": result.language,
        "signals": [signal.model_dump() for signal in result.signals],
    }
