"""Read Turtle files into an embedded pyoxigraph store.

The loader is all-or-nothing: files are parsed into a fresh store, and a file
that does not parse raises :class:`~actorgraph.errors.DataFileError` with its
name, line and column and the parser's message.  After parsing, the lineage
short-cuts (``ag:successorOf``) are materialised from the change events.

>>> store = load_store()                       # the bundled ontology and graph
>>> len(store) > 1000
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from actorgraph import resources
from actorgraph.errors import DataFileError
from actorgraph.namespaces import PREFIXES


def parse_turtle_into(store: ox.Store, path: Path) -> None:
    """Parse one Turtle file into ``store``'s default graph, or raise DataFileError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read the file: {exc.strerror}") from None
    try:
        store.load(input=data, format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri())
    except SyntaxError as exc:
        raise DataFileError(str(path), f"not valid Turtle: {_parser_message(exc)}", exc.lineno, exc.offset) from None


def _parser_message(exc: SyntaxError) -> str:
    message = exc.msg or str(exc)
    return message.replace("Parser error ", "").strip()


def materialise_lineage(store: ox.Store) -> None:
    """Derive ``ag:successorOf`` from the change events (idempotent)."""
    store.update(resources.query_text_file("materialise-lineage.ru"), prefixes=PREFIXES)


def load_store(extra_files: Iterable[Path | str] = (), *, bundled: bool = True) -> ox.Store:
    """An in-memory store with the bundled ontology and graph plus ``extra_files``.

    ``bundled=False`` loads only the extra files (for fixtures and tests).
    """
    store = ox.Store()
    paths = (resources.bundled_files() if bundled else []) + [Path(p) for p in extra_files]
    for path in paths:
        parse_turtle_into(store, path)
    materialise_lineage(store)
    return store
