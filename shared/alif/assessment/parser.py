"""Reading tests that teachers already have, as plain text, into the one question model.

Formats understood (they may be mixed with the usual mess of real files):

- numbered questions (`1.`, `1)`, `№1.`, `1-savol.`, `Savol 1:`, `Савол 1:`, keycap emoji `1️⃣`)
  with options `A)`, `a.`, `B:` (Latin or Cyrillic letters, one per line or several on one
  line), and an answer line: `Javob: B`, `Answer: b`, `Toʻgʻri javob: C`, `Correct: A, C`,
  `Ответ: Б`, and in Uzbek Cyrillic `Жавоб: Б`, `Тўғри жавоб: В`;
- a correct option marked in place: `*B) 4`, `+B) 4`, `B) 4 *`, `B) 4 (+)`, or (from Word)
  set in bold or highlighted while the other options are not;
- the block format: `++++` between questions, `====` between options, `#` before the correct one;
- an answer table at the end: `1 a 2 b 3 c`, `1-A, 2-C`, `1.b 2.d`, a `Javoblar:`/`Жавоблар:`
  section, or a row of numbers over a row of letters (a Word table).

Text after the last question (an author line, "Omad!") or after an answer line is left out with
a warning, never appended to an option. Nothing is ever guessed: a question whose key is missing,
ambiguous or not among its options comes back flagged with the reasons, for the teacher to fix in
the preview.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from alif.assessment.grading import parse_number
from alif.assessment.types import MAX_OPTIONS, QuestionType
from alif.text import fold_for_comparison

# Set by the Word reader before a paragraph written in bold or highlighted.
EMPHASIS = "\ue000"  # a private-use character: never in a real document, never whitespace

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_KEYCAP_NUMBER = re.compile(r"^\s*((?:\d\u20e3)+)\s*([.):]?)\s*")
_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_BULLETS = "•▪●◦‣∙·➤➢►"

_APOS = "['ʻʼ’‘`]?"
_LETTER = "A-Za-zА-Яа-яЁёЎўҚқҒғҲҳ"  # Latin, Russian and Uzbek Cyrillic letters
_TOGRI = rf"(?:to{_APOS}g{_APOS}ri|т[ўу][ғг]ри)"  # "correct", Latin or Cyrillic, ў/ғ or not
_QUESTION_WORD = r"(?:savol|савол|вопрос|question|topshiriq|топшириқ|задание)"
_QUESTION = re.compile(
    rf"^(?:{_QUESTION_WORD}\s*)?(?:№\s*)?(\d{{1,3}})\s*"
    rf"(?:-\s*{_QUESTION_WORD}\s*[.:)]?|\.(?!\d)|\)|:)\s*(.*)$",
    re.IGNORECASE,
)
_LETTERS_LATIN = "abcdefgh"
_LETTERS_CYRILLIC = "абвгдежз"
_OPTION = re.compile(r"^([A-Ha-hА-Жа-ж])\s*[).:]\s*(.*)$")
_OPTION_SPACE = re.compile(r"^([A-H])\s+(\S.*)$")
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|(?<=^))([A-Ha-hА-Жа-ж])\s*\)\s*")
_ANSWER = re.compile(
    rf"^(?:{_TOGRI}\s+(?:javob(?:i|lari)?|жавоб(?:и|лари)?)|javob(?:i)?|жавоб(?:и)?|answer|"
    r"correct(?:\s+answer)?|правильный\s+ответ|ответ|kalit|калит)\s*[:\-–—=.)]\s*(.+)$",
    re.IGNORECASE,
)
_TABLE_HEADER = re.compile(
    rf"^(?:javoblar|жавоблар|kalitlar|калитлар|kalit|калит|{_TOGRI}\s+(?:javoblar|жавоблар)|"
    r"answers|answer\s+key|keys?|ответы|ключи?)\s*[:\-–—]?\s*(.*)$",
    re.IGNORECASE,
)
_PAIR = re.compile(rf"(\d{{1,3}})\s*[-.)=:–—]?\s*([A-Ha-hА-Жа-ж])(?![{_LETTER}])", re.IGNORECASE)
_PAIR_NOISE = re.compile(r"[\s,;|/]+")
_BLOCK_QUESTION = re.compile(r"^\+{3,}\s*$")
_BLOCK_OPTION = re.compile(r"^={3,}\s*$")
_MARK_BEFORE = re.compile(r"^[*+#✓✔✅]\s*")
_MARK_AFTER = re.compile(rf"\s*(?:\*|\(\+\)|\[\+\]|✓|✔|✅|\({_TOGRI}\))\s*$", re.I)
_LETTER_TOKEN = re.compile(rf"(?<![{_LETTER}])([A-Ha-hА-Жа-ж])(?![{_LETTER}])")
_WORD = re.compile(rf"[{_LETTER}]{{2,}}")
_AND = frozenset({"va", "and", "и", "ва", "hamda", "ҳамда"})


class Problem(StrEnum):
    """Why a question is flagged; stable codes the frontend translates."""

    no_answer = "no_answer"
    answer_not_an_option = "answer_not_an_option"
    conflicting_answers = "conflicting_answers"
    too_few_options = "too_few_options"
    duplicate_options = "duplicate_options"
    no_options_or_answer = "no_options_or_answer"
    too_many_options = "too_many_options"


class Warning(StrEnum):
    ignored_text_before_first_question = "ignored_text_before_first_question"
    ignored_text_between_questions = "ignored_text_between_questions"
    ignored_text_after_last_question = "ignored_text_after_last_question"
    duplicate_question_removed = "duplicate_question_removed"
    answer_for_unknown_question = "answer_for_unknown_question"
    no_questions_found = "no_questions_found"


Table = dict[int, set[int]]  # an answer table: question number -> correct option indices


class Format(StrEnum):
    numbered = "numbered"
    blocks = "blocks"


@dataclass
class ParsedQuestion:
    number: int | None
    text: str
    options: list[str] = field(default_factory=list)
    marked: set[int] = field(default_factory=set)  # options marked correct in place
    emphasised: set[int] = field(default_factory=set)  # options in bold (from Word)
    answer: str | None = None  # what an answer line said
    lines: list[str] = field(default_factory=list)
    # Filled by `finish`:
    type: QuestionType = QuestionType.single
    correct: set[int] = field(default_factory=set)
    accepted: list[str] = field(default_factory=list)
    numeric: float | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.problems)

    @property
    def excerpt(self) -> str:
        return "\n".join(self.lines)[:2000]


@dataclass
class ParseResult:
    format: Format
    questions: list[ParsedQuestion]
    warnings: list[Warning]


# --- cleaning ------------------------------------------------------------------------------


def _keycaps(line: str) -> str:
    """`1️⃣ Savol` and `1️⃣2️⃣. Savol` become `1. Savol` and `12. Savol`; 🔟 becomes 10."""
    line = line.replace("\U0001f51f", "10.")
    match = _KEYCAP_NUMBER.match(line)
    if match:
        number = match.group(1).replace("\u20e3", "")
        line = f"{number}{match.group(2) or '.'} {line[match.end() :]}"
    return line.replace("\u20e3", "")


def clean(text: str) -> list[str]:
    """Lines without invisible characters, odd spaces, bullets and emoji digits."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_FULLWIDTH)
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", _keycaps(raw)).strip()
        emphasis = line.startswith(EMPHASIS)
        line = line.replace(EMPHASIS, "").lstrip(_BULLETS).strip()
        lines.append(EMPHASIS + line if emphasis and line else line)
    return lines


