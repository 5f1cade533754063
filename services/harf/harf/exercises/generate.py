"""Exercises made from the alphabets' data, for any letter of any alphabet.

Each kind asks one thing and keeps its right answer apart, so the client never sees it:
- hear_and_tap: hear the letter's name, tap it among others;
- find_in_word: see a word and its picture, tap the letter the word has;
- match_case: see the capital, tap its small letter;
- build_word: put a word's letters in order (the tiles are its distinct letters);
- minimal_pair: a word with its letter hidden, choose between the letter and the one Uzbek
  children confuse it with (q/k, x/h, o/oʻ, g/gʻ, sh/s);
- script_bridge: a letter in one Uzbek script, tap it in the other;
- trace: draw over the capital's strokes (letters with stroke data: see tracing.py).
"""

import random
from dataclasses import dataclass

from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode, Letter
from harf.exercises import tracing
from harf.exercises.schemas import ExerciseKind

CHOICES = 4
TURNED = "\u02bb"
# Sounds children confuse, both ways; sh against s (and h: sʼh is s, tutuq, h).
_CONFUSED = {
    AlphabetCode.uz_latn: {
        "q": "k", "k": "q", "x": "h", "h": "x", "o": f"o{TURNED}", f"o{TURNED}": "o",
        "g": f"g{TURNED}", f"g{TURNED}": "g", "sh": "s", "s": "sh",
    },
    AlphabetCode.uz_cyrl: {
        "қ": "к", "к": "қ", "х": "ҳ", "ҳ": "х", "о": "ў", "ў": "о", "г": "ғ", "ғ": "г",
        "ш": "с", "с": "ш",
    },
}  # fmt: skip
_OTHER_SCRIPT = {
    AlphabetCode.uz_latn: AlphabetCode.uz_cyrl,
    AlphabetCode.uz_cyrl: AlphabetCode.uz_latn,
}


@dataclass(frozen=True)
class Made:
    kind: ExerciseKind
    prompt: str  # what is shown: a capital, a word, a word with a gap, a letter in the other script
    emoji: str | None
    word: int | None  # the example word (from 1) whose sound the client may play
    choices: list[str]  # none for trace
    answer: list[str]  # one choice, or for build_word the tiles in order (trace: the letter)


def _latin_of(letter: Letter) -> str:
    return letter.latin if letter.latin is not None else letter.lower


def _with_others(rng: random.Random, right: str, pool: list[str]) -> list[str]:
    others = sorted({choice for choice in pool if choice and choice != right})
    choices = [right, *rng.sample(others, min(CHOICES - 1, len(others)))]
    rng.shuffle(choices)
    return choices


def _counterpart(code: AlphabetCode, letter: Letter) -> tuple[str, list[str]] | None:
    """The letter in the other Uzbek script, and that script's letters that are not it."""
    other = _OTHER_SCRIPT.get(code)
    if other is None:
        return None
    sound = _latin_of(letter)
    candidates = alphabets.alphabet(other).letters
    same = [c.lower for c in candidates if _latin_of(c) == sound]
    if not sound or not same:
        return None  # ng and ь have no single letter in the other script
    pool = [c.lower for c in candidates if _latin_of(c) != sound and _latin_of(c)]
    return same[0], pool


def kinds(code: AlphabetCode, number: int) -> list[ExerciseKind]:
    """The kinds of exercise this letter has."""
    letter = alphabets.letter(code, number)
    found = [ExerciseKind.hear_and_tap, ExerciseKind.find_in_word, ExerciseKind.build_word]
    if letter.upper != letter.lower:
        found.append(ExerciseKind.match_case)
    if letter.lower in _CONFUSED.get(code, {}):
        found.append(ExerciseKind.minimal_pair)
    if _counterpart(code, letter) is not None:
        found.append(ExerciseKind.script_bridge)
    if tracing.letter_strokes(code, number) is not None:
        found.append(ExerciseKind.trace)
    return found


def make(code: AlphabetCode, number: int, kind: ExerciseKind, rng: random.Random) -> Made:
    """One exercise of `kind` for the letter (the kind must be one of `kinds`)."""
    letter = alphabets.letter(code, number)
    letters = alphabets.alphabet(code).letters
    lowers = [entry.lower for entry in letters]
    word_number = rng.randrange(len(letter.words)) + 1
    word = letter.words[word_number - 1]
    units = alphabets.split_word(code, word.text)
    if kind is ExerciseKind.hear_and_tap:
        return Made(kind, "", None, None, _with_others(rng, letter.lower, lowers), [letter.lower])
    if kind is ExerciseKind.find_in_word:
        absent = [entry for entry in lowers if entry not in units]
        choices = _with_others(rng, letter.lower, absent)
        return Made(kind, word.text, word.emoji, word_number, choices, [letter.lower])
    if kind is ExerciseKind.match_case:
        pool = [entry.lower for entry in letters if entry.upper != entry.lower]
        choices = _with_others(rng, letter.lower, pool)
        return Made(kind, letter.upper, None, None, choices, [letter.lower])
    if kind is ExerciseKind.build_word:
        tiles = sorted(set(units))
        rng.shuffle(tiles)
        return Made(kind, "", word.emoji, word_number, tiles, units)
    if kind is ExerciseKind.minimal_pair:
        confused = _CONFUSED[code][letter.lower]
        at = units.index(letter.lower)
        gapped = "".join(units[:at]) + "_" + "".join(units[at + 1 :])
        choices = [letter.lower, confused]
        rng.shuffle(choices)
        return Made(kind, gapped, word.emoji, word_number, choices, [letter.lower])
    if kind is ExerciseKind.trace:
        return Made(kind, letter.upper, None, None, [], [letter.upper])
    bridge = _counterpart(code, letter)
    if kind is not ExerciseKind.script_bridge or bridge is None:
        raise ValueError(f"{code} letter {number} has no {kind} exercise")
    right, pool = bridge
    return Made(kind, letter.upper, None, None, _with_others(rng, right, pool), [right])
