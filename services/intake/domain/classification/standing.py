"""Which lexicon hits stand once the whole clause is read (taxonomy: a word counts in the
sense the writer meant it).

1. Harm the writer accepts as normal ("swelling, which the doctor said is normal") is not harm,
   nor is a result he accepts as normal ("came loose, which he accepts is normal wear") a
   failed outcome.
2. A hit overlapping a phrase of another reading is that reading, not its own:
   "Attorney" in "Attorney General" is a regulator; "waiting" in "waiting room" a place, in
   "waiting patients" people, in "waiting for a call back" a missing callback; a TV that
   "shouts" makes no scene; a platform named as where an ad was seen is no media threat;
   "asked us to pass on" relays a message and demands nothing.
3. A billing word inside a clause that demands money back or compensation names the
   remedy, not a billing grievance ("refund half the fee", "退一半费用").
4. A scene tells its own effects: the waiting room, the queue or the noise inside a phrase
   describing the disruption ("two patients left the waiting room", "пациенты в очереди
   жаловались на шум") are the scene, not the premises or a delay; "骂" inside "叫骂" is the
   scene, not staff rudeness.
5. Something not explained or mentioned in a clause about the consent ("never mentioned in
   the consent form", "в согласии не было сказано", "同意书上没有告知") is informed consent,
   not a communication failure (unless the consent is one of the documents asked for).
6. A Russian imperative proposal ("сделайте", "присылайте") is read only in the imperative
   mood: lemmatised, "поставили имплант" would read as "поставьте", a report, not a proposal.
7. Acceptance negated or used of manner ("не могла нормально есть", "can't chew normally",
   "无法正常吃饭") is impairment, not an effect the writer accepts; a numbing cream or gel
   is an anaesthetic, not numbness.
8. Wanting to vent or wanting the clinic to know ("just wanted you to know", "хочу, чтобы вы
   знали", "只是想说说") demands nothing.
"""

from services.intake.domain.classification.phrases import Hit

_SHADOWS = {
    "flag.legal_action": ("flag.regulator_threat",),
    "category.wait_time": ("category.environment", "category.communication", "cue.not_wait",
                           "flag.on_site_disruption"),
    "category.environment": ("flag.on_site_disruption",),
    "mention.environment": ("flag.on_site_disruption", "cue.dental_service"),
    "mention.wait_time": ("flag.on_site_disruption",),
    "flag.on_site_disruption": ("cue.noise_source",),
    "flag.media_threat": ("cue.platform_as_source",),
    "cue.demand": ("cue.relay", "cue.venting"),
    "cue.normal": ("cue.impaired",),
    "cue.harm": ("cue.anaesthetic",),
    "category.service_attitude": ("flag.on_site_disruption",),
}
_SHADOWING = frozenset(rule for rules in _SHADOWS.values() for rule in rules)
_ACCEPTABLE = frozenset({"cue.harm", "category.treatment_outcome"})
_REMEDIES = frozenset({"flag.refund_demand", "flag.compensation_demand"})


def standing(hits: list[Hit]) -> list[Hit]:
    return _drop_consent_silence(_drop_remedy_prices(_drop_normal_effects(_drop_shadowed(_imperatives(hits)))))


def _imperatives(hits: list[Hit]) -> list[Hit]:
    return [Hit("cue.proposal", hit.clause, hit.start, hit.end, hit.source) if hit.rule == "cue.imperative" else hit
            for hit in hits if hit.rule != "cue.imperative" or hit.evidence.lower().endswith(("те", "te"))]


def _drop_normal_effects(hits: list[Hit]) -> list[Hit]:
    normal = {hit.clause for hit in hits if hit.rule == "cue.normal"}
    return [hit for hit in hits if not (hit.rule in _ACCEPTABLE and hit.clause in normal)]


def _drop_shadowed(hits: list[Hit]) -> list[Hit]:
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for hit in hits:
        if hit.rule in _SHADOWING:
            spans.setdefault(hit.rule, []).append((hit.clause, hit.start, hit.end))

    def shadowed(hit: Hit) -> bool:
        return any(c == hit.clause and hit.start < e and s < hit.end
                   for rule in _SHADOWS.get(hit.rule, ()) for c, s, e in spans.get(rule, ()))
    return [hit for hit in hits if not shadowed(hit)]


def _drop_consent_silence(hits: list[Hit]) -> list[Hit]:
    documents = {hit.clause for hit in hits if hit.rule == "mention.communication"}
    consent = {hit.clause for hit in hits if hit.rule == "category.informed_consent"
               or (hit.rule == "mention.informed_consent" and hit.clause not in documents)}
    return [hit for hit in hits if not (hit.rule == "category.communication" and hit.clause in consent)]


def _drop_remedy_prices(hits: list[Hit]) -> list[Hit]:
    remedies = {hit.clause for hit in hits if hit.rule in _REMEDIES}
    return [hit for hit in hits if not (hit.rule == "mention.pricing_billing" and hit.clause in remedies)]

