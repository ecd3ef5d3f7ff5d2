"""Dates at their own precision: a day, a month or a year.

The graph stores dates as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``
literals; their lexical form (``"2017-03-02"``, ``"2017-03"``, ``"2017"``) is
also what users type for ``--as-of``, ``--from`` and ``--to``.  A
:class:`PartialDate` keeps the precision and knows the first and last day it
may mean, which is what "held on a date" needs.

>>> d = PartialDate.parse("2017-03")
>>> d.precision, str(d.earliest), str(d.latest)
('month', '2017-03-01', '2017-03-31')
>>> holds_on(PartialDate.parse("2012"), PartialDate.parse("2012-06"), PartialDate.parse("2012-03-15"))
True
>>> holds_on(PartialDate.parse("2012"), PartialDate.parse("2012-06"), PartialDate.parse("2014"))
False
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from actorgraph.errors import ActorgraphError

_PATTERN = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time zone suffix is ignored).

        >>> PartialDate.parse("2022-07-22").precision
        'day'
        >>> PartialDate.parse("22/07/2022")
        Traceback (most recent call last):
        ...
        actorgraph.errors.ActorgraphError: not a date: '22/07/2022' (expected YYYY, YYYY-MM or YYYY-MM-DD)
        """
        raw = str(text).strip()
        match = _PATTERN.match(re.sub(r"(Z|[+-]\d{2}:\d{2})$", "", raw) if len(raw) > 7 else raw)
        if not match:
            raise ActorgraphError(f"not a date: {raw!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise ActorgraphError(f"not a date: {raw!r} (no such day or month)") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> date:
        """The first day this date may mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this date may mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def parse_optional(text: str | None) -> PartialDate | None:
    """Parse a date that may be absent (``None`` or empty stays ``None``)."""
    return PartialDate.parse(text) if text else None


def holds_on(start: PartialDate | None, end: PartialDate | None, when: PartialDate) -> bool:
    """Whether an interval may have held at ``when``, given the precision of each date.

    An unknown start means "since before anything we know"; an unknown end, "still
    open or ended at an unknown date". The test is generous at the edges: an
    interval starting "2012" holds on "2012-01-05", because it may have.
    """
    if start is not None and start.earliest > when.latest:
        return False
    if end is not None and end.latest < when.earliest:
        return False
    return True
