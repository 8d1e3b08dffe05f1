"""Lexicon phrases compiled into one regular expression per rule, matched clause by clause.

A Russian or English phrase is written in plain words and normalised by the same
lemmatiser/stemmer as the text, so one entry matches every inflected form. Syntax:
`a|b` alternatives in one slot, `~` up to four words of any kind, `word*` a prefix of
the normal form (in English also the stems the prefix's own inflections reduce to, since
Snowball cuts "compensation" to "compens", shorter than the prefix "compensat"). An alternative of several words joins them with `_` ("post|share
online|social_media"); a plain space always starts the next slot, so "a|b c" means
"a c" or "b c", never "a" or "b c". lexicon_syntax.py rejects entries that break these rules. Chinese phrases are regular expressions over the raw characters (`~`
stands for up to six characters). Compilation happens once per language, on first use.
"""

import re
import re._constants as re_constants
import re._parser as re_parser
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from services.intake.domain.classification.lexicons import rules_for
from services.intake.domain.classification.morphology import english_stem, russian_forms, russian_lemma
from services.intake.domain.classification.text import Clause, Vocabulary, normalise_words


class Hit:
    """A rule matched at [start, end) of a clause's norm; `source` quotes the writer's words.
    A plain class, not a frozen dataclass: dozens are made per complaint, and one of those
    costs three times as much to build, seventeen times when compiled."""
    __slots__ = ("rule", "clause", "start", "end", "source")

    def __init__(self, rule: str, clause: int, start: int, end: int, source: Clause | None = None) -> None:
        self.rule, self.clause, self.start, self.end, self.source = rule, clause, start, end, source

    def __repr__(self) -> str:
        return f"Hit({self.rule!r}, {self.clause}, {self.start}, {self.end})"

    @property
    def evidence(self) -> str:
        """Computed only for the hits that end up in a signal, not for every hit found."""
        return self.source.evidence(self.start, self.end) if self.source is not None else ""


def _word(word: str, language: str) -> str:
    if "_" in word:
        return r"\ ".join(f"(?:{_word(part, language)})" for part in word.split("_"))
    if word.endswith("*"):
        prefix = word[:-1].lower()
        stems = sorted(_inflected_stems(prefix)) if language == "en" else []
        return "|".join([re.escape(prefix) + r"\S*"] + [re.escape(stem) for stem in stems])
    norm, _ = normalise_words(word, language)
    normal = r"\ ".join(re.escape(part) for part in norm.split())
    if language == "ru" and " " not in word and norm.strip() != word.lower():
        return f"{normal}|{re.escape(word.lower())}"
    return normal


_SUFFIXES = ("e", "es", "ed", "ing", "ion", "ions", "ation", "ations", "s", "al", "ity", "ive", "ment")


def _inflected_stems(prefix: str) -> set[str]:
    """Whole-word stems of the prefix's inflections that the prefix itself would miss."""
    found = {english_stem(prefix + suffix) for suffix in ("",) + _SUFFIXES}
    return {stem for stem in found if not stem.startswith(prefix) and len(stem) >= 3}


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


def _first_tokens(phrase: str, language: str) -> str | None:
    """A pattern for the norm tokens the phrase can start with (None: any token), built like
    `_word` builds the whole slot: a word's first normal token, its written form in Russian,
    a prefix with its English stems."""
    slot = phrase.split()[0]
    if slot == "~":
        return None
    choices = []
    for word in slot.split("|"):
        word = word.split("_")[0]
        if word.endswith("*"):
            choices.append(_word(word, language))
            continue
        norm = normalise_words(word, language)[0].split()
        if not norm:
            return None
        choices.append(re.escape(norm[0]))
        if language == "ru":
            choices.append(re.escape(word.lower()))
    return "|".join(choices)


@dataclass(frozen=True)
class Entry:
    """The phrases that can start at a word, by rule (see `indexed`)."""
    starts: re.Pattern | None   # the words they can start with (None: any)
    anything: re.Pattern        # every phrase of the entry, to rule a word out in one match
    rules: tuple[tuple[str, re.Pattern], ...]

    def can_start(self, token: str) -> bool:
        return self.starts is None or self.starts.fullmatch(token) is not None