# --- answers -------------------------------------------------------------------------------


def letter_index(letter: str) -> int:
    lowered = letter.lower()
    if lowered in _LETTERS_LATIN:
        return _LETTERS_LATIN.index(lowered)
    return _LETTERS_CYRILLIC.index(lowered)


def _table_pairs(line: str) -> list[tuple[int, int]] | None:
    """The (question, option) pairs of an answer-table line, or None if it is not one."""
    pairs = _PAIR.findall(line)
    if not pairs or _PAIR_NOISE.sub("", _PAIR.sub("", line)):
        return None
    return [(int(number), letter_index(letter)) for number, letter in pairs]


def _column_pairs(numbers: str, letters: str) -> list[tuple[int, int]] | None:
    """A Word table read row by row: `1 2 3 4` over `B A D C`."""
    numbers_row, letters_row = numbers.split(), letters.split()
    if len(numbers_row) < 2 or len(numbers_row) != len(letters_row):
        return None
    if not all(n.isdigit() for n in numbers_row):
        return None
    if not all(len(x) == 1 and _LETTER_TOKEN.fullmatch(x) for x in letters_row):
        return None
    return [(int(n), letter_index(x)) for n, x in zip(numbers_row, letters_row, strict=True)]


def _chosen_letters(answer: str, options: list[str]) -> set[int] | None:
    """What an answer line picks: letters (`B`, `a, c`, `B) 4`) or an option's own text."""
    answer = answer.strip()
    folded = fold_for_comparison(answer)
    for index, option in enumerate(options):
        if fold_for_comparison(option) == folded:
            return {index}
    head = (
        re.split(r"[)\].:]", answer, maxsplit=1)[0] if re.match(r"^\S[)\].:]", answer) else answer
    )
    tokens = _LETTER_TOKEN.findall(head)
    words = _WORD.findall(head)
    if tokens and all(w.lower() in _AND for w in words):
        return {letter_index(t) for t in tokens}
    return None


