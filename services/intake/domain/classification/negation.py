"""Negated and conditional mentions (classification data README, "flags").

Two scopes. An *intent* negation ("I'm not going to", "не собираюсь", "不打算", "我不会")
cancels the threats and demands that follow it in its clause (up to twelve words); in
Russian and Chinese it also cancels what precedes it when it closes the clause ("писать в
Роспотребнадзор не собираюсь"), also when it closes a comma-delimited part of a longer
clause ("Жаловаться в Минздрав я не планирую, хочу..."; "в прокуратуру писать пока не
будет", where "пока не" is "not for now", not "until"). A negation inside a condition ("if you won't reply",
"если не ответите", "如果不") is not the writer's intent, so the threat after it stands.
A *local* negation ("no pain", "без боли", "осложнений нет", "没有提出其他要求") cancels only the
words it stands next to (up to three). Chinese negators are recognised as words found by jieba, so the
不 in 不适 (discomfort) negates nothing.
"""

import re
from functools import lru_cache

from services.intake.domain.classification.morphology import chinese_words, english_stem
from services.intake.domain.classification.phrases import Hit, phrase_pattern
from services.intake.domain.classification.text import Clause

_INTENT = {
    "en": ("not go to|gonna", "will|would not", "no|not plan*|intention|intend*|wish|want*|seek*|"
           "ask*|demand*|interest*|need*|after|threaten*", "not look to|for", "never", "not be make",
           "have no", "nothing to do with"),
    "ru": ("не собираться|стать|хотеть|планировать|намереваться|требовать|просить|претендовать|"
           "нуждаться|думать|нужно|надо|ждать|пойти|идти", "ничего не ~ требовать|просить|хотеть|нужно",
           "не намерен|намеренный", "не в претензия", "отказываться от"),
}
_LOCAL_BEFORE = {
    "en": frozenset({"no", "not", "without", "never", "none", "nor", "zero", "free"}),
    "ru": frozenset({"нет", "без", "ни", "никакой", "отсутствие", "отсутствовать"}),
}
_RU_NOT_WITH = frozenset({"быть", "иметь", "возникнуть", "появиться", "наблюдаться", "чувствовать"})
_RU_NOT_AFTER = frozenset({"быть", "предъявлять", "выдвигать", "высказывать", "заявлять"})
_CONDITIONAL = {"en": frozenset({"if", "unless"}), "ru": frozenset({"если", "случай", "пока"})}
_RU_CLOSING = re.compile(r"(?<= )не (?:быть|стать|собираться|планировать|хотеть|намереваться)(?= )")
_SEGMENT_END = re.compile(r"[,—–:]")
RU_VOCABULARY = (*_INTENT["ru"], *_LOCAL_BEFORE["ru"], *_RU_NOT_WITH, *_CONDITIONAL["ru"],
                 "не нет никакой быть стать собираться планировать хотеть намереваться", *_RU_NOT_AFTER)
_ZH_INTENT_WORDS = frozenset(
    "不会 不想 不要 不用 不必 不需要 不打算 不准备 没打算 无意 不至于 不求 不图 不愿意 不愿 不再 不追究 "
    "没想 不考虑 并不想 也不要 也不想 不会去".split())
_ZH_NEGATORS = frozenset("不 没 没有 也不 并不 绝不 从不 也没".split())
_ZH_INTENT_LONGEST = max(len(word) for word in _ZH_INTENT_WORDS | _ZH_NEGATORS)
_ZH_INTENT_VERBS = frozenset("会 打算 想 要 准备 用 需要 必 去 求 图 愿意 追究 考虑 计划".split())
_ZH_LOCAL = frozenset("不 没 没有 无 未 并未 从未 毫无 并没有 没什么 并无 未见 无明显 也没 也没有".split())
_ZH_CONDITIONAL = re.compile("如果|要是|假如|万一|再不|若")


@lru_cache(maxsize=None)
def intent_pattern(language: str) -> re.Pattern:
    return re.compile("|".join(phrase_pattern(p, language) for p in _INTENT[language]))


def intent_negated(clause: Clause, hit: Hit, language: str) -> bool:
    if language == "zh":
        return _zh_intent_negated(clause, hit)
    if _negators(language)[0].isdisjoint(clause.token_set):
        return False
    tokens = clause.tokens
    first, last = clause.token_index(hit.start), clause.token_index(hit.end - 1)
    for marker in intent_pattern(language).finditer(clause.norm):
        m_first, m_last = clause.token_index(marker.start()), clause.token_index(marker.end() - 1)
        if _CONDITIONAL[language].intersection(tokens[:m_first]) and not _for_now(tokens, m_first):
            continue
        if m_last < first and first - m_last <= 12:
            return True
        if language == "ru" and m_first > last and (m_last >= len(tokens) - 2 or m_first - last <= 3):
            return True
    return language == "ru" and _closes_segment_after(clause, first, last)


