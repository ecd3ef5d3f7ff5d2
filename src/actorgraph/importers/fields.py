"""Reading the cells of dataset rows: numbers, coordinates and dates at their precision.

Each reader raises :class:`~actorgraph.importers.tabular.RowError` naming the column.

>>> day("22 February 2019", "event_date")
'2019-02-22'
>>> day("2019-02-22", "event_date")
'2019-02-22'
>>> partial_date("2012-00-00", "date"), partial_date("2012-03-00", "date"), partial_date("3/2/17", "date")
(('2012', 'gYear'), ('2012-03', 'gYearMonth'), ('2017-03-02', 'date'))
>>> coordinate("15.797", "latitude", 90)
'15.797'
>>> coordinate("abc", "latitude", 90)
Traceback (most recent call last):
...
actorgraph.importers.tabular.RowError: not a coordinate: 'abc'
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from actorgraph.importers.tabular import RowError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+Z?)?$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%B %d, %Y")


def required(value: str, column: str) -> str:
    """A cell that must not be empty."""
    if not value:
        raise RowError(column, "empty, but a value is required")
    return value


def integer(value: str, column: str, *, default: int | None = None) -> int:
    """A non-negative whole number (``"3"``, ``"3.0"``)."""
    if not value and default is not None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise RowError(column, f"not a number: {value!r}") from None
    if number < 0 or not number.is_integer():
        raise RowError(column, f"not a whole number of zero or more: {value!r}")
    return int(number)


def coordinate(value: str, column: str, limit: float) -> str:
    """A latitude or longitude as an ``xsd:decimal`` lexical form."""
    try:
        number = float(value)
    except ValueError:
        raise RowError(column, f"not a coordinate: {value!r}") from None
    if not -limit <= number <= limit:
        raise RowError(column, f"out of range (-{limit:g} to {limit:g}): {value!r}")
    return value if _DECIMAL.match(value) else format(number, "f")


@lru_cache(maxsize=65536)
def _day(value: str) -> str | None:
    match = _ISO.match(value)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def day(value: str, column: str) -> str:
    """A day as ``YYYY-MM-DD`` from ISO (``2019-02-22``) or ACLED's older ``22 February 2019``."""
    parsed = _day(value.strip())
    if parsed is None:
        raise RowError(column, f"not a date: {value!r} (expected YYYY-MM-DD or '22 February 2019')")
    return parsed


@lru_cache(maxsize=4096)
def _partial(value: str) -> tuple[str, str] | None:
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
    if match:
        year, month, dday = match.groups()
        if month == "00":
            return (year, "gYear") if dday == "00" else None
        if dday == "00":
            return (f"{year}-{month}", "gYearMonth") if 1 <= int(month) <= 12 else None
        parsed = _day(value)
        return (parsed, "date") if parsed else None
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", value)
    if match:
        month_, day_, year_ = (int(g) for g in match.groups())
        if year_ < 100:  # two-digit years: MMP covers 1900s and 2000s; a year ahead of today is the 1900s
            year_ += 2000 if 2000 + year_ <= date.today().year else 1900
        try:
            return date(year_, month_, day_).isoformat(), "date"
        except ValueError:
            return None
    return None


def partial_date(value: str, column: str) -> tuple[str, str]:
    """A date at its precision: ``YYYY-00-00`` (year), ``YYYY-MM-00`` (month), ``YYYY-MM-DD`` or ``M/D/YY``.

    Returns the lexical form and its XSD type (``gYear``, ``gYearMonth``, ``date``).
    """
    parsed = _partial(value.strip())
    if parsed is None:
        raise RowError(column, f"not a date: {value!r} (expected YYYY-00-00, YYYY-MM-00, YYYY-MM-DD or M/D/YY)")
    return parsed