# --- the two formats -----------------------------------------------------------------------


def _split_inline_options(text: str, first: int = 0) -> tuple[str, list[str]] | None:
    """`2+2=? A) 3 B) 4 C) 5` → ("2+2=?", ["3", "4", "5"]) when the letters run in order
    (from the `first` letter: a second line may carry `c) 4 d) 5`)."""
    markers = list(_INLINE_MARKER.finditer(text))
    run: list[re.Match[str]] = []
    for marker in markers:
        if letter_index(marker.group(1)) == first + len(run):
            run.append(marker)
        elif letter_index(marker.group(1)) == first:
            run = [marker]
    if len(run) < 2:
        return None
    head = text[: run[0].start()].strip()
    options = [
        text[m.end() : run[i + 1].start() if i + 1 < len(run) else len(text)].strip(" ;,")
        for i, m in enumerate(run)
    ]
    return head, options


def _add_option(question: ParsedQuestion, text: str, emphasised: bool) -> None:
    marked = False
    if _MARK_BEFORE.match(text):
        text, marked = _MARK_BEFORE.sub("", text), True
    if _MARK_AFTER.search(text):
        text, marked = _MARK_AFTER.sub("", text), True
    index = len(question.options)
    question.options.append(text.strip())
    if marked:
        question.marked.add(index)
    if emphasised:
        question.emphasised.add(index)


def _option_line(line: str, question: ParsedQuestion, next_line: str) -> tuple[int, str] | None:
    """The letter index and text if the line is the question's next option."""
    marked = ""
    body = line
    if _MARK_BEFORE.match(body) and _OPTION.match(_MARK_BEFORE.sub("", body)):
        marked, body = "*", _MARK_BEFORE.sub("", body)
    expected = len(question.options)
    match = _OPTION.match(body)
    if match and letter_index(match.group(1)) == expected:
        return expected, marked + match.group(2)
    # "A 12" without punctuation: only in a run of such options, never for a sentence's "A ".
    spaced = _OPTION_SPACE.match(body)
    if spaced and letter_index(spaced.group(1)) == expected:
        follows = _OPTION_SPACE.match(next_line)
        if expected > 0 or (follows and letter_index(follows.group(1)) == 1):
            return expected, marked + spaced.group(2)
    return None


