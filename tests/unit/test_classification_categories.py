"""Categories follow the taxonomy's definitions, not any mention of a topic; serious harm
after a procedural violation is an accident in all three languages."""

import pytest

from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text,category", [
    ("I was charged twice for the same cleaning, please fix it.", "pricing_billing"),
    ("С карты дважды списали оплату за приём, прошу вернуть.", "pricing_billing"),
    ("结账的时候多收了我300元，要求退还。", "pricing_billing"),
    ("Nobody called me back after the consultation, as promised.", "communication"),
    ("Никто не перезвонил, хотя обещали перезвонить.", "communication"),
    ("短信提醒写错了时间，害我白跑一趟，很不满。", "communication"),
    ("The receptionist was rude and dismissive.", "service_attitude"),
    ("Администратор нахамила мне на ресепшене.", "service_attitude"),
    ("The procedure was done by a trainee without a dentist present.", "staff_qualification"),
    ("Процедуру проводила студентка, а не врач.", "staff_qualification"),
    ("给我做的根本不是医生，是实习生。", "staff_qualification"),
    ("They signed me up without my consent and I never signed a consent form.", "informed_consent"),
    ("Меня заставили подписать согласие задним числом.", "informed_consent"),
    ("做完才让我补签知情同意书，事后签的。", "informed_consent"),
    ("The whitening made no difference at all, I want a redo.", "treatment_outcome"),
    ("Результата от процедуры нет никакого, требую переделать.", "treatment_outcome"),
    ("美白做完一点效果都没有，要求重做。", "treatment_outcome"),
])
def test_the_grievance_names_its_category(text, category):
    assert category in by_rules(text).categories


@pytest.mark.parametrize("text,category", [
    ("The whitening did not work, I want a refund.", "pricing_billing"),
    ("Эффекта нет, верните деньги за процедуру.", "pricing_billing"),
    ("美白没有效果，要求退款。", "pricing_billing"),
    ("Please provide copies of my records within 30 days. I paid $900 for the crown.", "pricing_billing"),
    ("Прошу предоставить копию информированного согласия, карту мне не выдают уже месяц.", "informed_consent"),
    ("Свяжитесь с нами по адресу из договора, врач не объяснил, зачем нужен снимок.", "pricing_billing"),
    ("请贵院说明原因，我对医生态度很不满。", "pricing_billing"),
    ("I am booked in for a hygiene appointment and the hygienist was rude.", "environment"),
    ("She cancelled by email herself; the dentist shouted at her.", "wait_time"),
])
def test_a_mere_mention_or_a_remedy_does_not_add_a_category(text, category):
    assert category not in by_rules(text).categories


@pytest.mark.parametrize("text", [
    "Great clinic. Idea: offer payment by instalments for implants, a crown is a big cost at once.",
    "Всё отлично. Предлагаю сделать оплату по QR-коду, а то на кассе очередь.",
    "体验很好，建议支持分期付款，候诊区也很舒服。",
])
def test_a_proposal_is_about_one_thing(text):
    result = by_rules(text)
    assert result.level == "suggestion" and result.categories == ("pricing_billing",)


@pytest.mark.parametrize("text", [
    "医生拔错了牙，我要求赔偿5万元，否则去卫健委投诉",
    "They extracted the wrong tooth, a healthy one, and I want compensation.",
    "Мне удалили не тот зуб — здоровый. Требую компенсацию.",
    "护士说了我有青霉素过敏还给我用，结果过敏性休克住院。",
    "The nurse ignored my documented penicillin allergy and I ended up in hospital for three days.",
    "Несмотря на аллергию, указанную в карте, ввели препарат — попала в реанимацию.",
    "Instruments were not sterile and I developed sepsis and was hospitalised.",
    "器械没消毒，我感染后住院一周。",
    "Лечили без снимка, задели нерв, онемение губы до сих пор, уже полгода.",
    "An unlicensed beautician did the laser and now I have permanent scarring.",
])
def test_procedural_violation_with_serious_harm_is_an_accident(text):
    result = by_rules(text)
    assert result.level == "accident" and "clinical_harm" in result.categories


@pytest.mark.parametrize("text", [
    "The crown cracked after a month and it hurts when I bite.",
    "После ботокса опустилась бровь, прошло три недели.",
    "做完超声刀下颌一直发麻，按着疼。",
])
def test_harm_without_violation_is_a_dispute_with_clinical_harm(text):
    result = by_rules(text)
    assert result.level == "dispute" and "clinical_harm" in result.categories
