"""Specification of the complaint classifier, in given/when/then form, in all three languages."""

from decimal import Decimal

import pytest

from services.intake.domain.classification import LEVELS, Amount
from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text", [
    "Я пожалуюсь в Роспотребнадзор.",
    "Уже написала жалобу в Роспотребнадзора управление.",
    "Обращусь в Роспотребнадзоре по месту жительства.",
])
def test_russian_regulator_is_recognised_in_any_inflection(text):
    assert "regulator_threat" in by_rules(text).flags


@pytest.mark.parametrize("text", [
    "Писать в Роспотребнадзор не собираюсь, просто исправьте счёт.",
    "Я не собираюсь жаловаться в прокуратуру, но прошу объяснений.",
])
def test_negated_regulator_threat_in_russian_raises_no_flag(text):
    assert "regulator_threat" not in by_rules(text).flags


@pytest.mark.parametrize("text,flag", [
    ("I am not going to sue, I just want an explanation.", "legal_action"),
    ("I'm not going to post about this online.", "media_threat"),
    ("我不会去卫健委，只想要个说法。", "regulator_threat"),
    ("我不打算投诉到12345，希望你们改进。", "regulator_threat"),
    ("不想发抖音，也不想闹大。", "media_threat"),
])
def test_negated_threat_raises_no_flag(text, flag):
    assert flag not in by_rules(text).flags


@pytest.mark.parametrize("text,flag", [
    ("If you don't reply within 7 days I will report you to the CQC.", "regulator_threat"),
    ("If you won't refund me I will see you in court.", "legal_action"),
    ("Если не ответите в течение 10 дней, напишу в Росздравнадзор.", "regulator_threat"),
    ("Если деньги не вернут, подам в суд.", "legal_action"),
    ("如果七天内不给答复，我就去卫健委投诉。", "regulator_threat"),
    ("如果不退款，我就发小红书曝光你们。", "media_threat"),
])
def test_conditional_threat_raises_the_flag(text, flag):
    assert flag in by_rules(text).flags


@pytest.mark.parametrize("text", [
    "I paid $2,400 for whitening and the receptionist was rude to me.",
    "За имплантацию я заплатил 96 000 руб., врач хороший, но ждать пришлось долго.",
    "花了3800做的美白，前台态度很差。",
])
def test_price_paid_is_not_a_demanded_amount(text):
    assert by_rules(text).amount is None


@pytest.mark.parametrize("text,value,currency", [
    ("要求赔偿5万元。", 50000, "CNY"),
    ("要求退还1.3万元。", 13000, "CNY"),
    ("我要求你们赔偿3千元医药费。", 3000, "CNY"),
    ("Требую компенсацию 35 тыс. руб.", 35000, "RUB"),
    ("Прошу вернуть 12 000 руб. в течение 10 дней.", 12000, "RUB"),
    ("I want a refund of $1,200.", 1200, "USD"),
    ("We seek damages of £60,000.", 60000, "GBP"),
    ("I am seeking €18,000 to cover revision surgery.", 18000, "EUR"),
])
def test_unit_words_and_separators_expand(text, value, currency):
    assert by_rules(text).amount == Amount(value=Decimal(value), currency=currency)


def test_several_demanded_sums_add_up():
    result = by_rules("要求退还4.8万元，并赔偿3.2万元。")
    assert result.amount == Amount(value=Decimal(80000), currency="CNY")