@lru_cache(maxsize=None)
def indexed(language: str) -> dict[str, Entry]:
    """Russian and English phrases filed under the first three letters of their first word.

    Each key holds, per rule, one pattern: the alternation of that rule's phrases that can
    start at a word with that key, its own phrases first, then those filed under its two- and
    one-letter prefixes, in lexicon order, so a rule matches at a word at most once and with
    the same (first listed) phrase as trying the phrases one by one. In front of them, one
    pattern of every phrase of the key, and one of the words those phrases can start with:
    most words start no phrase, and a word that fails them is ruled out once for all rules."""
    index: dict[str, list[tuple[str, str, str | None]]] = {}
    for rule, phrases in rules_for(language):
        for phrase in phrases:
            pattern = phrase_pattern(phrase, language)[len("(?<= )"):]
            first = _first_tokens(phrase, language)
            for key in _first_keys(phrase, language):
                index.setdefault(key, []).append((rule, pattern, first))
    merged = {}
    for key in index:
        by_rule: dict[str, list[str]] = {}
        firsts: list[str | None] = []
        for prefix in dict.fromkeys((key, key[:2], key[:1])):
            for rule, pattern, first in index.get(prefix, ()):
                if pattern not in by_rule.setdefault(rule, []):
                    by_rule[rule].append(pattern)
                    firsts.append(first)
        starts = None if None in firsts else re.compile("|".join(f"(?:{f})" for f in dict.fromkeys(firsts)))
        anything = re.compile("|".join(f"(?:{p})" for patterns in by_rule.values() for p in patterns))
        merged[key] = Entry(starts, anything, tuple((rule, re.compile("|".join(f"(?:{p})" for p in patterns)))
                                                    for rule, patterns in by_rule.items()))
    return merged


@lru_cache(maxsize=None)
def russian_vocabulary(extra: tuple[str, ...] = ()) -> Vocabulary:
    """The Russian words some rule can read: all forms of every lexicon (and `extra`) word
    with their lemmas, plus the first three letters of `word*` entries, as inflection may change the
    prefix's last letters (соцсеть* / соцсетях); built once, with the rule book."""
    words, prefixes = set(), set()
    for phrase in [p for _, phrases in rules_for("ru") for p in phrases] + list(extra):
        for word in re.split(r"[\s|_]+", phrase.lower()):
            if word.endswith("*"):
                prefixes.add(word[:3])
            elif word and word != "~":
                words.add(word.replace("ё", "е"))
    forms = russian_forms(frozenset(words)) | frozenset(words)
    return Vocabulary({form: russian_lemma(form) for form in sorted(forms)}, tuple(sorted(prefixes)))


def _candidates(token: str, index: dict[str, Entry]) -> Entry | None:
    """The phrases that can start at a word: the entry of its longest indexed prefix, if the
    word is one its phrases can start with."""
    entry = index.get(token[:3]) or index.get(token[:2]) or index.get(token[:1])
    return entry if entry is not None and entry.can_start(token) else None


# Each norm token's entry, per language: the same words recur in every complaint.
_CANDIDATE_MEMOS: dict[str, dict[str, Entry | None]] = {}


def forget_tokens() -> None:
    _CANDIDATE_MEMOS.clear()


def find_hits(clauses: list[Clause], language: str) -> list[Hit]:
    if language == "zh":
        return _scan(clauses, language)
    hits, index = [], indexed(language)
    memo = _CANDIDATE_MEMOS.setdefault(language, {})
    if len(memo) > 200_000:
        memo.clear()
    for number, clause in enumerate(clauses):
        norm, position = clause.norm, 1
        for token in norm[1:-1].split(" "):
            if token in memo:  # not try/except: a raised KeyError is dear in compiled code
                entry = memo[token]
            else:
                entry = memo[token] = _candidates(token, index)
            if entry is not None and entry.anything.match(norm, position):
                for rule, pattern in entry.rules:
                    match = pattern.match(norm, position)
                    if match:
                        hits.append(Hit(rule, number, position, match.end(), clause))
            position += len(token) + 1
    return hits


