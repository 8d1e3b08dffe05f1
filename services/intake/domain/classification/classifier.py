"""classify(): one complaint text in, one explainable Classification out, in three steps.

1. read(): the rule book reads the text (lexicon hits, negation, the ladder's level, the
   categories, flags; amounts are read in step 3).
2. learned.second_opinion(): a linear model weighs that reading with the text's words and
   settles level, categories and flags (learned.py says how).
3. conclude(): the demanded amount, and the signals behind every label.

Structured fields win over guesses (issue 3): a `refund` demand in the request sets
`refund_demand`, `compensation` sets `compensation_demand`, a recorded representative sets
`representative`, and the `regulator_referral` channel always sets `regulator_threat`.
A payment word right after a sum ("$190 paid on 3 May") describes that sum, not the next one;
in Chinese a money demand opening the next comma-clause ("一共2千元，请原路退回") asks for the sum.
Every label is backed by a Signal naming the rule and quoting the writer's words, or naming
the model's weightiest features. No clock, no randomness, no network: the same input, the
same output.
"""

from collections.abc import Iterable
from functools import lru_cache
from typing import cast

from services.intake.domain.classification import amounts, morphology, negation, phrases, text
from services.intake.domain.classification.language import detect_language, written_in_latin
from services.intake.domain.classification.learned import Opinion, rules_alone, second_opinion
from services.intake.domain.classification.levels import Evidence, decide_level
from services.intake.domain.classification.model import (
    LEVELS, Amount, Classification, Currency, Language, Level, Signal, SignalField,
)
from services.intake.domain.classification.phrases import Hit, compiled, find_hits, indexed, russian_vocabulary
from services.intake.domain.classification.reading import Reading
from services.intake.domain.classification.standing import standing
from services.intake.domain.classification.text import build_clauses

CLASSIFIER_VERSION = "rules-1.5.1+lr-3"
_ASSERTIVE = ("flag.", "cue.demand", "cue.formal", "cue.grievance", "cue.proposal", "cue.imperative")
_LOCAL_ONLY = ("category.", "mention.", "cue.harm", "cue.serious", "cue.violation", "cue.normal")
_HARM_IRRELEVANT = frozenset({"pricing_billing", "wait_time", "environment", "communication"})


def read(text: str, *, channel: str | None = None, language: str | None = None,
         demands: Iterable[str] = (), has_representative: bool = False) -> Reading:
    """Apply the rule book: flags, cues, the level by the ladder's rules, the categories."""
    given_language = language if language in ("zh", "ru", "en") else None
    if language in ("zh", "ru", "en"):
        detected, latin_russian = language, language == "ru" and written_in_latin(text)
    else:
        detected, latin_russian = detect_language(text)
    language = detected
    _prepare(language)
    vocabulary = russian_vocabulary(negation.RU_VOCABULARY) if language == "ru" else None
    clauses = build_clauses(text, language, latin_russian, vocabulary)
    live = [hit for hit in find_hits(clauses, language) if not _negated(hit, clauses, language)]
    live = standing(live)
    signals = [Signal(rule="language.detected" if given_language is None else "language.given",
                      field="language", value=language, evidence=language)]

    flags = {hit.rule[5:]: hit for hit in live if hit.rule.startswith("flag.")}
    structured = {f"demand.{d}": f"{d}_demand" for d in demands if d in ("refund", "compensation")}
    if has_representative:
        structured["representative.recorded"] = "representative"
    if channel == "regulator_referral":
        structured["channel.regulator_referral"] = "regulator_threat"
    for rule, flag in structured.items():
        signals.append(Signal(rule=f"structured.{rule}", field="flag", value=flag, evidence=rule))
    signals += [_signal(hit, "flag", name, language) for name, hit in flags.items()]
    flag_names = frozenset(flags) | frozenset(structured.values())

    cues = {hit.rule[4:] for hit in live if hit.rule.startswith("cue.")}
    categories = _first_hits(live, "category.")
    mentions = _first_hits(live, "mention.")
    evidence = Evidence(
        harm="harm" in cues, serious="serious" in cues,
        violation=bool({"violation", "unsterile"} & cues) or "staff_qualification" in categories,
        demand="demand" in cues, formal="formal" in cues or channel in ("letter", "regulator_referral"),
        proposal="proposal" in cues, grievance="grievance" in cues, no_grievance="no_grievance" in cues,
        praise="praise" in cues, flags=flag_names, categories=frozenset(categories))
    level, level_rule = decide_level(evidence)
    chosen = _categories(categories, mentions, _hit_counts(live), level, "unsterile" in cues)
    evidence_hits = categories if set(categories) & chosen else mentions
    return Reading(language=language, channel=channel, clauses=clauses, live=live, signals=signals,
                   flags=flag_names, structured=frozenset(structured.values()), categories=evidence_hits,
                   level=level, level_rule=level_rule, chosen=frozenset(chosen))


