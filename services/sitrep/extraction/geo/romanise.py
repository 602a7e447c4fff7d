"""Ukrainian Cyrillic -> Latin, the way Ukrainian place names reach English news.

The national system (KMU 2010, Resolution of the Cabinet of Ministers of Ukraine No. 55)
is what official maps, wire services and ACLED use; copy also writes "y" for й inside a
word (Hayove), "ya"/"yu"/"ye" for я/ю/є (Hulyaypole), "yo" for ьо (Synyokhatka), "sch"
for щ, "yi" for ї, and "i" for и as Russian-influenced copy does. `romanise` gives the
KMU spelling first, then those variants, so the gazetteer can answer to all of them.
"""

from __future__ import annotations

import itertools

MAX_SPELLINGS = 8

# KMU 2010 (Resolution of the Cabinet of Ministers of Ukraine No. 55): ь and ' are dropped;
# є ї й ю я are spelled one way at the start of a word and another inside it.
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
    "ы": "y", "э": "e", "ё": "yo", "ъ": "",
}  # fmt: skip
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_MEDIAL = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
# Spellings news copy uses besides KMU, per letter in context.
_VARIANTS = {
    "й": ("y",),
    "щ": ("sch",),
    "ї": ("yi",),
    "я": ("ya",),
    "ю": ("yu",),
    "є": ("ye",),
    "и": ("i",),  # Russian-influenced spelling: Pisochin for Pisochyn
}


def _choices(word: str, i: int) -> tuple[str, ...]:
    """Spellings of word[i]: the KMU one first, then common variants."""
    ch = word[i]
    initial = i == 0 or not word[i - 1].isalpha()
    if ch in _INITIAL:
        standard = _INITIAL[ch] if initial else _MEDIAL[ch]
        if not initial and word[i - 1] == "ь":
            return (standard, _INITIAL[ch])  # Zavallia / Zavallya
        if not initial and ch in _VARIANTS:
            return (standard, *_VARIANTS[ch])
        return (standard,)
    if ch == "г" and i > 0 and word[i - 1] == "з":
        return ("gh", "h")  # зг: KMU keeps it apart from ж
    if ch == "ь" and i + 1 < len(word) and word[i + 1] == "о":
        return ("", "y")  # Synokhatka / Synyokhatka
    if ch in _VARIANTS:
        return (_LETTERS[ch], *_VARIANTS[ch])
    return (_LETTERS.get(ch, ch),)


def romanise(name: str) -> list[str]:
    """KMU 2010 spelling first, then up to MAX_SPELLINGS variants; title case kept."""
    lower = name.lower()
    options = [_choices(lower, i) for i in range(len(lower))]
    spellings: list[str] = []
    for combo in itertools.islice(itertools.product(*options), MAX_SPELLINGS):
        text = "".join(combo)
        text = " ".join(part[:1].upper() + part[1:] for part in text.split(" "))
        text = "-".join(part[:1].upper() + part[1:] for part in text.split("-"))
        if text not in spellings:
            spellings.append(text)
    return spellings
