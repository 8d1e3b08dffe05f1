"""Which lexicon hits stand once the whole clause is read (taxonomy: a word counts in the
sense the writer meant it).

1. Harm the writer accepts as normal ("swelling, which the doctor said is normal") is not harm.
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
"""

from services.intake.domain.classification.phrases import Hit

_SHADOWS = {
    "flag.legal_action": ("flag.regulator_threat",),
    "category.wait_time": ("category.environment", "category.communication", "cue.not_wait",
                           "flag.on_site_disruption"),
    "category.environment": ("flag.on_site_disruption",),
    "mention.environment": ("flag.on_site_disruption",),
    "mention.wait_time": ("flag.on_site_disruption",),
    "flag.on_site_disruption": ("cue.noise_source",),
    "flag.media_threat": ("cue.platform_as_source",),
    "cue.demand": ("cue.relay",),
    "category.service_attitude": ("flag.on_site_disruption",),
}
_REMEDIES = frozenset({"flag.refund_demand", "flag.compensation_demand"})


def standing(hits: list[Hit]) -> list[Hit]:
    return _drop_remedy_prices(_drop_shadowed(_drop_normal_effects(hits)))


def _drop_normal_effects(hits: list[Hit]) -> list[Hit]:
    normal = {hit.clause for hit in hits if hit.rule == "cue.normal"}
    return [hit for hit in hits if not (hit.rule == "cue.harm" and hit.clause in normal)]


def _drop_shadowed(hits: list[Hit]) -> list[Hit]:
    wanted = {rule for rules in _SHADOWS.values() for rule in rules}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for hit in hits:
        if hit.rule in wanted:
            spans.setdefault(hit.rule, []).append((hit.clause, hit.start, hit.end))

    def shadowed(hit: Hit) -> bool:
        return any(c == hit.clause and hit.start < e and s < hit.end
                   for rule in _SHADOWS.get(hit.rule, ()) for c, s, e in spans.get(rule, ()))
    return [hit for hit in hits if not shadowed(hit)]


def _drop_remedy_prices(hits: list[Hit]) -> list[Hit]:
    remedies = {hit.clause for hit in hits if hit.rule in _REMEDIES}
    return [hit for hit in hits if not (hit.rule == "mention.pricing_billing" and hit.clause in remedies)]