def classify(text: str, *, channel: str | None = None, language: str | None = None,
             demands: Iterable[str] = (), has_representative: bool = False,
             learned: bool = True) -> Classification:
    """The rules' reading, weighed by the learned second opinion (`learned=False`: the rules
    alone, as their own tests specify them)."""
    reading = read(text, channel=channel, language=language, demands=demands,
                   has_representative=has_representative)
    return conclude(text, reading, second_opinion(reading) if learned else rules_alone(reading))


def conclude(text: str, reading: Reading, opinion: Opinion) -> Classification:
    """The classification: the opinion's level, categories and flags, the rules' amount, and
    the signals behind each."""
    language, live = reading.language, reading.live
    signals = [s for s in reading.signals if s.field != "flag" or s.value in opinion.flags]
    level = opinion.level
    if level == reading.level:
        signals += [_signal(hit, "level", level, language) for hit in live
                    if hit.rule[4:] in _LEVEL_CUES.get(reading.level_rule, ())]
        signals.append(Signal(rule=f"level.{reading.level_rule}", field="level", value=level,
                              evidence=reading.level_rule))
    signals += opinion.signals

    chosen = opinion.categories
    signals += [_signal(hit, "category", name, language) for name, hit in reading.categories.items()
                if name in chosen]
    if "clinical_harm" in chosen:
        signals.append(Signal(rule="category.follows_level", field="category", value="clinical_harm",
                              evidence=level))

    amount = _amount(text, reading.clauses, live, language)
    if amount is not None:
        signals.append(Signal(rule=f"{language}.amount.demanded", field="amount",
                              value=f"{amount.value} {amount.currency}", evidence=amount.currency))
    unique = {_signal_key(signal): signal for signal in signals}  # by key: hashing the models is dear
    # The shapes' Literal fields are checked by pydantic as the classification is built.
    return Classification(
        level=cast(Level, level), categories=tuple(sorted(chosen)), flags=tuple(sorted(opinion.flags)),
        amount=amount, language=cast(Language, language), signals=tuple(unique[key] for key in sorted(unique)),
        classifier_version=CLASSIFIER_VERSION)


def forget_memos() -> None:
    """Forget every word, clause and token memo (not the compiled rule book), so that a
    benchmark measures texts the classifier has never seen."""
    morphology.forget_words()
    text.forget_forms()
    phrases.forget_tokens()
    negation._zh_spans.cache_clear()


@lru_cache(maxsize=None)
def _prepare(language: str) -> bool:
    """Compile a language's rule book once, up front, not on the first text that needs a part."""
    if language == "zh":
        compiled(language)
    else:
        indexed(language)
        negation.intent_pattern(language)
        if language == "ru":
            russian_vocabulary(negation.RU_VOCABULARY)
    return True


_LEVEL_CUES = {
    "violation_with_serious_harm": ("serious", "violation", "unsterile"), "claimed_harm": ("harm", "serious"),
    "demand_or_formal_complaint": ("demand", "formal"), "proposal": ("proposal",),
    "grievance": ("grievance",),
}


def _negated(hit: Hit, clauses, language: str) -> bool:
    clause = clauses[hit.clause]
    if hit.rule.startswith(_LOCAL_ONLY):
        return negation.local_negated(clause, hit, language)
    if hit.rule.startswith(_ASSERTIVE):
        return (negation.intent_negated(clause, hit, language)
                or negation.local_negated(clause, hit, language))
    return False


def _first_hits(hits: list[Hit], prefix: str) -> dict[str, Hit]:
    found: dict[str, Hit] = {}
    for hit in hits:
        if hit.rule.startswith(prefix):
            found.setdefault(hit.rule[len(prefix):], hit)
    return found


