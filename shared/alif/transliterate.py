"""Uzbek Latin ↔ Uzbek Cyrillic, by the rules of the two official alphabets.

Most letters map one to one; the rules that need context (docs/harf.md, "Transliteration"):

Cyrillic → Latin
- е is `ye` at the start of a word, after a vowel or after ъ/ь, otherwise `e`; э is `e`;
- ц is `ts` after a vowel, otherwise `s`; an е after ц is `e` (це → tse);
- ё ю я are `yo yu ya`; ь is dropped; ъ is the tutuq belgisi ʼ (U+02BC), except before е ё ю я
  where the vowel's `y` already says it (объект → obyekt);
- ў ғ are `oʻ gʻ` (U+02BB), қ `q`, ҳ `h`, х `x`, й `y`; сҳ is `sʼh`, so it is not read as `sh`.

Latin → Cyrillic (the text is first normalised with `alif.text.normalize_uzbek`)
- `oʻ gʻ sh ch` are ў ғ ш ч; `yo yu ya ye` are ё ю я е, but `yoʻ` is й + ў (yoʻl → йўл);
- `e` is э at the start of a word or after a vowel, otherwise е; ʼ is ъ, and `sʼh` is сҳ;
- loanwords whose spelling is not written by these rules (ц, ь, сентябр) come from `_LOANWORDS`,
  matched as the start of a word, so their endings follow: `sirkda` → `циркда`.

Letter case is kept; a letter written as two (Sh, Ya) is capitalised as `Sh` in a capitalised word
and as `SH` when the word around it is in capitals.
"""

import re

from alif.text import TURNED_COMMA, TUTUQ, normalize_uzbek

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh", "э": "e", "ю": "yu",
    "я": "ya", "ў": f"o{TURNED_COMMA}", "қ": "q", "ғ": f"g{TURNED_COMMA}", "ҳ": "h",
}  # fmt: skip
_CYRILLIC_VOWELS = set("аеёиоуэюяў")
_IOTATED = set("еёюя")

# Latin units, longest first; `yoʻ` is handled before `yo` (it is й + ў).
_LATIN_TO_CYRILLIC = {
    f"o{TURNED_COMMA}": "ў", f"g{TURNED_COMMA}": "ғ", "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю",
    "ya": "я", "ye": "е", TUTUQ: "ъ", "a": "а", "b": "б", "d": "д", "f": "ф", "g": "г",
    "h": "ҳ", "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
}  # fmt: skip
_LATIN_VOWELS = ("a", "e", "i", "o", "u")

# Loanwords whose Cyrillic spelling the Latin one does not determine (ц, ь, я after a consonant),
# as Latin stem → Cyrillic stem. Both directions use it; a word keeps its own ending.
_LOANWORDS = {
    "sirk": "цирк", "sement": "цемент", "litsey": "лицей", "stansiya": "станция",
    "konsert": "концерт", "kalsiy": "кальций", "kompyuter": "компьютер", "albom": "альбом",
    "sentabr": "сентябр", "oktabr": "октябр", "obyekt": "объект", "pensiya": "пенсия",
    "medalyon": "медальон", "selsiy": "цельсий", "sitrus": "цитрус", "aksiya": "акция",
    "farmatsevt": "фармацевт", "dekabr": "декабр", "noyabr": "ноябр", "avtomobil": "автомобиль",
    "mototsikl": "мотоцикл", "sirkul": "циркуль", "leksiya": "лекция", "kalendar": "календарь",
    "palto": "пальто",
}  # fmt: skip
_CYRILLIC_LOANWORDS = {cyr: lat for lat, cyr in _LOANWORDS.items()}
# A loanword's stem is matched as the whole word or followed by a common ending (sirkda), never
# as any start: sirka (vinegar) is not a loanword.
_ENDINGS = (
    "", "da", "ga", "ni", "ning", "dan", "dagi", "gacha", "lar", "lari", "larni",
    "larda", "larga", "i", "im", "ing", "imiz", "ingiz", "chi", "chilar", "si",
)  # fmt: skip
_CYRILLIC_ENDINGS = (
    "", "да", "га", "ни", "нинг", "дан", "даги", "гача", "лар", "лари", "ларни",
    "ларда", "ларга", "и", "им", "инг", "имиз", "ингиз", "чи", "чилар", "си",
)  # fmt: skip

