"""Lexicon phrases compiled into one regular expression per rule, matched clause by clause.

A Russian or English phrase is written in plain words and normalised by the same
lemmatiser/stemmer as the text, so one entry matches every inflected form. Syntax:
`a|b` alternatives for one word, `~` up to four words of any kind, `word*` a prefix of
the normal form. Chinese phrases are regular expressions over the raw characters (`~`
stands for up to six characters). Compilation happens once per language, on first use.
"""

import re
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
        (rule, re.compile("|".join(phrase_pattern(p, language) for p in phrases)))
        for rule, phrases in rules_for(language)
    )


def _first_keys(phrase: str, language: str) -> set[str]:
    keys = set()
    for word in phrase.split()[0].split("|"):
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


def find_hits(clauses: list[Clause], language: str) -> list[Hit]:
    if language == "zh":
        return _scan(clauses, language)
    index, hits, seen = indexed(language), [], set()
    for number, clause in enumerate(clauses):
        position = 1
        for token in clause.norm.split():
            for key in {token[:3], token[:2], token[:1]}:
                for rule, pattern in index.get(key, ()):
                    match = pattern.match(clause.norm, position)
                    if match and (rule, number, position) not in seen:
                        seen.add((rule, number, position))
                        hits.append(Hit(rule, number, position, match.end(),
                                        clause.evidence(position, match.end())))
            position += len(token) + 1
    return hits


def _scan(clauses: list[Clause], language: str) -> list[Hit]:
    hits = []
    for rule, pattern in compiled(language):
        for index, clause in enumerate(clauses):
            for match in pattern.finditer(clause.norm):
                if match.end() > match.start():
                    evidence = clause.evidence(match.start(), match.end())
                    hits.append(Hit(rule, index, match.start(), match.end(), evidence))
    return hits
