"""Every lexicon entry is well formed and compiles; the multi-word alternative syntax works."""

import re

import pytest

from services.intake.domain.classification import classify
from services.intake.domain.classification.lexicon_syntax import entry_problems
from services.intake.domain.classification.lexicons import rules_for
from services.intake.domain.classification.phrases import phrase_pattern

pytestmark = pytest.mark.unit


def by_rules(text, **kwargs):
    """The rule book alone (no learned second opinion): these tests specify the rules."""
    return classify(text, learned=False, **kwargs)

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
