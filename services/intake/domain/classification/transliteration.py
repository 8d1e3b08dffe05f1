"""Russian typed in Latin letters ("Trebuyu kompensatsiyu") read back into Cyrillic.

Patients on phones without a Cyrillic keyboard write Russian in the informal
transliteration; mapping it back lets the Russian lemmatiser and lexicon apply.
Longest letter groups are replaced first (shch before sh before s).
"""

import re

_GROUPS = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("iy", "ий"), ("yy", "ый"),
    ("ye", "е"), ("ja", "я"), ("ju", "ю"), ("'", "ь"),
)
_LETTERS = dict(zip("abvgdezijklmnoprstufhcyxwq", "абвгдезийклмнопрстуфхцыксщк"))
_PATTERN = re.compile("|".join(re.escape(group) for group, _ in _GROUPS) + "|[a-z]")
_TABLE = dict(_GROUPS)


def to_cyrillic(word: str) -> str:
    return _PATTERN.sub(lambda m: _TABLE.get(m.group(), _LETTERS.get(m.group(), m.group())), word)
