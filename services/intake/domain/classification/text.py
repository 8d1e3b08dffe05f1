"""A complaint text cut into clauses, each with its words in normal form.

Clauses end at sentence punctuation, at contrastive or alternative conjunctions (but, но,
但是, otherwise, иначе, 否则) and, in Chinese, at commas: a negation never reaches across
a clause boundary, so "I won't sue, but I want a refund" keeps the refund demand. Russian
and English words are replaced by lemma/stem ("norm"), and every norm token remembers
where it stands in the original text so that evidence quotes the writer's own words.
Given the rule book's Russian vocabulary (every form of every lexicon word with its lemma,
and the prefixes of `word*` entries), a form of a lexicon word is looked up, and a word
outside it is kept as written: no rule can read it except as one of the words a `~` skips,
so asking pymorphy3 for its lemma is wasted work.
"""

import re
from dataclasses import dataclass

from services.intake.domain.classification.morphology import english_stem, russian_lemma
from services.intake.domain.classification.transliteration import to_cyrillic

_BOUNDARY = {
    "zh": re.compile(r"[。！？；，,!?;\n]+|但是|但|不过|可是|否则|不然|要不然"),
    "ru": re.compile(
        r"[!?;\n]+|\.(?=\s+(?-i:[^a-zа-яё\s])|\s*$)|(?<!\w)(?:но|однако|иначе|а то|"
        r"no|odnako|inache)(?!\w)", re.IGNORECASE),
    "en": re.compile(
        r"[!?;\n]+|\.(?=\s+(?-i:[^a-z\s])|\s*$)|(?<!\w)(?:but|however|although|though|"
        r"otherwise|or else)(?!\w)", re.IGNORECASE),
}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_CONTRACTIONS = {
    "won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
    "i'm": ("i", "am"), "i'll": ("i", "will"), "i'd": ("i", "would"), "i've": ("i", "have"),
}


class Clause:
    """One clause: where it starts in the text, its words as written (`surface`) and in normal
    form (`norm`, space-delimited), and each norm token's span in the surface. A plain
    class, for the reason Hit is one (phrases.py)."""
    __slots__ = ("start", "surface", "norm", "spans", "_tokens", "_token_set")

    def __init__(self, start: int, surface: str, norm: str, spans: tuple[tuple[int, int], ...]) -> None:
        self.start, self.surface, self.norm, self.spans = start, surface, norm, spans
        self._tokens: list[str] | None = None
        self._token_set: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"Clause({self.start}, {self.surface!r})"

    def evidence(self, norm_start: int, norm_end: int) -> str:
        if not self.spans:
            return self.surface[norm_start:norm_end].strip()
        first = self.norm.count(" ", 0, norm_start + 1) - 1
        last = self.norm.count(" ", 0, max(norm_end, norm_start + 1)) - 1
        first, last = max(first, 0), min(last, len(self.spans) - 1)
        return self.surface[self.spans[first][0]:self.spans[last][1]]

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = self.norm.split()
        return self._tokens

    @property
    def token_set(self) -> frozenset[str]:
        if self._token_set is None:
            self._token_set = frozenset(self.tokens)
        return self._token_set

    def token_index(self, norm_pos: int) -> int:
        return self.norm.count(" ", 0, norm_pos + 1) - 1


def split_clauses(text: str, language: str) -> list[tuple[int, str]]:
    pieces, cursor = [], 0
    for boundary in _BOUNDARY[language].finditer(text):
        pieces.append((cursor, text[cursor:boundary.start()]))
        cursor = boundary.end()
    pieces.append((cursor, text[cursor:]))
    return [(start, piece) for start, piece in pieces if piece.strip()]


def _english_tokens(word: str) -> tuple[str, ...]:
    word = word.replace("’", "'")
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("n't"):
        return (word[:-3], "not")
    if word.endswith("'s") or word.endswith("'ll") or word.endswith("'re") or word.endswith("'ve"):
        return (word.split("'")[0],)
    return (word,)


# Each word's normal forms, per (language, written in Latin): the same words recur in every
# complaint. A plain dict, not lru_cache: one lookup of the word alone per word read.
_FORM_MEMOS: dict[tuple[str, bool], dict[str, tuple[str, ...]]] = {}


def forget_forms() -> None:
    _FORM_MEMOS.clear()


def _forms(word: str, language: str, latin_russian: bool) -> tuple[str, ...]:
    if language == "ru":
        return (russian_lemma(to_cyrillic(word) if latin_russian else word.replace("ё", "е")),)
    return tuple(english_stem(part) for part in _english_tokens(word))


@dataclass(frozen=True)
class Vocabulary:
    lemmas: dict[str, str]      # every form of every lexicon word -> its lemma, built with the rule book
    prefixes: tuple[str, ...]


def normalise_words(text: str, language: str, latin_russian: bool = False,
                    vocabulary: Vocabulary | None = None) -> tuple[str, tuple]:
    tokens, spans = [], []
    memo = _FORM_MEMOS.setdefault((language, latin_russian), {})
    if len(memo) > 200_000:
        memo.clear()
    for match in _WORD.finditer(text.lower()):
        if vocabulary is not None:
            word = (to_cyrillic(match.group()) if latin_russian else match.group()).replace("ё", "е")
            lemma = vocabulary.lemmas.get(word)
            if lemma is not None or not word.startswith(vocabulary.prefixes):
                tokens.append(word if lemma is None else lemma)
                spans.append(match.span())
                continue
        word = match.group()
        forms = memo.get(word)
        if forms is None:
            forms = memo[word] = _forms(word, language, latin_russian)
        for form in forms:
            tokens.append(form)
            spans.append(match.span())
    return " " + " ".join(tokens) + " ", tuple(spans)


def build_clauses(text: str, language: str, latin_russian: bool = False,
                  vocabulary: Vocabulary | None = None) -> list[Clause]:
    clauses = []
    for start, piece in split_clauses(text, language):
        if language == "zh":
            clauses.append(Clause(start, piece, piece.lower(), ()))
        else:
            norm, spans = normalise_words(piece, language, latin_russian, vocabulary)
            clauses.append(Clause(start, piece, norm, spans))
    return clauses
