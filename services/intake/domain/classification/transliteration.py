"""Russian typed in Latin letters ("Trebuyu kompensatsiyu") read back into Cyrillic.

Patients on phones without a Cyrillic keyboard write Russian in the informal
transliteration; mapping it back lets the Russian lemmatiser and lexicon apply.
Longest letter groups are replaced first (shch before sh before s); "iy" before a vowel
is и + я/ю/ё/е (kompensatsiyu → компенсацию), not ий; "tsya" is the reflexive -тся
(zaderzhivaetsya → задерживается), not ця.
"""

import re

_GROUPS = (
    ("tsya", "тся"), ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("iy", "ий"), ("yy", "ый"),
    ("ye", "е"), ("ay", "ай"), ("oy", "ой"), ("ey", "ей"), ("uy", "уй"), ("ja", "я"), ("ju", "ю"), ("'", "ь"),
)
_LETTERS = dict(zip("abvgdezijklmnoprstufhcyxwq", "абвгдезийклмнопрстуфхцыксщк"))
_BEFORE_VOWEL = {group: "(?![aeou])" for group in ("iy", "yy", "ay", "oy", "ey", "uy")}
_PATTERN = re.compile("|".join(re.escape(group) + _BEFORE_VOWEL.get(group, "") for group, _ in _GROUPS) + "|[a-z]")
_TABLE = dict(_GROUPS)


def to_cyrillic(word: str) -> str:
    return _PATTERN.sub(lambda m: _TABLE.get(m.group(), _LETTERS.get(m.group(), m.group())), word)