def _hit_counts(hits: list[Hit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for hit in hits:
        if hit.rule.startswith(("category.", "mention.")):
            name = hit.rule.split(".", 1)[1]
            counts[name] = counts.get(name, 0) + 1
    return counts


_HARM_LEVEL_DROPS = {"dispute": _HARM_IRRELEVANT, "accident": _HARM_IRRELEVANT | {"treatment_outcome"}}


def _categories(found: dict[str, Hit], mentions: dict[str, Hit], counts: dict[str, int], level: str,
                unsterile: bool) -> set[str]:
    """Taxonomy rules: a mention counts only when nothing names the grievance; clinical_harm
    exactly at dispute and accident, where the harm (at accident the violation), not the bill,
    the wait or the result, is the subject, unless the violation is unsterile instruments
    (environment); a remark or a proposal is about one thing."""
    chosen = (set(found) or set(mentions)) - {"clinical_harm"}
    if level in _HARM_LEVEL_DROPS:
        chosen = (chosen - _HARM_LEVEL_DROPS[level]) | {"clinical_harm"} | ({"environment"} if unsterile else set())
    if level in ("feedback", "suggestion") and len(chosen) > 1:
        chosen = {max(sorted(chosen), key=lambda name: counts.get(name, 0))}
    if not chosen:
        chosen = {"feedback": {"environment"}, "suggestion": {"environment"}}.get(level, {"service_attitude"})
    return chosen


def _amount(text: str, clauses, live: list[Hit], language: str) -> Amount | None:
    money_rules = ("flag.refund_demand", "flag.compensation_demand", "cue.demand")
    found: list[amounts.Money] = []
    joined: list[amounts.Money] = []  # demanded because "and" joins them to the sum before
    mentions = amounts.money_mentions(text, language)
    for money in mentions:
        index = next((i for i, c in enumerate(clauses) if c.start <= money.start < c.start + len(c.surface)), None)
        if index is None:
            continue
        clause = clauses[index]
        spans = lambda rules: [(clause.start + _surface_span(clause, h)[0], clause.start + _surface_span(clause, h)[1])
                               for h in live if h.clause == index and h.rule in rules]
        paid = spans(("cue.price_paid",))
        described = amounts.describing(text, mentions, paid, language)
        prices = [(s, e) for s, e in paid if (s, e) not in described and not amounts.attributive(text, e, language)]
        demands = spans(money_rules) + _opening_demands(clauses, live, index + 1, money_rules[:2], language)
        if _total_beside_demand(text, money, live, index, money_rules[:2], language):
            demands.append((money.start, money.end))
        picked = amounts.demanded(money, demands, prices, language)
        if picked is None and found and found[-1].end <= money.start:
            between = [(s, e) for s, e in prices if found[-1].end <= s < money.start]
            picked = amounts.coordinated(found[-1], money, text, clause.start + len(clause.surface), between, language)
            if picked is not None:
                joined.append(picked)
        if picked is not None:
            found.append(picked)
    result = amounts.total(found, joined)
    return Amount(value=result[0], currency=cast(Currency, result[1])) if result else None


def _opening_demands(clauses, live: list[Hit], index: int, rules, language: str) -> list[tuple[int, int]]:
    if language != "zh" or index >= len(clauses):
        return []
    start = clauses[index].start
    return [(start + h.start, start + h.end) for h in live if h.clause == index and h.rule in rules and h.start <= 4]


def _total_beside_demand(text: str, money, live: list[Hit], index: int, rules, language: str) -> bool:
    """In Chinese a list of demanded items often ends in its total in the next comma-clause
    ("要求赔偿医疗费、误工费，共计3.6万元"), or the total comes first ("一共花了4600，这笔钱你们必须出")."""
    if language != "zh" or not amounts.TOTAL_WORD.search(text, max(money.start - 4, 0), money.start):
        return False
    return any(h.clause in (index - 1, index, index + 1) and h.rule in rules for h in live)


def _surface_span(clause, hit: Hit) -> tuple[int, int]:
    if not clause.spans:
        return hit.start, hit.end
    first, last = clause.token_index(hit.start), clause.token_index(hit.end - 1)
    return clause.spans[first][0], clause.spans[min(last, len(clause.spans) - 1)][1]


def _signal(hit: Hit, field: SignalField, value: str, language: str) -> Signal:
    return Signal(rule=f"{language}.{hit.rule}", field=field, value=value, evidence=hit.evidence[:80])


def _signal_key(signal: Signal) -> tuple[str, str, str, str]:
    return signal.field, signal.value, signal.rule, signal.evidence