def _parse_numbered(lines: list[str]) -> tuple[list[ParsedQuestion], Table, list[Warning]]:
    questions: list[ParsedQuestion] = []
    table: Table = {}
    warnings: list[Warning] = []
    current: ParsedQuestion | None = None
    # Lines after the last option join it only once the question goes on (another option, its
    # answer line, the next question): at the end of the text they are a footer ("Omad!", the
    # author), and a footer inside an option would be shown to every student.
    pending: list[str] = []
    closed = False  # the current question has its answer line, or an answer table has begun
    in_table = False
    ignored_before = ignored_between = ignored_after = False

    def go_on() -> None:
        if current is not None and pending:
            current.options[-1] = " ".join([current.options[-1], *pending]).strip()
            current.lines.extend(pending)
        pending.clear()

    index = 0
    while index < len(lines):
        raw = lines[index]
        emphasised = raw.startswith(EMPHASIS)
        line = raw.removeprefix(EMPHASIS)
        following = lines[index + 1].removeprefix(EMPHASIS) if index + 1 < len(lines) else ""
        index += 1
        if not line:
            continue

        header = _TABLE_HEADER.match(line)
        if header and not _ANSWER.match(line):
            in_table = True
            line = header.group(1)
            if not line:
                continue
        pairs = _table_pairs(line)
        columns = None if pairs is not None else _column_pairs(line, following)
        if (pairs is not None and (in_table or len(pairs) >= 2)) or columns is not None:
            in_table = closed = True
            ignored_after = ignored_after or bool(pending)
            pending.clear()
            if columns is not None:
                index += 1
            for number, option in pairs or columns or []:
                table.setdefault(number, set()).add(option)
            continue

        answer = _ANSWER.match(line)
        if answer and current is not None:
            go_on()
            current.answer = answer.group(1).strip()
            current.lines.append(line)
            closed = True
            continue

        if current is not None:
            inline = _split_inline_options(line, first=len(current.options))
            if inline is not None and not inline[0]:
                go_on()
                for text in inline[1]:
                    _add_option(current, text, False)
                current.lines.append(line)
                continue
        if current is not None and (found := _option_line(line, current, following)):
            go_on()
            _add_option(current, found[1], emphasised)
            current.lines.append(line)
            continue

        start = _QUESTION.match(line)
        if start and start.group(2):
            go_on()
            in_table = closed = False
            ignored_between = ignored_between or ignored_after
            ignored_after = False
            current = ParsedQuestion(number=int(start.group(1)), text="", lines=[line])
            questions.append(current)
            text = start.group(2)
            inline = _split_inline_options(text)
            if inline is not None:
                text, options = inline
                for choice in options:
                    _add_option(current, choice, False)
            current.text = text
            continue

        if current is None:
            ignored_before = True
            continue
        if closed:
            ignored_after = True
            continue
        inline = _split_inline_options(line) if not current.options else None
        if inline is not None:
            current.lines.append(line)
            head, options = inline
            current.text = f"{current.text}\n{head}".strip()
            for choice in options:
                _add_option(current, choice, False)
        elif current.options:
            pending.append(line)
        else:
            current.lines.append(line)
            current.text = f"{current.text}\n{line}".strip()
    if ignored_before and questions:
        warnings.append(Warning.ignored_text_before_first_question)
    if ignored_between:
        warnings.append(Warning.ignored_text_between_questions)
    if ignored_after or pending:
        warnings.append(Warning.ignored_text_after_last_question)
    return questions, table, warnings


