"""A persistent, on-disk store: the curated graph and imported event data together.

A store is a folder made by ``actorgraph import`` (or :func:`create_store`)::

    DIR/actorgraph-store.json   which database is current, and the curated graph's content hash
    DIR/db-000001/              a pyoxigraph (RocksDB) database

Inside the database the parts are kept apart, and queries see the union of them
all (so nothing changes for the query side):

- the default graph holds the imported data (bulk-loading into the default graph
  builds three indexes instead of six: twice as fast);
- :data:`CURATED_GRAPH` the bundled ontology, shapes and curated Turtle files,
  reloaded whenever their content hash changes;
- :data:`EXTRA_GRAPH` the ``--graph`` files of the current invocation;
- :data:`DERIVED_GRAPH` what is derived from the rest (``ag:successorOf``);
- the per-actor, per-year summaries (:mod:`actorgraph.summaries`) of the events of the
  other graphs, recounted with the derived graph (those of the imported events sit in the
  default graph, added by each import).

Writes are atomic. :meth:`StoreDir.transaction` makes a RocksDB checkpoint of the
current database (hard links: it costs milliseconds, whatever the store's size),
hands the copy to the writer, and only when the writer finishes switches the
pointer file to the copy (``os.replace``); an exception discards the copy and
leaves the store exactly as it was.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "store"
>>> graph = open_store_graph(folder, create=True)
>>> graph.ask("ASK { ?c a owl:Class }")
True
>>> with StoreDir(folder).transaction() as store:
...     store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
...                       ox.Literal("1")))
>>> open_store_graph(folder).ask("ASK { <https://example.org/a> ?p ?o }")
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph import resources
from actorgraph.errors import ActorgraphError
from actorgraph.graph import ActorGraph
from actorgraph.load import parse_turtle_into
from actorgraph.namespaces import PREFIXES
from actorgraph.summaries import GRAPH_BASE, Tally, summarise_named

CURATED_GRAPH = ox.NamedNode(GRAPH_BASE + "curated")
EXTRA_GRAPH = ox.NamedNode(GRAPH_BASE + "extra")
DERIVED_GRAPH = ox.NamedNode(GRAPH_BASE + "derived")
META_FILE = "actorgraph-store.json"
FORMAT_VERSION = 1
SUMMARIES_VERSION = 1  #: stores without it (made before the summaries) are summarised at their next write


def curated_hash(files: Iterable[Path] | None = None) -> str:
    """A content hash of the bundled ontology and curated graph (names and bytes)."""
    digest = hashlib.sha256()
    for path in resources.bundled_files() if files is None else files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class StoreBusy(ActorgraphError):
    """Another process is writing to the store."""


class StoreDir:
    """A store folder: its pointer file and its databases."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    # -- the pointer file ---------------------------------------------------------------

    @property
    def meta_path(self) -> Path:
        return self.path / META_FILE

    def exists(self) -> bool:
        """Whether the folder holds a store."""
        return self.meta_path.is_file()

    def meta(self) -> dict[str, Any]:
        """The pointer file's content (raises ActorgraphError if it is not a store)."""
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ActorgraphError(f"{self.path} is not an actorgraph store (no {META_FILE}); "
                                  "create one with `actorgraph import … --store DIR`") from None
        except (OSError, ValueError) as exc:
            raise ActorgraphError(f"{self.meta_path}: unreadable store description: {exc}") from None
        if meta.get("format") != FORMAT_VERSION or not (self.path / str(meta.get("db"))).is_dir():
            raise ActorgraphError(f"{self.path}: the store description does not match its databases")
        return meta

    def _write_meta(self, meta: dict[str, Any]) -> None:
        tmp = self.meta_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.meta_path)

    def _next_db_name(self) -> str:
        # never reuse a name: RocksDB locks are per path within a process
        return f"db-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"

    def _remove_stale(self, keep: str) -> None:
        for path in self.path.glob("db-*"):
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)

    # -- opening ------------------------------------------------------------------------

    def create(self) -> None:
        """Make an empty store holding the curated graph (no-op if one exists)."""
        if self.exists():
            return
        if self.path.exists() and any(self.path.iterdir()):
            raise ActorgraphError(f"{self.path} exists and is not an actorgraph store; give an empty or new folder")
        self.path.mkdir(parents=True, exist_ok=True)
        name = self._next_db_name()
        store = _open_rw(self.path / name)
        _load_curated(store)
        store.flush()
        del store
        self._write_meta({"format": FORMAT_VERSION, "db": name, "curated_sha256": curated_hash(),
                          "summaries": SUMMARIES_VERSION})

    def open_read_only(self) -> ox.Store:
        """The current database, read-only (never blocks a writer)."""
        return ox.Store.read_only(str(self.path / self.meta()["db"]))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[ox.Store]:
        """Yield a writable copy of the current database; commit it only if the block succeeds.

        The curated graph in the copy is brought up to date first.
        """
        meta = self.meta()
        current = self.path / meta["db"]
        try:
            source = _open_rw(current)
        except ActorgraphError as exc:
            raise StoreBusy(f"{self.path}: the store is in use by another import ({exc})") from None
        name = self._next_db_name()
        target = self.path / name
        handle = _Handle()
        try:
            source.backup(str(target))  # the source stays open (locked) until the end: one writer at a time
            handle.store = _open_rw(target)
            if meta.get("curated_sha256") != curated_hash():
                _load_curated(handle.store)
            if meta.get("summaries") != SUMMARIES_VERSION:  # a store from before the summaries: count once
                tally = Tally()
                tally.add_events_of(handle.store, default_graph=ox.DefaultGraph())
                tally.write(handle.store, f"migrated-{uuid.uuid4().hex[:12]}")
                rederive(handle.store)
            yield handle  # type: ignore[misc]
            handle.store.flush()
            handle.store = None  # closes the copy, even if the caller keeps the handle
        except BaseException:
            handle.store = None  # close the copy before deleting it (tracebacks keep the handle)
            shutil.rmtree(target, ignore_errors=True)
            raise
        del source
        self._write_meta({**meta, "db": name, "curated_sha256": curated_hash(), "summaries": SUMMARIES_VERSION})
        self._remove_stale(keep=name)


