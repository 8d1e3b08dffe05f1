"""Spec for the generalised rules: negation scope, violation evidence, premises-only anger,
words read in the sense of their phrase, remedy words, amounts, lexicon syntax and the
Russian vocabulary shortcut."""

from decimal import Decimal

import pytest

from services.intake.domain.classification.phrases import russian_vocabulary
from services.intake.domain.classification.text import build_clauses
from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text,language,flag", [
    ("我先说明，我不打算找卫健委，也不会去网上曝光。但是请给我一个书面答复。", "zh", "regulator_threat"),
    ("我先说明，我不打算找卫健委，也不会去网上曝光。但是请给我一个书面答复。", "zh", "media_threat"),
    ("Жаловаться в Минздрав и писать отзывы я не планирую, хочу решить вопрос по-человечески. Прошу переделать.",
     "ru", "regulator_threat"),
    ("Дочь требует оплатить лечение; в прокуратуру, по её словам, писать пока не будет.", "ru", "regulator_threat"),
    ("I have no intention of involving lawyers, but I expect a written apology.", "en", "legal_action"),
])
def test_given_a_negated_threat_in_any_language_when_classified_then_no_flag_is_raised(text, language, flag):
    assert flag not in by_rules(text, language=language).flags


@pytest.mark.parametrize("text,language,flag", [
    ("I want the duplicate $210 refunded. If this isn't sorted by Friday I'll be leaving a review on Yelp.", "en",
     "media_threat"),
    ("顾客要求免费重做，说如果这周内不给答复，就去卫健委投诉。", "zh", "regulator_threat"),
])
def test_given_a_conditional_threat_when_classified_then_the_flag_is_raised(text, language, flag):
    assert flag in by_rules(text, language=language).flags


def test_given_complications_denied_after_the_noun_in_russian_when_classified_then_it_is_no_dispute():
    text = "Адвокатский запрос: процедуру выполнял косметолог без образования. Осложнений у доверительницы нет."
    result = by_rules(text, language="ru")
    assert result.level == "complaint" and "legal_action" in result.flags


def test_given_a_chinese_note_that_no_demand_was_made_when_classified_then_it_stays_dissatisfaction():
    text = "【到店记录】患者女儿称上次医生讲得太快，母亲不知道假牙怎么清洗。女儿表示有点失望，没有提出其他要求。"
    assert by_rules(text, language="zh").level == "dissatisfaction"


@pytest.mark.parametrize("text,language", [
    ("The 'doctor' who did my botox was a beauty therapist with no medical license. "
     "My eyelid has drooped for four months and I've lost part of the vision in that eye.", "en"),
    ("Имплантацию проводил ординатор без участия куратора. Спустя полгода сохраняется онемение подбородка.", "ru"),
    ("吸脂手术的麻醉由一名没有麻醉资质的护士操作，术后转入ICU三天。", "zh"),
])
def test_given_an_unqualified_operator_and_serious_harm_when_classified_then_it_is_an_accident(text, language):
    result = by_rules(text, language=language)
    assert result.level == "accident" and "staff_qualification" in result.categories


@pytest.mark.parametrize("text,language", [
    ("The clinician used instruments taken straight from a drawer rather than from sealed sterilisation pouches. "
     "The patient needed hospital admission with ongoing nerve damage.", "en"),
    ("Мастер достала инструменты прямо из ящика стола. Ноготь удалили, врач сказал, что так и останется.", "ru"),
    ("护士用的针头根本没拆新包装。回来脸上感染，留下十几个凹坑疤。", "zh"),
])
def test_given_unsterile_instruments_and_lasting_harm_when_classified_then_accident_keeps_environment(text, language):
    result = by_rules(text, language=language)
    assert result.level == "accident" and {"clinical_harm", "environment"} <= set(result.categories)


@pytest.mark.parametrize("text,language", [
    ("Кошмар какой-то!!! В холле на полную громкость орёт телевизор, невозможно сосредоточиться!!! К врачу претензий нет.",
     "ru"),
    ("SERIOUSLY?? The water cooler in the waiting area has been EMPTY for three months!!! Awful!", "en"),
])
def test_given_anger_aimed_only_at_the_premises_when_classified_then_it_is_feedback_without_a_scene(text, language):
    result = by_rules(text, language=language)
    assert result.level == "feedback" and "on_site_disruption" not in result.flags


def test_given_a_platform_named_only_as_where_an_ad_was_seen_when_classified_then_no_media_threat():
    text = "Увидела в Инстаграме рекламу «Лазерное омоложение за 1990». Требую вернуть предоплату 1990 руб."
    result = by_rules(text, language="ru")
    assert "media_threat" not in result.flags and "advertising" in result.categories


def test_given_waiting_patients_in_a_scene_when_classified_then_no_wait_time_is_read():
    text = ("Incident note: patient shouted at reception and two waiting patients left the room. "
            "He demanded a copy of the consent form.")
    result = by_rules(text, language="en")
    assert "wait_time" not in result.categories and result.level == "complaint"


def test_given_a_fee_word_only_inside_the_refund_remedy_when_classified_then_billing_is_not_added():
    text = "全瓷冠颜色明显比旁边的牙黄，吃饭没有任何不适。患者要求重新做，否则退一半费用。"
    result = by_rules(text, language="zh")
    assert set(result.categories) == {"treatment_outcome"} and "refund_demand" in result.flags


@pytest.mark.parametrize("text,language,value,currency", [
    ("I am requesting reimbursement of $180 for the ER copay and $95 for prescriptions.", "en", "275", "USD"),
    ("律师递交律师函，要求赔偿各项损失共计80万元。", "zh", "800000", "CNY"),
])
def test_given_demanded_sums_with_totals_or_reimbursements_when_classified_then_they_are_the_amount(
        text, language, value, currency):
    amount = by_rules(text, language=language).amount
    assert amount is not None and (amount.value, amount.currency) == (Decimal(value), currency)


@pytest.mark.parametrize("text,language,flag", [
    ("We want compensation for everything.", "en", "compensation_demand"),
    ("Копия претензии передана моему адвокату.", "ru", "legal_action"),
])
def test_given_words_the_stemmer_or_lemmatiser_shortens_when_classified_then_the_lexicon_still_matches(
        text, language, flag):
    assert flag in by_rules(text, language=language).flags


def test_given_a_painless_promise_when_classified_then_it_is_not_read_as_pain():
    text = "The ad said 'completely painless laser whitening'. Teeth look good, the ad just oversells it."
    assert by_rules(text, language="en").level not in ("dispute", "accident")


def test_given_the_russian_vocabulary_when_clauses_are_built_then_lexicon_words_are_lemmatised_and_others_kept():
    vocabulary = russian_vocabulary()
    [clause] = build_clauses("Напишу в Роспотребнадзоре про кукурузу", "ru", False, vocabulary)
    assert " роспотребнадзор " in clause.norm and " кукурузу " in clause.norm
    assert [c.norm for c in build_clauses("Верните деньги за имплант", "ru", False, vocabulary)] == \
        [c.norm for c in build_clauses("Верните деньги за имплант", "ru", False)]
