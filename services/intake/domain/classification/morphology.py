"""Word normalisation per language, done by libraries made for it.

Russian words are lemmatised with pymorphy3 and its Russian dictionary (so Роспотребнадзора
and в Роспотребнадзоре both read роспотребнадзор); English words are reduced with the
Snowball stemmer (PyStemmer); Chinese is segmented with jieba, which tells a standalone
negator (不, 没有) from a word that merely contains one (不适, 不良反应). The analysers are
built on first use, not at import, and each word's normal form is memoised.
"""

import warnings
from functools import lru_cache

import pymorphy3
import Stemmer

with warnings.catch_warnings():
    # jieba 0.42.1 imports pkg_resources, which the pinned setuptools reports as deprecated.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import jieba

_analysers: dict[str, object] = {}


def _morph() -> pymorphy3.MorphAnalyzer:
    if "ru" not in _analysers:
        _analysers["ru"] = pymorphy3.MorphAnalyzer()
    return _analysers["ru"]


def _stemmer() -> Stemmer.Stemmer:
    if "en" not in _analysers:
        _analysers["en"] = Stemmer.Stemmer("english")
    return _analysers["en"]


def _segmenter() -> jieba.Tokenizer:
    if "zh" not in _analysers:
        jieba.setLogLevel(60)
        _analysers["zh"] = jieba.Tokenizer()
    return _analysers["zh"]


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """The most probable normal form; when every dictionary reading of the word shares one
    normal form (most words), it is read straight from the dictionary, skipping the scoring."""
    if not word.isalpha():
        return word
    morph = _morph()
    readings = morph.dictionary.words.similar_items(word, morph.char_substitutes)
    forms = {morph.dictionary.build_normal_form(para, index, fixed)
             for fixed, parses in readings for para, index in parses}
    normal = forms.pop() if len(forms) == 1 else morph.parse(word)[0].normal_form
    return normal.replace("ё", "е")


@lru_cache(maxsize=None)
def russian_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Every inflected form (ё read as е) of every dictionary reading of the given words."""
    morph = _morph()
    return frozenset(form.word.replace("ё", "е") for lemma in lemmas for parse in morph.parse(lemma)
                     for form in parse.lexeme)


@lru_cache(maxsize=200_000)
def russian_word_known(word: str) -> bool:
    return _morph().word_is_known(word)


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    return _stemmer().stemWord(word)


@lru_cache(maxsize=50_000)
def chinese_words(clause: str) -> tuple[str, ...]:
    return tuple(_segmenter().lcut(clause, HMM=False))


def forget_words() -> None:
    """Empty the per-word and per-clause memories, so a benchmark can measure unseen text."""
    for memo in (russian_lemma, russian_word_known, english_stem, chinese_words):
        memo.cache_clear()
