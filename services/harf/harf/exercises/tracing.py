"""Tracing a letter: its stroke paths come from data (alphabets/data/strokes.json), and a trace
is checked the same way here and in the web app (frontends/apps/harf/src/lib/tracing.ts), so the
app's instant "well done" and the server's count agree.

A letter is traced in its capital form; a digraph's glyphs stand side by side (Sh is S and h).
A trace passes when it runs along most of every stroke of the letter (`coverage`, stroke by
stroke, so a missing bar fails) and stays near the letter (`precision`), both within `tolerance`
of the path, in the letter's units (the cap height is 1). Stroke order and
direction are not judged: a five-year-old who draws an A from the bottom has still drawn an A.
"""

import itertools
import math
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from harf.alphabets import service as alphabets
from harf.alphabets.schemas import AlphabetCode

Point = tuple[float, float]
Stroke = list[Point]

_FILE = Path(__file__).parents[1] / "alphabets" / "data" / "strokes.json"
_GAP = 0.15  # between the glyphs of a digraph
_MAX_INK = 8  # a trace longer than this many times the letter is a scribble


class Glyph(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    width: float = Field(gt=0)
    strokes: list[list[Point]] = Field(min_length=1)


class StrokeData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str
    tolerance: float = Field(gt=0)
    coverage: float = Field(gt=0, le=1)
    precision: float = Field(gt=0, le=1)
    glyphs: dict[str, Glyph]


@cache
def data() -> StrokeData:
    return StrokeData.model_validate_json(_FILE.read_bytes())


def letter_strokes(code: AlphabetCode, number: int) -> list[Stroke] | None:
    """The capital's strokes, glyph after glyph; None when a glyph has no stroke data."""
    glyphs = data().glyphs
    text = alphabets.letter(code, number).upper
    if not all(char in glyphs for char in text):
        return None
    strokes: list[Stroke] = []
    left = 0.0
    for char in text:
        glyph = glyphs[char]
        strokes += [[(round(left + x, 3), y) for x, y in stroke] for stroke in glyph.strokes]
        left += glyph.width + _GAP
    return strokes


def _length(stroke: Stroke) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(stroke))


def resample(stroke: Stroke, step: float) -> list[Point]:
    """Points along the polyline no more than `step` apart (a dot stays one point)."""
    if not stroke:
        return []
    points = [stroke[0]]
    for a, b in itertools.pairwise(stroke):
        pieces = max(1, math.ceil(math.dist(a, b) / step))
        points += [
            (a[0] + (b[0] - a[0]) * i / pieces, a[1] + (b[1] - a[1]) * i / pieces)
            for i in range(1, pieces + 1)
        ]
    return points


def _share_near(points: list[Point], others: list[Point], tolerance: float) -> float:
    near = sum(1 for p in points if any(math.dist(p, q) <= tolerance for q in others))
    return near / len(points)


def check(expected: list[Stroke], drawn: list[Stroke]) -> bool:
    """Whether the drawn strokes trace the expected ones (see the module's docstring)."""
    rules = data()
    drawn = [stroke for stroke in drawn if stroke]
    ink = sum(_length(stroke) for stroke in drawn)
    if not drawn or ink > _MAX_INK * max(sum(_length(s) for s in expected), 1.0):
        return False
    step = rules.tolerance / 2
    paths = [resample(stroke, step) for stroke in expected]
    trace = [p for stroke in drawn for p in resample(stroke, step)]
    return all(
        _share_near(path, trace, rules.tolerance) >= rules.coverage for path in paths
    ) and _share_near(trace, [p for path in paths for p in path], rules.tolerance) >= (
        rules.precision
    )