def _parse_blocks(lines: list[str]) -> list[ParsedQuestion]:
    questions: list[ParsedQuestion] = []
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _BLOCK_QUESTION.match(line.removeprefix(EMPHASIS)):
            blocks.append([])
        else:
            blocks[-1].append(line.removeprefix(EMPHASIS))
    for block in blocks:
        parts: list[list[str]] = [[]]
        for line in block:
            if _BLOCK_OPTION.match(line):
                parts.append([])
            elif line:
                parts[-1].append(line)
        text = "\n".join(parts[0]).strip()
        if not text and len(parts) == 1:
            continue
        start = _QUESTION.match(text)
        question = ParsedQuestion(
            number=int(start.group(1)) if start else None,
            text=start.group(2) if start and start.group(2) else text,
            lines=[line for line in block if line],
        )
        for part in parts[1:]:
            option = " ".join(part).strip()
            if option.startswith("#"):
                question.marked.add(len(question.options))
                option = option[1:].strip()
            if option:
                question.options.append(option)
        questions.append(question)
    return questions


# --- deciding each question ------------------------------------------------------------------


def _finish(question: ParsedQuestion, from_table: set[int] | None) -> None:
    problems = question.problems
    if not question.options:
        if question.answer is not None:
            value = parse_number(question.answer)
            if value is not None:
                question.type, question.numeric = QuestionType.numeric, value
            else:
                question.type, question.accepted = QuestionType.short_answer, [question.answer]
        else:
            question.type = QuestionType.short_answer
            problems.append(Problem.no_options_or_answer)
        return
    if len(question.options) < 2:
        problems.append(Problem.too_few_options)
    if len(question.options) > MAX_OPTIONS:
        problems.append(Problem.too_many_options)
    folded = [fold_for_comparison(o) for o in question.options]
    if len(set(folded)) != len(folded):
        problems.append(Problem.duplicate_options)

    sources: list[set[int]] = []
    if question.answer is not None:
        chosen = _chosen_letters(question.answer, question.options)
        if chosen is None:
            problems.append(Problem.answer_not_an_option)
        else:
            sources.append(chosen)
    if question.marked:
        sources.append(set(question.marked))
    if from_table:
        sources.append(from_table)
    # Bold is a hint only when nothing explicit was given and it singles options out.
    if not sources and question.emphasised and len(question.emphasised) < len(question.options):
        sources.append(set(question.emphasised))

    if any(s != sources[0] for s in sources[1:]):
        problems.append(Problem.conflicting_answers)
        return
    if not sources:
        if Problem.answer_not_an_option not in problems:
            problems.append(Problem.no_answer)
        return
    correct = sources[0]
    if any(i >= len(question.options) for i in correct):
        problems.append(Problem.answer_not_an_option)
        return
    question.correct = correct
    question.type = QuestionType.multiple if len(correct) > 1 else QuestionType.single


def parse(text: str) -> ParseResult:
    lines = clean(text)
    plain = [line.removeprefix(EMPHASIS) for line in lines]
    if any(_BLOCK_QUESTION.match(x) for x in plain) and any(_BLOCK_OPTION.match(x) for x in plain):
        table: Table = {}
        warnings: list[Warning] = []
        found = _parse_blocks(lines)
        kind = Format.blocks
    else:
        found, table, warnings = _parse_numbered(lines)
        kind = Format.numbered

    numbers = {q.number for q in found if q.number is not None}
    if any(number not in numbers for number in table):
        warnings.append(Warning.answer_for_unknown_question)
    questions: list[ParsedQuestion] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for question in found:
        signature = (
            fold_for_comparison(question.text),
            tuple(fold_for_comparison(o) for o in question.options),
        )
        if signature in seen:
            if Warning.duplicate_question_removed not in warnings:
                warnings.append(Warning.duplicate_question_removed)
            continue
        seen.add(signature)
        _finish(question, table.get(question.number) if question.number is not None else None)
        questions.append(question)
    if not questions:
        warnings.append(Warning.no_questions_found)
    return ParseResult(format=kind, questions=questions, warnings=warnings)
