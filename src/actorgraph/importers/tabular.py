"""Reading dataset exports (CSV or XLSX) row by row, with errors that name the row and column.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_bytes(b"\\xef\\xbb\\xbfid , name\\n1,Group A \\n")
>>> table = Table.open(path, required=["id", "name"])
>>> [(r.number, r.line, r.values) for r in table.rows()]
[(1, 2, {'id': '1', 'name': 'Group A'})]
>>> _ = path.write_bytes(b"id;name\\n1;Group A\\n")
>>> Table.open(path, required=["id"])
Traceback (most recent call last):
...
actorgraph.errors.DataFileError: ...t.csv:1: the header is not comma-separated (it looks ';'-separated): export the file as CSV with commas
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorgraph.errors import DataFileError

csv.field_size_limit(2**31 - 1)


class RowError(ValueError):
    """A cell that cannot be read; the importer adds the row and file."""

    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column, self.message = column, message


@dataclass
class Row:
    """One data row: its 1-based number (header excluded), the file line it starts on, its cells.

    A row that could not be split into the header's columns carries its ``error``.
    """

    number: int
    line: int
    values: dict[str, str]
    error: RowError | None = None


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read (for the progress bar)."""

    def __init__(self, raw: io.BufferedReader):
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer)
        self.count += n or 0
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


class Table:
    """A dataset export: its columns and a row iterator; ``fraction_read`` follows the reading."""

    def __init__(self, path: Path, columns: list[str], rows: Iterator[Row], progress: Any):
        self.path, self.columns, self._rows, self._progress = path, columns, rows, progress

    @classmethod
    def open(cls, path: Path | str, required: Sequence[str] = ()) -> Table:
        """Open a ``.csv`` or ``.xlsx`` file and check that it has the ``required`` columns."""
        path = Path(path)
        if not path.is_file():
            raise DataFileError(str(path), "no such file")
        table = _open_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _open_csv(path)
        table.require(required)
        return table

    def require(self, columns: Sequence[str]) -> None:
        """Raise DataFileError (line 1) naming the first of ``columns`` the header lacks."""
        missing = [c for c in columns if c not in self.columns]
        if missing:
            raise DataFileError(str(self.path), f"missing column {missing[0]!r} (the header has: "
                                                f"{', '.join(self.columns)})", 1)

    def rows(self) -> Iterator[Row]:
        """The data rows, in file order."""
        return self._rows

    @property
    def fraction_read(self) -> float:
        """How much of the file has been read, from 0 to 1."""
        return self._progress()


def _normalise_header(cells: Sequence[Any]) -> list[str]:
    return [str(c or "").replace("\ufeff", "").strip().lower() for c in cells]


def _open_csv(path: Path) -> Table:
    size = max(path.stat().st_size, 1)
    counting = _CountingReader(open(path, "rb"))
    text = io.TextIOWrapper(io.BufferedReader(counting, 1 << 20), encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = _normalise_header(next(reader))
    except StopIteration:
        raise DataFileError(str(path), "the file is empty", 1) from None
    except UnicodeDecodeError as exc:
        raise _encoding_error(path, exc, []) from None
    if len(header) == 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in header[0]:
                raise DataFileError(str(path), f"the header is not comma-separated (it looks {delimiter!r}-separated): "
                                               "export the file as CSV with commas", 1)

    def rows() -> Iterator[Row]:
        width, number, previous_line = len(header), 0, reader.line_num
        try:
            for fields in reader:
                start, previous_line = previous_line + 1, reader.line_num
                if not fields:
                    continue
                number += 1
                if len(fields) != width:
                    column = header[min(len(fields), width - 1)]
                    yield Row(number, start, {}, RowError(column, f"expected {width} fields, found {len(fields)} "
                                                                 "(a wrong delimiter or an unquoted comma?)"))
                    continue
                yield Row(number, start, {k: v.strip() for k, v in zip(header, fields)})
        except UnicodeDecodeError as exc:
            raise _encoding_error(path, exc, header) from None
        except csv.Error as exc:
            raise DataFileError(str(path), f"row {number + 1}: not valid CSV: {exc}", reader.line_num) from None
        finally:
            text.close()

    return Table(path, header, rows(), lambda: counting.count / size)


def _encoding_error(path: Path, exc: UnicodeDecodeError, header: list[str]) -> DataFileError:
    """Find the line and column of the first byte that is not UTF-8."""
    with open(path, "rb") as handle:
        if not header:
            header = _normalise_header(next(csv.reader([handle.readline().decode("utf-8", "replace")]), []))
            handle.seek(0)
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                prefix = line[: bad.start].decode("latin-1")
                index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
                column = f", column {header[index]!r}" if 0 <= index < len(header) else ""
                return DataFileError(str(path), f"not UTF-8 text{column}: byte 0x{line[bad.start]:02x}; "
                                                "save the file as UTF-8", number)
    return DataFileError(str(path), f"not UTF-8 text: {exc.reason}; save the file as UTF-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _open_xlsx(path: Path) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataFileError(str(path), f"not a readable XLSX workbook: {exc}") from None
    sheet = workbook.worksheets[0]
    total = max((sheet.max_row or 1) - 1, 1)
    cells = sheet.iter_rows(values_only=True)
    try:
        header = _normalise_header(next(cells))
    except StopIteration:
        raise DataFileError(str(path), "the first sheet is empty", 1) from None
    state = {"done": 0}

    def rows() -> Iterator[Row]:
        try:
            for line, values in enumerate(cells, start=2):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                state["done"] += 1
                padded = list(values) + [None] * (len(header) - len(values))
                yield Row(state["done"], line, {k: _cell(v) for k, v in zip(header, padded) if k})
        finally:
            workbook.close()

    return Table(path, header, rows(), lambda: min(state["done"] / total, 1.0))
