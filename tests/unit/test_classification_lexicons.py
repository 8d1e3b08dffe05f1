"""Every lexicon entry is well formed and compiles; the multi-word alternative syntax works;
Chinese phrases are found wherever a full scan would find them, Russian and English ones
wherever trying every indexed phrase at every word would."""

import re

import pytest

from services.intake.domain.classification import negation
from services.intake.domain.classification.language import written_in_latin
from services.intake.domain.classification.lexicon_syntax import entry_problems
from services.intake.domain.classification.lexicons import rules_for
from services.intake.domain.classification.phrases import (
    compiled, find_hits, indexed, phrase_pattern, russian_vocabulary,
)
from services.intake.domain.classification.text import build_clauses
from tests.unit.classifier_tools import by_rules, labelled

pytestmark = pytest.mark.unit


ENTRIES = [(language, rule, entry) for language in ("zh", "ru", "en")
           for rule, entries in rules_for(language) for entry in entries]


@pytest.mark.parametrize("language,rule,entry", ENTRIES, ids=[f"{l}:{r}:{i}" for i, (l, r, _) in enumerate(ENTRIES)])
def test_every_lexicon_entry_is_well_formed_and_compiles(language, rule, entry):
    assert entry_problems(entry, language) == []
    re.compile(phrase_pattern(entry, language))


@pytest.mark.parametrize("entry,language", [
    ("post||share online", "en"), ("~ court", "en"), ("sue ~", "en"), ("a ~ ~ b", "en"),
    ("re*fund", "en"), ("social media|", "en"), (" court", "en"), ("(court)", "en"),
    ("соцсеть*||сеть", "ru"), ("卫健委||12345", "zh"), ("(?:发|", "zh"), ("退?", "zh"), ("|投诉", "zh"),
])
def test_malformed_entries_are_rejected(entry, language):
    assert entry_problems(entry, language)


@pytest.mark.parametrize("text,flag", [
    ("I will share it on social media.", "media_threat"),
    ("Выложу всё в соцсети.", "media_threat"),
    ("Напишу про вас в социальных сетях.", "media_threat"),
    ("I have complained to the state health department.", "regulator_threat"),
])
def test_multi_word_alternatives_match(text, flag):
    assert flag in by_rules(text).flags


def _finditer_scan(clauses, language):
    """The plain reading of _scan's contract: every rule's pattern, finditer over all clauses."""
    joined = "\n".join(clause.norm for clause in clauses)
    starts = [sum(len(c.norm) + 1 for c in clauses[:i]) for i in range(len(clauses))]
    hits = []
    for rule, pattern in compiled(language):
        for match in pattern.finditer(joined):
            if match.end() > match.start():
                index = max(i for i, start in enumerate(starts) if start <= match.start())
                hits.append((rule, index, match.start() - starts[index], match.end() - starts[index]))
    return hits


def test_chinese_phrases_tried_only_at_their_first_characters_find_what_a_full_scan_finds():
    texts = [record["text"] for record in labelled("zh")]
    assert len(texts) > 300
    for text in texts:
        clauses = build_clauses(text, "zh")
        assert [(h.rule, h.clause, h.start, h.end) for h in find_hits(clauses, "zh")] == _finditer_scan(clauses, "zh")


def _every_word_tried(clauses, language):
    """find_hits without its word filter: every phrase filed under a word's prefix, tried there."""
    index, hits = indexed(language), []
    for number, clause in enumerate(clauses):
        position = 1
        for token in clause.norm[1:-1].split(" "):
            entry = index.get(token[:3]) or index.get(token[:2]) or index.get(token[:1])
            for rule, pattern in entry.rules if entry is not None else ():
                match = pattern.match(clause.norm, position)
                if match:
                    hits.append((rule, number, position, match.end()))
            position += len(token) + 1
    return hits


@pytest.mark.parametrize("language", ["ru", "en"])
def test_russian_and_english_phrases_tried_only_at_words_they_can_start_with_find_every_hit(language):
    texts = [record["text"] for record in labelled(language)]
    assert len(texts) > 300
    vocabulary = russian_vocabulary(negation.RU_VOCABULARY) if language == "ru" else None
    for text in texts:
        clauses = build_clauses(text, language, language == "ru" and written_in_latin(text), vocabulary)
        assert [(h.rule, h.clause, h.start, h.end) for h in find_hits(clauses, language)] == \
            _every_word_tried(clauses, language)
