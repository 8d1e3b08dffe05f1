"""Spec for the accident rung and its neighbours in all three languages: a procedural
violation (wrong or healthy tooth, expired or reused items, ignored documented allergy, no eye
protection, broken sterilisation) with serious harm (hospital stay, sepsis, necrosis, retinal
burn, permanent scar) is an accident; harm without a violation stays a dispute; alternation in
a lexicon entry binds to one slot only."""

import pytest

from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text,language", [
    ("The hygienist used a needle that had been used on another patient. I developed sepsis and "
     "spent four nights in hospital.", "en"),
    ("No goggles were provided during my IPL session, and the eye doctor found a retinal burn.", "en"),
    ("My penicillin allergy is in my notes, yet I was given amoxicillin; my throat swelled and I "
     "was taken to A&E by ambulance.", "en"),
    ("The filler was out-of-date product, past its expiry, and I now have tissue death on my nose.", "en"),
    ("Мне ввели препарат, у которого истёк срок годности, и начался некроз кожи.", "ru"),
    ("Лазер делали без защитных очков, офтальмолог нашёл ожог сетчатки.", "ru"),
    ("Стерилизатор был сломан, инструменты протирали салфеткой; после удаления флегмона, перенесла операцию.",
     "ru"),
    ("注射用的玻尿酸已经过了有效期，鼻子皮肤坏死，留下永久疤痕。", "zh"),
    ("护士用了上一位客人用过的针头，我感染化脓，住了五天院。", "zh"),
    ("病历上写了青霉素过敏，医生还是开了阿莫西林，我喘不上气，被120送到急诊。", "zh"),
])
def test_given_a_violation_with_serious_harm_phrased_anew_when_classified_then_it_is_an_accident(text, language):
    result = by_rules(text, language=language)
    assert result.level == "accident" and "clinical_harm" in result.categories


@pytest.mark.parametrize("text,language", [
    ("Удалили соседний, совершенно здоровый зуб. Я не скандалю и в суд не пойду.", "ru"),
])
def test_given_a_healthy_tooth_pulled_and_court_ruled_out_when_classified_then_accident_without_legal_flag(
        text, language):
    result = by_rules(text, language=language)
    assert result.level == "accident" and "legal_action" not in result.flags


@pytest.mark.parametrize("text,language", [
    ("After the peel I was left with dark patches of pigmentation on both cheeks.", "en"),
    ("После пилинга на щеках появилась пигментация.", "ru"),
    ("做完皮秒两颊反黑，比原来的斑还大。", "zh"),
])
def test_given_harm_without_an_alleged_violation_when_classified_then_it_is_a_dispute(text, language):
    assert by_rules(text, language=language).level == "dispute"


@pytest.mark.parametrize("text,language", [
    ("I had a bad allergic reaction.", "en"),
    ("Развился анафилактический шок.", "ru"),
    ("Начался отёк Квинке.", "ru"),
])
def test_given_an_alternative_in_one_slot_when_matched_then_it_stands_alone(text, language):
    assert by_rules(text, language=language).level in ("dispute", "accident")


def test_given_numbness_from_the_anaesthetic_when_classified_then_it_is_not_harm():
    text = "I was handed the consent form while already numb from the anaesthetic. Please explain why."
    assert by_rules(text, language="en").level == "complaint"


@pytest.mark.parametrize("text,language,level", [
    ("Please look into what happened at my last visit.", "en", "complaint"),
    ("There is dead skin on my lip after the filler.", "en", "dispute"),
    ("I have white spots on my teeth after the braces came off.", "en", "dispute"),
])
def test_given_a_multi_word_phrase_formerly_split_into_slots_when_classified_then_it_matches(text, language, level):
    assert by_rules(text, language=language).level == level


def test_given_a_payment_word_right_after_a_sum_when_a_refund_is_demanded_then_both_sums_count():
    text = "I expect sessions five and six refunded: $190 paid on 3 May and $215 on 24 May."
    amount = by_rules(text, language="en").amount
    assert amount is not None and (amount.value, amount.currency) == (405, "USD")
