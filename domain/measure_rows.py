"""Rows pasted from a spreadsheet or uploaded as CSV, read into readings: every row is
checked, and any bad row refuses the whole (each named by line, column and why)."""

import csv
import re
from datetime import date, datetime
from io import StringIO

from domain.errors import DomainError, RowProblem, RowsRefusedError
from domain.measure_values import LARGEST, Reading

# Most of a ward's data will come from Excel: ISO dates, UK day/month/year, or a month.
_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y")
_MONTH_FORMATS = ("%Y-%m", "%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%m/%Y")
MAX_ROWS = 5000
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def read_rows(text: str, ratio: bool) -> tuple[list[tuple[int, Reading]], list[RowProblem]]:
    """Readings from two columns (date, value) or three (date, numerator, denominator) for
    a percentage, each with its line, and the problems of the rows that are not readings;
    a first line that is not data is taken as the header."""
    lines = text.splitlines()
    if len(lines) > MAX_ROWS:
        raise RowsRefusedError([RowProblem(MAX_ROWS + 1, "rows", f"at most {MAX_ROWS} rows")])
    readings: list[tuple[int, Reading]] = []
    problems: list[RowProblem] = []
    for number, cells in _rows(lines):
        if not any(cells):
            continue
        if number == 1 and _is_header(cells):
            continue
        reading = _reading(number, cells, ratio, problems)
        if reading is not None:
            readings.append((number, reading))
    if not readings and not problems:
        raise RowsRefusedError([RowProblem(1, "rows", "there are no rows of data")])
    return readings, problems


def _rows(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each line's cells: tab-separated as a spreadsheet pastes, else comma or semicolon."""
    sample = "\n".join(lines[:20])
    delimiter = "\t" if "\t" in sample else (";" if sample.count(";") > sample.count(",") else ",")
    rows = csv.reader(StringIO("\n".join(lines)), delimiter=delimiter)
    return [(n, [c.strip() for c in row]) for n, row in enumerate(rows, start=1)]


def _is_header(cells: list[str]) -> bool:
    return parse_day(cells[0]) is None and (len(cells) < 2 or _number(cells[1]) is None)


def _reading(
    line: int, cells: list[str], ratio: bool, problems: list[RowProblem]
) -> Reading | None:
    wanted = 3 if ratio else 2
    if len(cells) != wanted:
        shape = "date, numerator, denominator" if ratio else "date, value"
        problems.append(RowProblem(line, "row", f"expected {wanted} columns ({shape})"))
        return None
    found = len(problems)
    day = parse_day(cells[0])
    if day is None:
        problems.append(RowProblem(line, "date", f"“{cells[0][:40]}” is not a date"))
    names = ("numerator", "denominator") if ratio else ("value",)
    values = [
        _checked_number(line, name, cell, problems)
        for name, cell in zip(names, cells[1:], strict=True)
    ]
    if len(problems) > found or day is None:
        return None
    try:
        if ratio:
            return Reading.of(day, None, values[0], values[1])
        return Reading.of(day, values[0], None, None)
    except DomainError as refused:  # numerator above the denominator...
        problems.append(RowProblem(line, refused.field or "value", str(refused).rstrip(".")))
        return None


def _checked_number(line: int, name: str, cell: str, problems: list[RowProblem]) -> float | None:
    value = _number(cell)
    if value is None:
        problems.append(RowProblem(line, name, f"“{cell[:40]}” is not a number"))
    elif abs(value) > LARGEST:
        problems.append(RowProblem(line, name, "too large to be a measurement"))
    return value


def _number(cell: str) -> float | None:
    cell = cell.removesuffix("%").strip()
    return float(cell) if _NUMBER.fullmatch(cell) else None


def parse_day(cell: str) -> date | None:
    """A date as a ward's spreadsheet writes it, or None; a month alone is its first day."""
    for formats in (_DAY_FORMATS, _MONTH_FORMATS):
        for form in formats:
            try:
                return datetime.strptime(cell, form).date()
            except ValueError:
                continue
    return None
