"""Which of the three supported languages a complaint is written in.

Chinese when Han characters make up a tenth of the letters (code-mixed "做完 root canal 之后"
is Chinese), Russian when Cyrillic outnumbers Latin, and Latin-script text is read as
transliterated Russian when it has almost no English function words but its words, put back
into Cyrillic, are known to the Russian dictionary. Anything else is English.
"""

import re

from services.intake.domain.classification.morphology import russian_word_known
from services.intake.domain.classification.transliteration import to_cyrillic

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]+")  # both cases spelt out: IGNORECASE doubles the scan's cost
_LATIN = re.compile(r"[a-zA-Z]+")
_WORD = re.compile(r"[a-z']+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the an and or but you he she it we they my your his her our their is are was were "
    "be been have has had do did does not no to of in on at for with from by this that "
    "what which who me him them will would can could should there here as so if".split())


def detect_language(text: str) -> tuple[str, bool]:
    """Return (language, written_in_latin_letters_although_russian)."""
    han, cyrillic, latin = _letters(_HAN, text), _letters(_CYRILLIC, text), _letters(_LATIN, text)
    if han and han * 10 >= han + cyrillic + latin:
        return "zh", False
    if cyrillic > latin:
        return "ru", False
    return ("ru", True) if _looks_transliterated(text) else ("en", False)


def _looks_transliterated(text: str) -> bool:
    words = _WORD.findall(text.lower())
    if len(words) < 4:
        return False
    english = sum(word in _ENGLISH_FUNCTION_WORDS for word in words)
    if english / len(words) > 0.08:
        return False
    long_words = [word for word in words if len(word) > 3]
    known = sum(russian_word_known(to_cyrillic(word)) for word in long_words)
    return bool(long_words) and known / len(long_words) >= 0.3


def written_in_latin(text: str) -> bool:
    latin = _letters(_LATIN, text)
    return latin > 0 and latin > _letters(_CYRILLIC, text)  # no Latin letter (most texts): no count needed


def _letters(script: re.Pattern, text: str) -> int:
    """How many letters of a script the text has, counted run by run (fewer matches)."""
    return sum(map(len, script.findall(text)))
