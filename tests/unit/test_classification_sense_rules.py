"""Spec for the phrase-sense rules of rules-1.4.0: mood, negated acceptance, venting, consent
silence, operators leaving mid-procedure, demands to pay for further care, transliterated
reflexives and Chinese sums named just before the refund demand. Sentences are our own."""

from decimal import Decimal

import pytest

from services.intake.domain.classification import CLASSIFIER_VERSION
from services.intake.domain.classification.transliteration import to_cyrillic
from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


def test_given_the_release_when_asked_then_the_version_names_the_rules_and_the_learned_weights():
    assert CLASSIFIER_VERSION == "rules-1.5.1+lr-3"


def test_given_a_russian_past_tense_report_when_classified_then_it_is_no_proposal():
    result = by_rules("Вчера мне сделали профчистку и поставили пломбу, врач отвечал односложно и грубо.",
                      language="ru")
    assert result.level == "dissatisfaction"


def test_given_a_russian_imperative_proposal_when_classified_then_it_is_a_suggestion():
    result = by_rules("Всё понравилось, спасибо. Добавьте, пожалуйста, онлайн-запись на сайте.", language="ru")
    assert result.level == "suggestion"


@pytest.mark.parametrize("text,language", [
    ("После процедуры у меня ожог на губе, неделю не могла нормально есть.", "ru"),
    ("After the peel my cheek blistered and for a week I could not chew normally.", "en"),
    ("做完以后嘴角起了水泡，一个星期都无法正常吃饭。", "zh"),
])
def test_given_impairment_phrased_with_normal_when_classified_then_the_harm_stands(text, language):
    assert by_rules(text, language=language).level == "dispute"


@pytest.mark.parametrize("text,language", [
    ("Отёк держался два дня, врач сказал, что это нормально. Вопросов нет.", "ru"),
    ("Swelling for two days, which the dentist said is normal. No complaints.", "en"),
])
def test_given_harm_accepted_as_normal_when_classified_then_it_is_still_no_dispute(text, language):
    assert by_rules(text, language=language).level not in ("dispute", "accident")


def test_given_a_numbing_cream_when_classified_then_it_is_no_numbness():
    result = by_rules("The receptionist was rude when I asked about numbing gel before my laser session.",
                      language="en")
    assert result.level == "dissatisfaction"


@pytest.mark.parametrize("text,language", [
    ("The hygienist was curt with my mum all visit. I just want you to know how it felt.", "en"),
    ("Медсестра разговаривала с мамой грубо. Просто хочу, чтобы вы были в курсе.", "ru"),
    ("前台对我妈态度很差，只是想说说，不用处理。", "zh"),
])
def test_given_venting_without_a_demand_when_classified_then_it_stays_dissatisfaction(text, language):
    assert by_rules(text, language=language).level == "dissatisfaction"


def test_given_staff_who_already_apologised_when_classified_then_no_apology_is_demanded():
    result = by_rules("Note: pt unhappy the hygienist ran 40 minutes late. Receptionist apologised.",
                      language="en")
    assert result.level == "dissatisfaction"


@pytest.mark.parametrize("text,language", [
    ("The extra cost of the bone graft was never mentioned in the consent form. I want a written reply.", "en"),
])
def test_given_a_silence_about_the_consent_when_classified_then_it_is_consent_not_communication(text, language):
    categories = by_rules(text, language=language).categories
    assert "informed_consent" in categories and "communication" not in categories


@pytest.mark.parametrize("text,language", [
    ("The therapist left the room mid-peel and came back twenty minutes later; "
     "I now have permanent scarring on my forehead.", "en"),
    ("Косметолог нанесла кислоту и вышла, вернулась через полчаса. Остались рубцы навсегда.", "ru"),
    ("美容师涂完药水中途离开了半小时，现在脸上留下了永久的疤。", "zh"),
])
def test_given_an_operator_leaving_mid_procedure_with_lasting_harm_when_classified_then_it_is_an_accident(
        text, language):
    assert by_rules(text, language=language).level == "accident"


@pytest.mark.parametrize("text,language", [
    ("My gum is still swollen and sore. I am asking you to pay for the periodontist I now need.", "en"),
    ("Десна воспалилась и болит. Требую оплатить лечение у пародонтолога.", "ru"),
    ("牙龈一直肿痛，后续治疗的费用必须由你们承担。", "zh"),
])
def test_given_a_demand_to_pay_for_further_care_when_classified_then_compensation_is_flagged(text, language):
    assert "compensation_demand" in by_rules(text, language=language).flags


def test_given_transliterated_russian_reflexive_when_read_then_it_becomes_tsya():
    assert to_cyrillic("opazdyvaetsya") == "опаздывается"


def test_given_a_transliterated_delay_when_classified_then_it_is_a_wait():
    result = by_rules("vrach zaderzhivaetsya uzhe chas, nikto nichego ne govorit", language="ru")
    assert "wait_time" in result.categories


def test_given_a_chinese_sum_named_just_before_the_refund_demand_when_classified_then_it_is_the_amount():
    result = by_rules("套餐还剩四次没做，一共1200元，请全部退给我。", language="zh")
    assert result.amount is not None and result.amount.value == Decimal("1200")


def test_given_a_chinese_price_followed_by_a_promise_when_classified_then_no_amount_is_demanded():
    result = by_rules("我办了3000元的会员卡，当时店员承诺全年免费洁牙。请核实并书面回复。", language="zh")
    assert result.amount is None


@pytest.mark.parametrize("text,language", [
    ("He argued so loudly the whole waiting room could hear and demanded a refund.", "en"),
    ("Пациент на весь холл выяснял, почему коронка не готова, и требует вернуть деньги.", "ru"),
    ("患者在前台大声争吵，几位候诊的顾客被吓到了，要求退款。", "zh"),
])
def test_given_a_loud_scene_described_by_its_audience_when_classified_then_disruption_is_flagged(text, language):
    assert "on_site_disruption" in by_rules(text, language=language).flags


def test_given_cold_air_blowing_at_the_sofa_when_classified_then_it_is_no_advertising():
    result = by_rules("候诊区的空调一直对着沙发吹，坐着很冷。", language="zh")
    assert "advertising" not in result.categories and result.level == "feedback"


def test_given_a_hygiene_visit_when_classified_then_cleaning_is_no_premises_remark():
    result = by_rules("Lovely cleaning today. Could you text me when the dentist is running behind?", language="en")
    assert result.categories == ("wait_time",)