@pytest.mark.parametrize("text,language,value,currency", [
    # a sum joined by "and" to a demanded one (bare figures only in zh/ru)
    ("Требую вернуть 20 000 за курс и 7 500 за лечение ожога.", "ru", 27500, "RUB"),
    ("I want a refund of $1,900 and $350 for the dermatologist.", "en", 2250, "USD"),
    # a Chinese total beside the demand, in the clause after or before it
    ("我们要求赔偿检查费、药费和误工费，共计1.2万元。", "zh", 12000, "CNY"),
    ("看急诊一共花了2300，这笔钱你们必须赔偿。", "zh", 2300, "CNY"),
    # a payment word followed by 的 describes what is demanded back
    ("要求退还多收取的260元。", "zh", 260, "CNY"),
    # demands by "we" and by "reimburse"
    ("We demand $40,000 for the harm done.", "en", 40000, "USD"),
    ("Please reimburse the $85 I spent on the emergency visit.", "en", 85, "USD"),
    # a payment word that describes the demanded sum before it does not make the next sum a price
    ("Please refund the £900 we paid and cover the £1,350 quoted for removal.", "en", 2250, "GBP"),
    ("I request a refund of the $1,250 I paid for the crown, plus $2,100 towards the implant.", "en", 3350, "USD"),
    ("We demand a refund of the $1,800 package price and $25,000 in damages.", "en", 26800, "USD"),
    ("Please refund the £150 deposit I paid and the £40 booking fee.", "en", 190, "GBP"),
    ("Требую вернуть 60 тыс. руб., уплаченные за протез, и выплатить 90 тыс. руб. компенсации.", "ru", 150000,
     "RUB"),
    # the same figure joined by "and" is a second item, not the first said again
    ("Верните 3 000 за первый снимок и ещё 3 000 за второй.", "ru", 6000, "RUB"),
    # demands phrased as wanting, claiming, demanding or settling
    ("We want $2,800 for the periodontal treatment.", "en", 2800, "USD"),
    ("We are instructed to claim £45,000 on his behalf.", "en", 45000, "GBP"),
    ("The family is demanding $200,000.", "en", 200000, "USD"),
    ("We are prepared to resolve this matter for $85,000.", "en", 85000, "USD"),
    ("Give me my $250 back.", "en", 250, "USD"),
])
def test_demanded_sums_phrased_in_lists_totals_and_relative_clauses_are_found(text, language, value, currency):
    assert by_rules(text, language=language).amount == Amount(value=Decimal(value), currency=currency)


@pytest.mark.parametrize("text,language,value", [
    ("要求退还美白费用1800元，不然我就打市场监管局（12315）投诉。", "zh", 1800),
    ("I want the $300 back and a reply within 14 days.", "en", 300),
    ("Требую вернуть 9 000 руб., а я заплатила ещё и 4 000 за анализы.", "ru", 9000),
    # a payment word after a comma is a new statement, not a description of the sum
    ("I want a refund of $500, I paid $2,000 for the whole course.", "en", 500),
    # "and" starts a new statement: the thing paid for is never "and"
    ("I want a refund of $500 and I paid $2,000 for the course.", "en", 500),
])
def test_hotlines_deadlines_and_prices_joined_to_a_demand_are_not_added(text, language, value):
    assert by_rules(text, language=language).amount.value == Decimal(value)


def test_refund_without_a_figure_gives_no_amount():
    result = by_rules("Верните деньги за процедуру.")
    assert "refund_demand" in result.flags and result.amount is None


@pytest.mark.parametrize("kwargs,flag", [
    ({"demands": ["refund"]}, "refund_demand"),
    ({"demands": ["compensation"]}, "compensation_demand"),
    ({"has_representative": True}, "representative"),
    ({"channel": "regulator_referral"}, "regulator_threat"),
])
def test_structured_fields_win_over_the_text(kwargs, flag):
    result = by_rules("The waiting room was cold.", **kwargs)
    assert flag in result.flags
    assert any(s.rule.startswith("structured.") and s.value == flag for s in result.signals)