# ʻ and ʼ are modifier letters (Lm), so a word keeps them.
_WORD = re.compile(r"[^\W\d_]+")


def _cased(unit: str, source: str, word_is_upper: bool) -> str:
    """`unit` written in the case of the letter(s) it came from."""
    if not source[0].isupper():
        return unit
    return unit.upper() if word_is_upper else unit[:1].upper() + unit[1:]


def _is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _loanword(word: str, table: dict[str, str], endings: tuple[str, ...]) -> tuple[str, int] | None:
    """The loanword table's spelling of the word's stem and the stem's length, if it is one."""
    lowered = word.lower()
    for stem in sorted(table, key=len, reverse=True):
        if lowered.startswith(stem) and lowered[len(stem) :] in endings:
            return table[stem], len(stem)
    return None


def _word_to_latin(word: str) -> str:
    upper = _is_upper_word(word)
    out: list[str] = []
    start = 0
    if (loan := _loanword(word, _CYRILLIC_LOANWORDS, _CYRILLIC_ENDINGS)) is not None:
        out.append(_cased(loan[0], word[: loan[1]], upper))
        start = loan[1]
    lowered = word.lower()
    for i in range(start, len(word)):
        char, low = word[i], lowered[i]
        prev = lowered[i - 1] if i else ""
        after = lowered[i + 1] if i + 1 < len(word) else ""
        if low == "е":
            initial = i == 0 or prev in _CYRILLIC_VOWELS or prev in "ъь"
            unit = "ye" if initial and prev != "ц" else "e"
        elif low == "ц":
            unit = "ts" if prev in _CYRILLIC_VOWELS else "s"
        elif low == "ь":
            continue
        elif low == "ъ":
            if after in _IOTATED:
                continue
            unit = TUTUQ
        elif low == "ҳ" and prev == "с":
            unit = TUTUQ + "h"
        elif low in _CYRILLIC_TO_LATIN:
            unit = _CYRILLIC_TO_LATIN[low]
        else:
            out.append(char)
            continue
        if unit[0] == TUTUQ:
            out.append(TUTUQ + _cased(unit[1:], char, upper) if len(unit) > 1 else unit)
        else:
            out.append(_cased(unit, char, upper))
    return "".join(out)


def _word_to_cyrillic(word: str) -> str:
    upper = _is_upper_word(word)
    out: list[str] = []
    i = 0
    if (loan := _loanword(word, _LOANWORDS, _ENDINGS)) is not None:
        out.append(_cased(loan[0], word[: loan[1]], upper))
        i = loan[1]
    lowered = word.lower()
    while i < len(word):
        rest = lowered[i:]
        if rest.startswith(f"yo{TURNED_COMMA}"):
            unit, size = "й", 1
        elif rest.startswith(f"s{TUTUQ}h"):
            unit, size = "с", 2  # the tutuq only keeps s and h apart: сҳ
        elif rest[0] == "e":
            prev = lowered[i - 1] if i else ""
            unit, size = ("э" if i == 0 or prev in _LATIN_VOWELS else "е"), 1
        else:
            size = 2 if rest[:2] in _LATIN_TO_CYRILLIC else 1
            unit = _LATIN_TO_CYRILLIC.get(rest[:size], word[i])
        source = word[i : i + size]
        out.append(_cased(unit, source, upper) if source[0].isalpha() else unit)
        i += size
    return "".join(out)


def to_latin(text: str) -> str:
    """Uzbek Cyrillic text in the Uzbek Latin alphabet; anything else is kept as it is."""
    return _WORD.sub(lambda match: _word_to_latin(match.group()), text)


def to_cyrillic(text: str) -> str:
    """Uzbek Latin text in the Uzbek Cyrillic alphabet; apostrophes may be typed any way."""
    return _WORD.sub(lambda match: _word_to_cyrillic(match.group()), normalize_uzbek(text))
