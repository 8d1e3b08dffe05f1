"""The rule book per language: every lexicon entry keyed as `flag.X`, `category.X` or `cue.X`.

Flags and categories are the taxonomy's labels; `mention.X` marks a word that only touches
category X and counts when no `category.` phrase is found; cues feed the level decision (harm,
serious harm, procedural violation, demand, formal complaint, proposal, grievance, ...).
"""

from services.intake.domain.classification import (
    lexicon_en, lexicon_en_categories, lexicon_ru, lexicon_ru_categories, lexicon_zh,
    lexicon_zh_categories,
)

Lexicon = dict[str, tuple[str, ...]]  # label -> its phrases

_SOURCES: dict[str, tuple[Lexicon, Lexicon, Lexicon, Lexicon]] = {
    "en": (lexicon_en.FLAGS, lexicon_en_categories.CATEGORIES, lexicon_en_categories.MENTIONS, lexicon_en.CUES),
    "ru": (lexicon_ru.FLAGS, lexicon_ru_categories.CATEGORIES, lexicon_ru_categories.MENTIONS, lexicon_ru.CUES),
    "zh": (lexicon_zh.FLAGS, lexicon_zh_categories.CATEGORIES, lexicon_zh_categories.MENTIONS, lexicon_zh.CUES),
}


def rules_for(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    flags, categories, mentions, cues = _SOURCES[language]
    return (
        tuple((f"flag.{name}", phrases) for name, phrases in flags.items())
        + tuple((f"category.{name}", phrases) for name, phrases in categories.items())
        + tuple((f"mention.{name}", phrases) for name, phrases in mentions.items())
        + tuple((f"cue.{name}", phrases) for name, phrases in cues.items())
    )
