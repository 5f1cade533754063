"""A rough guess at a question's language (uz, ru or en) from its words and script.

Good enough to catch an AI answer in the wrong language or to pre-fill an import; never used to
refuse a teacher's own text. Returns None when the text gives no clear sign (a formula, "2+2").
"""

import re

from alif.kernel.models import Language

_WORD = re.compile(r"[^\W\d_]+(?:['ʻʼ’‘`][^\W\d_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_UZBEK_CYRILLIC = re.compile(r"[ўқғҳЎҚҒҲ]")
_APOSTROPHES = "'ʻʼ’‘`"

_UZ_WORDS = frozenset(
    [
        "va",
        "bu",
        "u",
        "bir",
        "ikki",
        "uch",
        "qaysi",
        "nima",
        "necha",
        "nechta",
        "nechanchi",
        "qanday",
        "qancha",
        "qayerda",
        "qachon",
        "kim",
        "bilan",
        "uchun",
        "emas",
        "ham",
        "yoki",
        "toping",
        "hisoblang",
        "aniqlang",
        "tanlang",
        "yeching",
        "javob",
        "javobni",
        "teng",
        "son",
        "soni",
        "sonni",
        "ifoda",
        "ifodaning",
        "qiymati",
        "qiymatini",
        "tenglama",
        "tenglamani",
        "berilgan",
        "quyidagi",
        "shahar",
        "davlat",
        "poytaxti",
        "muallifi",
        "asar",
        "asari",
        "yil",
        "yili",
        "kun",
        "oy",
        "nomi",
        "nomini",
        "soʻz",
        "soʻzni",
        "gap",
        "gapda",
        "toʻgʻri",
        "notoʻgʻri",
        "boʻladi",
        "boʻlgan",
        "hisoblanadi",
        "qilib",
        "edi",
        "ekan",
        "uning",
        "ularning",
        "barcha",
        "hamma",
        "eng",
        "katta",
        "kichik",
        "yozing",
        "koʻpaytmasi",
        "yigʻindisi",
        "ayirmasi",
        "boʻlinmasi",
    ]
)
_UZ_SUFFIXES = ("ning", "dagi", "larni", "lari", "gacha", "dan", "lar", "ni", "ga", "da")
_EN_WORDS = frozenset(
    [
        "the",
        "is",
        "are",
        "was",
        "were",
        "what",
        "which",
        "who",
        "whom",
        "where",
        "when",
        "why",
        "how",
        "of",
        "and",
        "a",
        "an",
        "to",
        "in",
        "on",
        "at",
        "does",
        "do",
        "did",
        "many",
        "much",
        "find",
        "calculate",
        "choose",
        "select",
        "correct",
        "following",
        "true",
        "false",
        "not",
        "this",
        "that",
        "these",
        "those",
        "with",
        "for",
        "from",
        "by",
        "it",
        "its",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "answer",
        "number",
        "word",
        "sentence",
        "capital",
        "city",
        "country",
    ]
)


def _fold(word: str) -> str:
    word = word.casefold()
    for mark in _APOSTROPHES:
        word = word.replace(mark, "ʻ")
    return word


def guess_language(text: str) -> Language | None:
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic > latin:
        return Language.uz if _UZBEK_CYRILLIC.search(text) else Language.ru
    if latin == 0:
        return None
    words = [_fold(w) for w in _WORD.findall(text)]
    uz = sum(
        1
        for w in words
        if w in _UZ_WORDS or "oʻ" in w or "gʻ" in w or (len(w) > 4 and w.endswith(_UZ_SUFFIXES))
    )
    en = sum(1 for w in words if w in _EN_WORDS)
    if uz > en:
        return Language.uz
    if en > uz:
        return Language.en
    return None