class _Handle:
    """A writable store lent by a transaction; the transaction closes it by dropping ``store``."""

    store: ox.Store | None = None

    def __getattr__(self, name: str) -> Any:
        if self.store is None:
            raise ActorgraphError("the store transaction is over")
        return getattr(self.store, name)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


def _open_rw(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise ActorgraphError(f"cannot open the store database {path}: {exc}") from None


def _load_curated(store: ox.Store) -> None:
    """(Re)load the bundled files into the curated graph and re-derive lineage."""
    store.clear_graph(CURATED_GRAPH)
    staging = ox.Store()
    for path in resources.bundled_files():
        parse_turtle_into(staging, path)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, CURATED_GRAPH) for q in staging)
    rederive(store)


def rederive(store: ox.Store) -> None:
    """Recompute the derived graph (``ag:successorOf``) from the change events in every graph,
    and the summaries of the events of the curated and extra graphs.

    Runs the loader's ``materialise-lineage.ru`` as a CONSTRUCT over the union of the graphs.
    """
    update = resources.query_text_file("materialise-lineage.ru")
    construct = re.sub(r"^INSERT\b", "CONSTRUCT", update, count=1, flags=re.MULTILINE)
    derived = list(store.query(construct, prefixes=PREFIXES, use_default_graph_as_union=True))
    store.remove_graph(DERIVED_GRAPH)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, DERIVED_GRAPH) for t in derived)
    summarise_named(store, [CURATED_GRAPH, EXTRA_GRAPH, DERIVED_GRAPH])


class _UnionView:
    """A store whose queries see the union of all its graphs (everything else delegated)."""

    def __init__(self, store: ox.Store):
        self._store = store

    def query(self, query: str, **kwargs: Any) -> Any:
        return self._store.query(query, use_default_graph_as_union=True, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)


class _CuratedView(_UnionView):
    """A store whose queries see only the curated, extra and derived graphs (no imported rows)."""

    def query(self, query: str, **kwargs: Any) -> Any:
        return self._store.query(query, default_graph=[CURATED_GRAPH, EXTRA_GRAPH, DERIVED_GRAPH], **kwargs)


class StoreGraph(ActorGraph):
    """An :class:`~actorgraph.graph.ActorGraph` over a persistent store (all graphs as one)."""

    def __init__(self, store: ox.Store, *, path: Path | None = None, timeout: float | None = 30.0):
        super().__init__(_UnionView(store), timeout=timeout)
        self.path = path
        self._curated = ActorGraph(_CuratedView(store), timeout=timeout)

    @property
    def curated(self) -> ActorGraph:
        """The curated, extra and derived graphs, without the imported dataset rows."""
        return self._curated


def open_store_graph(path: Path | str, extra_files: Iterable[Path | str] = (), *,
                     timeout: float | None = 30.0, create: bool = False) -> StoreGraph:
    """Open the store at ``path`` for querying (the curated graph kept in sync with the bundle).

    ``extra_files`` are loaded into the store's extra graph for this and later
    queries, replacing the previous ones; ``create=True`` makes a new store if
    the folder has none.
    """
    folder = StoreDir(path)
    if create:
        folder.create()
    extras = [Path(p) for p in extra_files]
    meta = folder.meta()
    store = folder.open_read_only()
    stale = meta.get("curated_sha256") != curated_hash()
    if stale or extras or store.contains_named_graph(EXTRA_GRAPH):
        del store
        _replace_extras(folder, extras)
        store = folder.open_read_only()
    return StoreGraph(store, path=folder.path, timeout=timeout)


def _replace_extras(folder: StoreDir, extras: list[Path]) -> None:
    """Put ``extras`` in the extra graph (the writable copy is closed when this returns)."""
    staging = ox.Store()
    for extra in extras:
        parse_turtle_into(staging, extra)
    with folder.transaction() as writable:
        writable.remove_graph(EXTRA_GRAPH)
        writable.extend(ox.Quad(q.subject, q.predicate, q.object, EXTRA_GRAPH) for q in staging)
        rederive(writable)
