"""Lexicon phrases compiled into one regular expression per rule, matched clause by clause.

A Russian or English phrase is written in plain words and normalised by the same
lemmatiser/stemmer as the text, so one entry matches every inflected form. Syntax:
`a|b` alternatives in one slot, `~` up to four words of any kind, `word*` a prefix of
the normal form. An alternative of several words joins them with `_` ("post|share
online|social_media"); a plain space always starts the next slot, so "a|b c" means
"a c" or "b c", never "a" or "b c". lexicon_syntax.py rejects entries that break these rules. Chinese phrases are regular expressions over the raw characters (`~`
stands for up to six characters). Compilation happens once per language, on first use.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from services.intake.domain.classification.lexicons import rules_for
from services.intake.domain.classification.text import Clause, normalise_words


@dataclass(frozen=True)
class Hit:
    rule: str
    clause: int
    start: int
    end: int
    evidence: str


def _word(word: str, language: str) -> str:
    if "_" in word:
        return r"\ ".join(f"(?:{_word(part, language)})" for part in word.split("_"))
    if word.endswith("*"):
        return re.escape(word[:-1].lower()) + r"\S*"
    norm, _ = normalise_words(word, language)
    normal = r"\ ".join(re.escape(part) for part in norm.split())
    if language == "ru" and " " not in word and norm.strip() != word.lower():
        return f"{normal}|{re.escape(word.lower())}"
    return normal


def phrase_pattern(phrase: str, language: str) -> str:
    if language == "zh":
        return phrase.replace("~", ".{0,6}")
    parts = []
    for token in phrase.split():
        if token == "~":
            parts.append(r"(?:\S+\ ){0,4}")
        else:
            choices = "|".join(_word(word, language) for word in token.split("|"))
            parts.append(f"(?:{choices})\\ ")
    return "(?<= )" + "".join(parts)[:-2] + "(?= )"


@lru_cache(maxsize=None)
def compiled(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (rule, re.compile("|".join(phrase_pattern(p, language) for p in phrases), re.MULTILINE))
        for rule, phrases in rules_for(language)
    )


def _first_keys(phrase: str, language: str) -> set[str]:
    keys = set()
    for word in phrase.split()[0].split("|"):
        word = word.split("_")[0]
        if word.endswith("*"):
            keys.add(word[:-1].lower()[:3])
        else:
            keys.add(normalise_words(word, language)[0].split()[0][:3])
    return keys


@lru_cache(maxsize=None)
def indexed(language: str) -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    """Russian and English phrases filed under the first three letters of their first word."""
    index: dict[str, list] = {}
    for rule, phrases in rules_for(language):
        for phrase in phrases:
            pattern = re.compile(phrase_pattern(phrase, language)[len("(?<= )"):])
            for key in _first_keys(phrase, language):
                index.setdefault(key, []).append((rule, pattern))
    return {key: tuple(entries) for key, entries in index.items()}


@lru_cache(maxsize=100_000)
def _candidates(token: str, language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The phrases that can start at a word, by its first three, two or one letters."""
    index, found = indexed(language), {}
    for key in (token[:3], token[:2], token[:1]):
        for entry in index.get(key, ()):
            found.setdefault((entry[0], id(entry[1])), entry)
    return tuple(found.values())


def find_hits(clauses: list[Clause], language: str) -> list[Hit]:
    if language == "zh":
        return _scan(clauses, language)
    hits, seen = [], set()
    for number, clause in enumerate(clauses):
        norm, position = clause.norm, 1
        for token in norm[1:-1].split(" "):
            for rule, pattern in _candidates(token, language):
                match = pattern.match(norm, position)
                if match and (rule, position) not in seen:
                    seen.add((rule, position))
                    hits.append(Hit(rule, number, position, match.end(), clause.evidence(position, match.end())))
            position += len(token) + 1
        seen.clear()
    return hits


def _scan(clauses: list[Clause], language: str) -> list[Hit]:
    """Each rule runs once over all clauses joined by newlines, which no phrase crosses."""
    joined = "\n".join(clause.norm for clause in clauses)
    starts, offset = [], 0
    for clause in clauses:
        starts.append(offset)
        offset += len(clause.norm) + 1
    hits = []
    for rule, pattern in compiled(language):
        for match in pattern.finditer(joined):
            if match.end() > match.start():
                index = bisect_right(starts, match.start()) - 1
                clause, begin = clauses[index], match.start() - starts[index]
                end = match.end() - starts[index]
                hits.append(Hit(rule, index, begin, end, clause.evidence(begin, end)))
    return hits