def _scan(clauses: list[Clause], language: str) -> list[Hit]:
    """Each rule runs over all clauses joined by newlines, which no phrase crosses, trying
    only the characters its phrases can start with: the same matches, left to right and not
    overlapping, as `finditer`, at a fraction of the positions."""
    joined = "\n".join(clause.norm for clause in clauses)
    starts, offset = [], 0
    for clause in clauses:
        starts.append(offset)
        offset += len(clause.norm) + 1
    by_first, anywhere = _by_first_character(language)
    rules = compiled(language)
    found: dict[int, list[tuple[int, int]]] = {}
    for position, character in enumerate(joined):
        for number, pattern in by_first.get(character, anywhere):
            spans = found.setdefault(number, [])
            if spans and spans[-1][1] > position:
                continue
            match = pattern.match(joined, position)
            if match and match.end() > position:
                spans.append((position, match.end()))
    hits = []
    for number in sorted(found):
        for begin, end in found[number]:
            index = bisect_right(starts, begin) - 1
            hits.append(Hit(rules[number][0], index, begin - starts[index], end - starts[index],
                            clauses[index]))
    return hits


Tried = tuple[tuple[int, re.Pattern], ...]  # rules by number, each with the phrases to try


@lru_cache(maxsize=None)
def _by_first_character(language: str) -> tuple[dict[str, Tried], Tried]:
    """For each character, the rules (by number) with a phrase that can start with it, each
    with a pattern of just those phrases and the ones that can start anywhere, in the rule's
    order: where the rule's whole pattern matches, this one matches alike, at less cost. The
    phrases that can start anywhere are tried at every other character."""
    rules = [[(pattern, _first_characters(re_parser.parse(pattern)))
              for pattern in (phrase_pattern(phrase, language) for phrase in phrases)]
             for _, phrases in rules_for(language)]

    def tried(character: str | None) -> Tried:
        found = []
        for number, phrases in enumerate(rules):
            chosen = [pattern for pattern, chars in phrases if chars is None or character in chars]
            if chosen:
                found.append((number, re.compile("|".join(chosen), re.MULTILINE)))
        return tuple(found)
    characters = {character for phrases in rules for _, chars in phrases for character in chars or ()}
    return {character: tried(character) for character in characters}, tried(None)


def _first_characters(items) -> set[str] | None:
    """The characters a match of a parsed pattern can start with; None when it can be any."""
    chars: set[str] = set()
    for op, argument in items:
        if op in (re_constants.ASSERT, re_constants.ASSERT_NOT, re_constants.AT):
            continue  # zero-width: the next item decides the first character
        if op is re_constants.LITERAL:
            return chars | {chr(argument)}
        if op is re_constants.IN and all(kind is re_constants.LITERAL for kind, _ in argument):
            return chars | {chr(code) for _, code in argument}
        if op is re_constants.SUBPATTERN:
            inner = _first_characters(argument[3])
        elif op is re_constants.BRANCH:
            branches = [_first_characters(branch) for branch in argument[1]]
            known = [b for b in branches if b is not None]
            inner = set().union(*known) if len(known) == len(branches) else None
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT):
            inner = _first_characters(argument[2])
            if inner is None:
                return None
            if argument[0] == 0:
                chars |= inner
                continue
        else:
            return None
        if inner is None or _can_be_empty(items, op, argument):
            return None
        return chars | inner
    return None  # a pattern that can match the empty string can start anywhere


def _can_be_empty(items, op, argument) -> bool:
    """Conservative: a group or branch that could match nothing leaves the start open."""
    parsed = re_parser.SubPattern(re_parser.State(), [(op, argument)])
    return parsed.getwidth()[0] == 0
