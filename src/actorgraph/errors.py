"""Errors that actorgraph reports to its users.

Every error the library raises for bad input is an :class:`ActorgraphError`; the
CLI turns it into a one-line message on stderr and a non-zero exit.
"""

from __future__ import annotations


class ActorgraphError(Exception):
    """A problem the user can fix: the message says what was wrong and what to do."""


class DataFileError(ActorgraphError):
    """A data file (Turtle, CSV, query) could not be read.

    >>> str(DataFileError("graphs/actors.ttl", "expected '.'", line=12))
    "graphs/actors.ttl:12: expected '.'"
    """

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path, self.line, self.column, self.message = str(path), line, column, message
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