@pytest.mark.parametrize("text,level", [
    ("The parking signs outside are confusing.", "feedback"),
    ("Great visit! Suggestion: you could send SMS reminders the day before.", "suggestion"),
    ("The receptionist was rude and dismissive to me.", "dissatisfaction"),
    ("Please refund the £40 you charged twice and confirm in writing.", "complaint"),
    ("After the extraction the socket got infected and I have had pus for two weeks.", "dispute"),
    ("They pulled the wrong tooth, a healthy one, and I lost it permanently.", "accident"),
    ("诊所门口的停车位太少了，跟你们说一下。", "feedback"),
    ("治疗很满意，建议候诊区增加充电宝。", "suggestion"),
    ("前台态度很差，爱答不理的。", "dissatisfaction"),
    ("多收了我500元，要求退还。", "complaint"),
    ("拔牙后伤口感染化脓，一直疼。", "dispute"),
    ("没有执业证的人给我打的针，现在皮肤坏死住院了。", "accident"),
    ("В холле очень холодно, имейте в виду.", "feedback"),
    ("Спасибо врачу! Предлагаю сделать онлайн-оплату.", "suggestion"),
    ("Администратор нагрубила, очень неприятно.", "dissatisfaction"),
    ("Прошу вернуть деньги за несостоявшийся приём.", "complaint"),
    ("После удаления зуба сильный отёк и боль уже неделю.", "dispute"),
    ("Лечили без снимка, задели нерв, онемение губы уже третий месяц.", "accident"),
])
def test_level_follows_the_most_severe_claim(text, level):
    assert by_rules(text).level == level


@pytest.mark.parametrize("text", [
    "Swelling for two days after the extraction, which the dentist said is normal. The front desk was rude.",
    "No pain, no side effects, the whitening simply did not work and I want a refund.",
    "Побочек никаких, но эффекта нет, верните деньги.",
])
def test_accepted_or_denied_harm_is_not_a_dispute(text):
    assert LEVELS.index(by_rules(text).level) < LEVELS.index("dispute")


def test_polite_call_about_serious_harm_with_violation_is_an_accident():
    text = ("Pt called, apologetic. The assistant gave her amoxicillin despite the penicillin allergy "
            "documented on file; she was hospitalised with anaphylaxis. She doesn't want money.")
    result = by_rules(text)
    assert result.level == "accident" and "compensation_demand" not in result.flags


@pytest.mark.parametrize("text,flag", [
    ("我老公上周在你们这里拔牙，现在还在出血。", "representative"),
    ("Звонок жены пациента: у мужа температура после операции.", "representative"),
    ("Call from patient's mother: her son's braces broke.", "representative"),
    ("患者家属在大厅拉横幅，堵住门口。", "on_site_disruption"),
    ("He was shouting at the desk and other patients were upset.", "on_site_disruption"),
    ("她在候诊区开直播骂我们。", "livestream"),
    ("She filmed the whole consultation on her phone in the waiting room.", "livestream"),
    ("Мой юрист готовит иск.", "legal_action"),
    ("我已委托律师，准备起诉。", "legal_action"),
    ("Напишу отзыв на ПроДокторов.", "media_threat"),
    ("已经发到大众点评了。", "media_threat"),
])
def test_flags_are_found_in_the_text(text, flag):
    assert flag in by_rules(text).flags


def test_chinese_discomfort_word_is_not_read_as_negation():
    assert by_rules("打完针以后一直不适，还肿了一周。").level == "dispute"


def test_transliterated_russian_is_read_as_russian():
    result = by_rules("Zdravstvuyte. Trebuyu vernut dengi za lechenie, zub bolit uzhe mesyac.")
    assert result.language == "ru" and "refund_demand" in result.flags


def test_same_input_gives_the_same_output():
    text = "根管治疗后疼得睡不着，要求赔偿医药费3000元，否则去卫健委。"
    assert by_rules(text) == by_rules(text)
    assert by_rules(text).model_dump_json() == by_rules(text).model_dump_json()


def test_every_flag_and_category_is_explained_by_a_signal():
    result = by_rules("I was charged twice, please refund the $90 or I'll report you to Trading Standards.")
    explained = {(s.field, s.value) for s in result.signals}
    assert all(("flag", f) in explained for f in result.flags)
    assert all(("category", c) in explained for c in result.categories)
    assert any(s.field == "level" for s in result.signals)


def test_categories_are_never_empty_and_sorted():
    result = by_rules("Hello.")
    assert result.categories and list(result.categories) == sorted(result.categories)
