"""Spec for the broadened category vocabulary and the readings that keep a word in its sense:
a scene's own effects, a platform that is the clinic's own channel or listing, a companion who
only accompanies, a dialled hotline number, a demand that was explicitly not made."""

import pytest

from tests.unit.classifier_tools import by_rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text,language,category", [
    ("Your newsletter disclosed my email address to 300 other recipients.", "en", "privacy"),
    ("贵院公众号用了我的术前术后对比照，我从没同意过。", "zh", "privacy"),
    ("Вместо циркония мне поставили металлокерамику, хотя платила я за цирконий.", "ru", "device_material"),
    ("The peel solution was prepared for another client.", "en", "device_material"),
    ("О переносе приёма сообщили накануне вечером.", "ru", "communication"),
    ("The online booking link is broken and shows a page-not-found error.", "en", "communication"),
    ("The receptionist just shrugged and went back to her screen.", "en", "service_attitude"),
    ("洗牙的时候护士一直在看手机。", "zh", "service_attitude"),
    ("Администратор даже не подняла глаз.", "ru", "service_attitude"),
    ("Suggestion: email an itemised estimate before the appointment.", "en", "pricing_billing"),
    ("建议套餐里没用完的次数能不能转给家人。", "zh", "pricing_billing"),
    ("页面写着一口价，无任何隐形消费，到店又另收了300。", "zh", "advertising"),
    ("After six sessions the outline is still clearly visible.", "en", "treatment_outcome"),
    ("Через полгода рецидив.", "ru", "treatment_outcome"),
])
def test_given_a_new_phrasing_of_a_topic_when_classified_then_its_category_is_chosen(text, language, category):
    assert category in by_rules(text, language=language).categories


@pytest.mark.parametrize("text,language,absent", [
    ("He shouted because his crown was not ready, and two patients left the waiting room.", "en", "environment"),
    ("Он громко возмущался в холле, пациенты в очереди жаловались на шум.", "ru", "wait_time"),
    ("她丈夫在大厅大声叫骂，其他顾客纷纷离开。", "zh", "service_attitude"),
])
def test_given_a_scene_when_its_effects_are_told_then_they_make_no_category(text, language, absent):
    result = by_rules(text, language=language)
    assert "on_site_disruption" in result.flags and absent not in result.categories


@pytest.mark.parametrize("text,language,flag", [
    ("В карточке филиала на Яндекс Картах указан старый номер, просто сообщаю.", "ru", "media_threat"),
    ("Клиника выложила у себя в соцсетях фото моих зубов.", "ru", "media_threat"),
    ("同事发给我贵院公众号的推文，里面有我的照片。", "zh", "media_threat"),
    ("患者由丈夫陪同到店，本人要求赔偿。", "zh", "representative"),
    ("很满意，我妈也想做。", "zh", "representative"),
    ("Пришлось самой искать в интернете, как ухаживать за кожей.", "ru", "media_threat"),
])
def test_given_a_word_in_another_sense_when_classified_then_no_flag_is_raised(text, language, flag):
    assert flag not in by_rules(text, language=language).flags


@pytest.mark.parametrize("text,language,flag", [
    ("The son of patient Mr Lee was broadcasting live from reception.", "en", "livestream"),
    ("The son of patient Mr Lee was broadcasting live from reception.", "en", "representative"),
    ("My TikTok video about this already has thousands of views.", "en", "media_threat"),
    ("Верните деньги и оплатите удаление филлера у другого специалиста.", "ru", "compensation_demand"),
])
def test_given_a_new_phrasing_of_an_action_when_classified_then_its_flag_is_raised(text, language, flag):
    assert flag in by_rules(text, language=language).flags


def test_given_a_hotline_number_after_a_dialling_word_when_classified_then_it_is_no_amount():
    result = by_rules("要求书面说明，一周内收不到答复就打12345。", language="zh")
    assert result.amount is None and "regulator_threat" in result.flags


def test_given_demands_explicitly_not_made_in_russian_when_classified_then_it_stays_dissatisfaction():
    text = "Приём переносят уже третий раз. Высказала недовольство, других требований не предъявляла."
    assert by_rules(text, language="ru").level == "dissatisfaction"
