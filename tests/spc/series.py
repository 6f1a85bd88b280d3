"""Helpers to build observations for the SPC tests."""

import json
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from projections.spc import Observation

PUBLISHED = (
    Path(__file__).parent.parent / "data" / "runcharts" / "qicharts2-cdi-amager-hvidovre.json"
)
START = date(2025, 1, 6)


def weekly(
    values: Sequence[float], *, excluded: Sequence[int] = (), marked: Sequence[int] = ()
) -> list[Observation]:
    """One observation a week from 6 January 2025, some excluded or marked astronomical."""
    return [
        Observation(START + timedelta(weeks=i), v, i in excluded, i in marked)
        for i, v in enumerate(values)
    ]


def week(i: int) -> date:
    """The date of the i-th weekly observation."""
    return START + timedelta(weeks=i)


def published() -> tuple[list[Observation], dict[str, object]]:
    """The C. difficile series (36 months) and the file it came from."""
    data = json.loads(PUBLISHED.read_text())
    observations = [
        Observation(date.fromisoformat(at), float(v))
        for at, v in zip(data["x"], data["values"], strict=True)
    ]
    return observations, data
