"""The lexicon entry syntax, checked: a malformed entry must fail loudly, never match nothing.

Russian and English entries are slots separated by single spaces. A slot is `~` (up to four
words of any kind) or alternatives joined by `|`; an alternative is a word, a word prefix
ending in `*`, or several words joined by `_` ("social_media"). `~` never opens or closes an
entry and never follows another `~`. Chinese entries are regular expressions: they must
compile, have no empty alternative and never match the empty string.
"""

import re

_ALTERNATIVE = re.compile(r"[^\W_][\w'’.&+-]*\*?(?:_[^\W_][\w'’.&+-]*\*?)*")


def entry_problems(entry: str, language: str) -> list[str]:
    if language == "zh":
        return _regex_problems(entry)
    problems = []
    if entry != entry.strip() or "  " in entry or not entry:
        problems.append("stray or doubled spaces")
    slots = entry.split()
    if slots and (slots[0] == "~" or slots[-1] == "~"):
        problems.append("`~` opens or closes the entry")
    if any(a == b == "~" for a, b in zip(slots, slots[1:])):
        problems.append("`~ ~`")
    for slot in slots:
        if slot == "~":
            continue
        for alternative in slot.split("|"):
            if not _ALTERNATIVE.fullmatch(alternative):
                problems.append(f"malformed alternative {alternative!r} in slot {slot!r}")
            elif "*" in alternative.replace("*_", "_").rstrip("*"):
                problems.append(f"`*` inside {alternative!r}")
        if len(set(slot.split("|"))) != len(slot.split("|")):
            problems.append(f"repeated alternative in slot {slot!r}")
    return problems


def _regex_problems(entry: str) -> list[str]:
    pattern = entry.replace("~", ".{0,6}")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return [f"does not compile: {error}"]
    problems = []
    if re.search(r"(?<!\\)\|\||^\||(?<!\\)\|$|\(\?:\||(?<!\\)\|\)", pattern):
        problems.append("empty alternative")
    if compiled.fullmatch(""):
        problems.append("matches the empty string")
    return problems
