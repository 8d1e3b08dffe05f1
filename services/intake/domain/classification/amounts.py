"""The sum of money demanded (classification data README, "amount").

A money mention counts only when its clause carries a live (not negated) demand for money
and the nearest cue before it is a demand ("refund the $200", "要求退还2400元", "Требую
400 000 руб. компенсации") rather than a payment ("I paid $2,000", "花398", "заплатил 96 000").
Unit words expand (5万元 = 50000, 1.3万 = 13000, 35 тыс. руб. = 35000, $1,200 = 1200).
Distinct demanded sums add up; when one of them is the total of the others, it is the
answer. A bare figure with no currency counts only right beside a Chinese or Russian demand,
or joined by "and" to a demanded sum; never right after a dialling word (打12345, 拨打12315)
nor when it is one of China's 123xx public service lines. In Chinese, a payment word
followed by 的 describes the thing demanded back, and a total (共计…) beside a demand for
money is the sum demanded. A payment word right after a sum, or after a relative word and a
subject ("the £900 we paid", "15 000 руб., которые я заплатила"), says what that sum was; it
does not turn the next sum into a price paid.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_PREFIX = re.compile(rf"([$£€¥￥])\s?({_NUMBER})\s?(k|thousand|million|m)?(?![a-zа-я0-9])", re.IGNORECASE)
_SUFFIX = re.compile(  # (?=\d) changes no match; it lets the scan pass over non-digits fast
    rf"(?=\d)({_NUMBER})\s?(万|千|百万|w|k|тыс\.?|тысяч\w*|млн\.?|thousand|million)?\s?"
    r"(元|块|人民币|rmb|cny|руб\w*|р\.|₽|rub|dollars?|usd|pounds?|gbp|euros?|eur|dollarov)?"
    r"(?![a-zа-я0-9%])", re.IGNORECASE)
_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "CNY", "￥": "CNY"}
_UNITS = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "тыс": 1_000, "тысяч": 1_000,
          "thousand": 1_000, "百万": 1_000_000, "млн": 1_000_000, "million": 1_000_000, "m": 1_000_000}
_NOT_MONEY_AFTER = re.compile(r"\s?(?:次|天|日|周|个|颗|岁|小时|分钟|号|点|%|年|月|人|楼|层|副|针|cc|ml|毫升|"
                              r"минут|час|дн|недел|месяц|год|лет|раз|зуб|шт|мл|:)", re.IGNORECASE)
_DEFAULT_CURRENCY = {"zh": "CNY", "ru": "RUB"}
_DIALLED = re.compile(r"(?:打|拨打|拨|致电|热线|电话)\s?$")
_HOTLINE = re.compile(r"123\d\d")  # China's public service lines (12315, 12345, 12320…), never a sum


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: Decimal
    currency: str | None
    text: str


_SPACES = re.compile(r"[ \u00a0\u202f]")
_THOUSANDS_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNITS_LONGEST_FIRST = tuple(sorted(_UNITS, key=len, reverse=True))


def _number(raw: str) -> Decimal | None:
    raw = _SPACES.sub("", raw)
    if _THOUSANDS_COMMAS.fullmatch(raw):
        raw = raw.replace(",", "")
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


def _currency(word: str | None, language: str) -> str | None:
    if not word:
        return None
    word = word.lower()
    for prefix, code in (("руб", "RUB"), ("р.", "RUB"), ("₽", "RUB"), ("rub", "RUB"), ("dollar", "USD"),
                         ("usd", "USD"), ("pound", "GBP"), ("gbp", "GBP"), ("euro", "EUR"), ("eur", "EUR")):
        if word.startswith(prefix):
            return code
    return "CNY"


def _unit(word: str | None) -> int:
    word = (word or "").lower().rstrip(".")
    return next((_UNITS[key] for key in _UNITS_LONGEST_FIRST if word and word.startswith(key)), 1)


def money_mentions(text: str, language: str) -> list[Money]:
    found, taken = [], []
    for match in _PREFIX.finditer(text):
        value = _number(match.group(2))
        if value is not None:
            found.append(Money(match.start(), match.end(), value * _unit(match.group(3)),
                               _SYMBOLS[match.group(1)], match.group()))
            taken.append((match.start(), match.end()))
    for match in _SUFFIX.finditer(text):
        if any(s <= match.start() < e for s, e in taken) or text[max(match.start() - 1, 0)] in "$£€¥￥":
            continue
        value = _number(match.group(1))
        unit, word = match.group(2), match.group(3)
        if value is None or (not word and (_NOT_MONEY_AFTER.match(text, match.end())
                                           or _DIALLED.search(text, max(match.start() - 3, 0), match.start())
                                           or (not unit and _HOTLINE.fullmatch(match.group(1))))):
            continue
        currency = _currency(word, language) if word else None
        found.append(Money(match.start(), match.end(), value * _unit(unit), currency, match.group().strip()))
    return sorted(found, key=lambda money: money.start)


def demanded(money: Money, demand_cues: list[tuple[int, int]], price_cues: list[tuple[int, int]],
             language: str) -> Money | None:
    """Cue spans are absolute offsets in the text, already limited to the money's clause. A
    payment word inside a demand ("报销我在医院花的", "cover what I paid elsewhere") is part of it."""
    price_cues = [(s, e) for s, e in price_cues if not any(ds <= s and e <= de for ds, de in demand_cues)]
    if any(start <= money.start and money.end <= end for start, end in demand_cues):
        return _with_currency(money, 0, language)
    before = [(end, "demand") for start, end in demand_cues if end <= money.start]
    before += [(end, "price") for start, end in price_cues if end <= money.start]
    after = [(start, "demand") for start, end in demand_cues if start >= money.end]
    if before:
        distance, kind = max(before)
        if kind == "price":
            return None
        distance = money.start - distance
    elif after:
        distance, kind = min(after)
        distance = distance - money.end
    else:
        return None
    return _with_currency(money, distance, language)


TOTAL_WORD = re.compile(r"共计|合计|总计|一共|总共|累计|共")
_AND = re.compile(r"(?<!\w)(?:и|а также|плюс|and|plus|as well as)(?!\w)|[和及加+&]|以及|另加|再加", re.IGNORECASE)


# What may stand between a sum and a payment word that describes it ("the £900 we paid", "the
# $1,250 I had paid", "the £200 deposit I paid", "15 000 руб., которые я заплатила", "85 тыс.
# руб., уплаченные за имплантацию"): the thing paid for, a relative word and a subject, or a
# participle of paying; no more.
_DESCRIBING_GAP = {
    "en": re.compile(r"\s+(?:(?!(?:and|or|but|so|then|plus)\s)[a-z]+\s+(?=(?:that|which|i|we|you|he|she|they)\s))?"
                     r"(?:(?:that|which)\s+)?(?:(?:i|we|you|he|she|they|my|our)\s+)?(?:(?:have|had|already|"
                     r"originally)\s+)*", re.IGNORECASE),
    "ru": re.compile(r"\.?,?\s*(?:(?:которые|который|которую|что)\s+(?:(?:я|мы|вы|он|она|они)\s+)?(?:уже\s+)?|"
                     r"(?:уплачен|оплачен|заплачен|потрачен)\w*\s+)", re.IGNORECASE),
}


def describing(text: str, mentions: list[Money], price_cues: list[tuple[int, int]],
               language: str) -> set[tuple[int, int]]:
    """The payment words that describe the sum just before them (or the payment word just before
    them, "the $1,800 package price"): they say what the sum was, not that a later sum was paid."""
    gap = _DESCRIBING_GAP.get(language)
    ends, found = [money.end for money in mentions], set()
    for start, end in sorted(price_cues):
        if any(0 <= start - e <= 2 or (gap is not None and start > e and gap.fullmatch(text, e, start))
               for e in ends):
            found.add((start, end))
            ends.append(end)
    return found


def attributive(text: str, price_end: int, language: str) -> bool:
    """A Chinese payment word followed by 的 describes the thing demanded back ("退还额外支付的
    580元", "报销我在医院花的460元"): it is not a price paid."""
    return language == "zh" and text.startswith("的", price_end)


def coordinated(previous: Money, money: Money, text: str, clause_end: int,
                prices_between: list[tuple[int, int]], language: str) -> Money | None:
    """A sum joined by "and" to the demanded sum just before it, in the same clause, is
    demanded too ("вернуть 18 000 за процедуру и 65 000 за операцию", "refund $7,400 and $2,100
    for the graft"), unless a payment word comes between them. A bare figure (no currency)
    counts so only in Chinese and Russian, where sums are often written bare."""
    if (prices_between or money.end > clause_end or money.start - previous.end > 40
            or not _AND.search(text, previous.end, money.start)):
        return None
    if money.currency is None:
        if language not in _DEFAULT_CURRENCY or money.value < 50:
            return None
        return Money(money.start, money.end, money.value, previous.currency, money.text)
    return money if money.currency == previous.currency else None


def _with_currency(money: Money, distance: int, language: str) -> Money | None:
    if money.currency is None:
        if language not in _DEFAULT_CURRENCY or distance > 8 or money.value < 50:
            return None
        return Money(money.start, money.end, money.value, _DEFAULT_CURRENCY[language], money.text)
    return money


def total(demands: list[Money], joined: list[Money]) -> tuple[Decimal, str | None] | None:
    """Distinct demanded sums add up: a sum said twice is one demand, unless "and" joins it to
    the sum before (`joined`: "верните 4 500 за первую и ещё 4 500 за вторую" is 9 000). When
    one of them is the total of the others, it is the answer."""
    if not demands:
        return None
    currency = demands[0].currency
    values = [money.value for money in demands if money.currency == currency]
    repeated = [money.value for money in joined if money.currency == currency and values.count(money.value) > 1]
    values = sorted([*set(values), *repeated])
    if len(values) > 2 and values[-1] == sum(values[:-1]):
        return values[-1], currency
    return sum(values, Decimal(0)), currency
