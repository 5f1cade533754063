import uuid
from enum import StrEnum

from pydantic import Field

from alif.schemas import RequestModel, ResponseModel
from harf.alphabets.schemas import AlphabetCode
from harf.goals.schemas import MilestoneRead


class ExerciseKind(StrEnum):
    hear_and_tap = "hear_and_tap"
    find_in_word = "find_in_word"
    match_case = "match_case"
    build_word = "build_word"
    minimal_pair = "minimal_pair"
    script_bridge = "script_bridge"


class ExerciseRead(ResponseModel):
    """An exercise as the child sees it: never its answer."""

    id: uuid.UUID
    alphabet: AlphabetCode
    letter: int
    kind: ExerciseKind
    prompt: str = Field(description="a capital, a word, a word with _ for the letter, or empty")
    emoji: str | None
    word: int | None = Field(description="the example word whose sound goes with it (audio?word=)")
    choices: list[str]


class AnswerIn(RequestModel):
    answer: list[str] = Field(
        min_length=1, max_length=30, description="one choice; for build_word the tiles in order"
    )


class AnswerResult(ResponseModel):
    correct: bool
    answer: list[str] = Field(description="the right answer, to show after a mistake")
    milestones: list[MilestoneRead] = Field(description="reached with this answer, and paid")


class LetterStatus(StrEnum):
    not_started = "not_started"
    learning = "learning"
    mastered = "mastered"


class LetterProgress(ResponseModel):
    letter: int
    upper: str
    status: LetterStatus
    box: int = Field(description="the Leitner box, 0 (not started) to 5")
    right: int
    wrong: int


class ProgressRead(ResponseModel):
    alphabet: AlphabetCode
    mastered: int
    learning: int
    not_started: int
    letters: list[LetterProgress]


class NextRead(ResponseModel):
    alphabet: AlphabetCode
    letter: int
    kinds: list[ExerciseKind]