@lru_cache(maxsize=None)
def _negators(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words without which a clause can hold no intent (first) or local (second)
    negation: every intent marker has one of them, so a clause lacking all is read faster."""
    if language == "en":
        return frozenset(english_stem(word) for word in ("not", "no", "never", "nothing")), _LOCAL_BEFORE["en"]
    return frozenset({"не", "отказываться"}), _LOCAL_BEFORE["ru"] | {"не", "нет", "никакой"}


def _for_now(tokens: list[str], m_first: int) -> bool:
    """"пока не буду" is "not for now", the only condition-looking word before the marker."""
    return m_first >= 1 and tokens[m_first - 1] == "пока" and "если" not in tokens[:m_first]


def _closes_segment_after(clause: Clause, first: int, last: int) -> bool:
    """A Russian intent negation that ends a comma-delimited part cancels the threat before
    it in that part ("в прокуратуру, по её словам, писать пока не будет")."""
    spans, surface, tokens = clause.spans, clause.surface, clause.tokens
    if not spans:
        return False
    for marker in _RU_CLOSING.finditer(clause.norm):
        m_first, m_last = clause.token_index(marker.start()), clause.token_index(marker.end() - 1)
        if m_first <= last or m_first - last > 10:
            continue
        gap_after = surface[spans[m_last][1]:spans[m_last + 1][0]] if m_last + 1 < len(spans) else ","
        between = [surface[spans[i][1]:spans[i + 1][0]] for i in range(last, m_first - 1)]
        conditional = _CONDITIONAL["ru"].intersection(tokens[last + 1:m_first]) - {"пока"}
        if _SEGMENT_END.search(gap_after) and not conditional and (
                not any(_SEGMENT_END.search(gap) for gap in between) or m_first - last <= 6):
            return True
    return False


def local_negated(clause: Clause, hit: Hit, language: str) -> bool:
    if language == "zh":
        return _zh_local_negated(clause, hit)
    if _negators(language)[1].isdisjoint(clause.token_set):
        return False
    tokens = clause.tokens
    first, last = clause.token_index(hit.start), clause.token_index(hit.end - 1)
    window = tokens[max(first - 3, 0):first]
    if _LOCAL_BEFORE[language].intersection(window):
        return True
    if language == "ru":
        if first >= 1 and tokens[first - 1] == "не":
            return True
        if any(tokens[i] == "не" and tokens[i + 1] in _RU_NOT_WITH for i in range(max(first - 3, 0), first - 1)):
            return True
        after = tokens[last + 1:last + 4]
        return "нет" in after or "никакой" in after or (after[:1] == ["не"] and len(after) > 1 and after[1] in _RU_NOT_AFTER)
    return False


def _zh_tokens(clause: Clause) -> tuple[tuple[int, int, str], ...]:
    return _zh_spans(clause.surface)


@lru_cache(maxsize=50_000)
def _zh_spans(surface: str) -> tuple[tuple[int, int, str], ...]:
    spans, cursor = [], 0
    for word in chinese_words(surface):
        spans.append((cursor, cursor + len(word), word))
        cursor += len(word)
    return tuple(spans)


def _zh_intent_negated(clause: Clause, hit: Hit) -> bool:
    # An intent word holds a negator and counts only before the hit or closing the clause (the
    # test below): without a negator in those two places there is no need to segment.
    surface = clause.surface
    closing = max(hit.end, len(surface.strip()) - 3 - _ZH_INTENT_LONGEST)
    if not any(ch in surface[:hit.start] or ch in surface[closing:] for ch in "不没无"):
        return False
    words = _zh_tokens(clause)
    for i, (start, end, word) in enumerate(words):
        following = words[i + 1][2] if i + 1 < len(words) else ""
        if word not in _ZH_INTENT_WORDS and not (word in _ZH_NEGATORS and following in _ZH_INTENT_VERBS):
            continue
        if _ZH_CONDITIONAL.search(clause.surface[:start]):
            continue
        if end <= hit.start or (start >= hit.end and len(clause.surface.strip()) - end <= 3):
            return True
    return False


def _zh_local_negated(clause: Clause, hit: Hit) -> bool:
    # Every negator counted below starts before the hit: without one there, no need to segment.
    before_hit = clause.surface[:hit.start]
    if not any(ch in before_hit for ch in "不没无未"):
        return False
    words = _zh_tokens(clause)
    before = [w for s, e, w in words if e <= hit.start][-3:]
    inside = [w for s, e, w in words if s < hit.start < e]
    return bool(_ZH_LOCAL.intersection(before)) or any(w[0] in "不没无未" for w in inside)
