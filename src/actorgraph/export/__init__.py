"""Exports of the actor network: an interactive HTML page and files for other tools.

- :mod:`actorgraph.export.html`: one self-contained, offline HTML page with a time slider;
- :mod:`actorgraph.export.formats`: GraphML, dynamic GEXF, node-link JSON, JSON-LD,
  Turtle and CSV node and edge lists.

Every export writes to a temporary file beside the target and renames it, so a
failed export never leaves a half-written file, and none mutates its input.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from actorgraph.errors import ActorgraphError


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write_bytes(target, b"hello").read_bytes()
    b'hello'
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ActorgraphError(f"cannot write {target}: the folder {folder} does not exist")
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ActorgraphError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def atomic_write_text(path: Path | str, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))
