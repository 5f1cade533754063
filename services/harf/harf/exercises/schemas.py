import uuid
from enum import StrEnum
from typing import Annotated

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
    trace = "trace"


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
    strokes: list[list[tuple[float, float]]] | None = Field(
        default=None,
        description="trace only: the letter's strokes to draw over, in letter units (cap height "
        "1, y down); the app checks the trace with the rules of /tracing",
    )


class AnswerIn(RequestModel):
    answer: list[str] = Field(
        min_length=1, max_length=30, description="one choice; for build_word the tiles in order"
    )


Coordinate = Annotated[float, Field(ge=-5, le=5, allow_inf_nan=False)]


class TraceIn(RequestModel):
    strokes: list[Annotated[list[tuple[Coordinate, Coordinate]], Field(max_length=600)]] = Field(
        min_length=1,
        max_length=30,
        description="what the child drew, stroke by stroke, in the units of the exercise's strokes",
    )


class TraceRules(ResponseModel):
    """How a trace is judged, the same in the app and on the server."""

    tolerance: float = Field(description="how far from the path a point may be, in letter units")
    coverage: float = Field(description="the share of the path the trace must pass near")
    precision: float = Field(description="the share of the trace that must be near the path")


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
    open_letters: int = Field(
        description="how many letters from the start this child may practise (the free ones, "
        "or all with the plan's harf feature): the app shows the others locked"
    )
    letters: list[LetterProgress]


class NextRead(ResponseModel):
    alphabet: AlphabetCode
    letter: int
    kinds: list[ExerciseKind]
