"""Running an import: read the file, convert each row, stream N-Triples into the store, atomically.

The rows are converted to N-Triples text in Python and streamed straight into
pyoxigraph's bulk loader (parsing and indexing run in Rust), inside a
:meth:`~actorgraph.store.StoreDir.transaction`: a bad row (without
``skip_bad_rows``) or any other failure discards the copy and leaves the store as
it was. Re-importing a file, or a newer export of it, first removes the events
(or relationships) the file describes, so nothing is added twice and changed
rows replace the old ones.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError, DataFileError
from actorgraph.importers import acled, mmp, ucdp
from actorgraph.importers.context import DATASET_SOURCES, ImportContext
from actorgraph.importers.crosswalk import Crosswalk, Entry
from actorgraph.importers.ntriples import C, P, iri, lit, triple
from actorgraph.importers.tabular import RowError, Table
from actorgraph.namespaces import PREFIXES, SRC
from actorgraph.store import CURATED_GRAPH, StoreDir, rederive
from actorgraph.summaries import Tally

CONVERTERS: dict[str, ModuleType] = {"acled": acled, "ucdp": ucdp, "mmp": mmp}
CHUNK_ROWS = 2000
DELETE_BATCH = 500

Progress = Callable[[int, float], None]


@dataclass
class BadRow:
    """A row left out by ``skip_bad_rows``."""

    row: int
    line: int
    column: str | None
    message: str


@dataclass
class ImportReport:
    """What an import did: rows read and written, rows left out, the crosswalk, notes."""

    dataset: str
    file: str
    file_iri: str
    rows: int = 0
    records: int = 0
    replaced: int = 0
    seconds: float = 0.0
    bad_rows: list[BadRow] = field(default_factory=list)
    actors: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def matched(self) -> list[Entry]:
        """Labels tied to curated actors."""
        return [e for e in self.actors if e.status == "matched"]

    @property
    def imported(self) -> list[Entry]:
        """Labels that became (or reused) ``ag:Imported`` actors."""
        return [e for e in self.actors if e.status == "imported"]

    def as_dict(self) -> dict:
        """A JSON-ready summary with stable keys."""
        return {
            "dataset": self.dataset, "file": self.file, "source": self.file_iri, "rows": self.rows,
            "records": self.records, "replaced": self.replaced, "seconds": round(self.seconds, 3),
            "matched": [{"label": e.label, "actor": e.actor, "rows": e.rows} for e in self.matched],
            "imported": [{"label": e.label, "actor": e.actor, "rows": e.rows} for e in self.imported],
            "bad_rows": [vars(b) for b in self.bad_rows],
            "warnings": self.warnings,
        }


class _Stream(io.RawIOBase):
    """A readable binary stream over byte chunks made by a producer thread (what bulk_load reads).

    The rows are converted in a thread of their own while pyoxigraph parses and
    indexes the previous chunks (it releases the GIL), so the two overlap on two cores.
    """

    _END = object()

    def __init__(self, chunks: Iterator[bytes], depth: int = 4):
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.buffer, self.offset, self.error = b"", 0, None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._produce, args=(chunks,), daemon=True)
        self.thread.start()

    def _produce(self, chunks: Iterator[bytes]) -> None:
        try:
            for chunk in chunks:
                if not self._put(chunk):
                    return
            self._put(self._END)
        except BaseException as exc:  # handed to the reading side
            self._put(exc)

    def _put(self, item: object) -> bool:
        while not self.stopped.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:  # noqa: ANN001 (a writable buffer)
        while self.offset >= len(self.buffer):
            item = self.queue.get()
            if item is self._END:
                self.queue.put(self._END)
                return 0
            if isinstance(item, BaseException):
                self.error = item  # bulk_load may re-wrap it: keep the original
                raise item
            self.buffer, self.offset = item, 0
        size = min(len(target), len(self.buffer) - self.offset)
        target[:size] = memoryview(self.buffer)[self.offset:self.offset + size]
        self.offset += size
        return size

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        super().close()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_DELETE = """
DELETE { ?s ?p ?o }
WHERE {
  VALUES ?e { %s }
  { ?e ?p ?o BIND (?e AS ?s) } UNION { ?e ag:fatalities ?s . ?s ?p ?o } UNION { ?s ag:aboutEvent ?e . ?s ?p ?o }
}"""


def _remove_records(store: ox.Store, iris: list[str], tally: Tally) -> int:
    """Remove what earlier imports wrote about these records (and their counts from ``tally``);
    returns how many existed."""
    default = ox.DefaultGraph()
    present = [i for i in iris if next(store.quads_for_pattern(ox.NamedNode(i), None, None, default), None)]
    for event in present:
        tally.add_event_from_store(store, ox.NamedNode(event), sign=-1)
    for start in range(0, len(present), DELETE_BATCH):
        values = " ".join(f"<{i}>" for i in present[start:start + DELETE_BATCH])
        store.update(_DELETE % values, prefixes=PREFIXES)
    return len(present)


def _existing_ids(path: Path, converter: ModuleType) -> list[str]:
    table = Table.open(path)
    iris = []
    for record in converter.records(table.rows(), table.columns):
        try:
            iris.append(converter.record_iri(record))
        except (RowError, KeyError):
            continue  # reported by the conversion pass
    return list(dict.fromkeys(iris))


def _lineage(store: ox.Store) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["ag"] + "successorOf"), None):
        edges.setdefault(quad.subject.value, set()).add(quad.object.value)
    return edges


def import_file(dataset: str, path: Path | str, store_dir: Path | str, *, skip_bad_rows: bool = False,
                on_progress: Progress | None = None, now: datetime | None = None) -> ImportReport:
    """Import one ACLED, UCDP GED or MMP file into the store at ``store_dir`` (created if needed).

    Raises :class:`~actorgraph.errors.DataFileError` naming the row and column of the
    first bad row, unless ``skip_bad_rows`` (then the report lists them). ``on_progress``
    is called with (rows read, fraction of the file read) as the import goes.
    """
    if dataset not in CONVERTERS:
        raise ActorgraphError(f"unknown dataset {dataset!r}; expected one of {', '.join(CONVERTERS)}")
    converter = CONVERTERS[dataset]
    path = Path(path)
    started = time.perf_counter()
    table = Table.open(path)
    table.require(converter.required_columns(table.columns))  # before touching the store
    folder = StoreDir(store_dir)
    folder.create()
    file_iri = str(SRC[f"import-{dataset}-{_file_digest(path)[:16]}"])
    report = ImportReport(dataset, str(path), file_iri)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")

    with folder.transaction() as store:
        crosswalk = Crosswalk.from_store(store, dataset=dataset, source=DATASET_SOURCES[dataset])
        places = {s["p"].value for s in store.query("SELECT DISTINCT ?p { ?p a ag:Place }", prefixes=PREFIXES,
                                                     default_graph=CURATED_GRAPH)}
        ctx = ImportContext(dataset, file_iri, stamp, crosswalk, known_places=places, lineage=_lineage(store))
        earlier = next(store.quads_for_pattern(None, ox.NamedNode(PREFIXES["dcterms"] + "isPartOf"),
                                               ox.NamedNode(ctx.source), ox.DefaultGraph()), None)
        if earlier is not None:  # this dataset was imported before: replace, never duplicate
            # (the pyoxigraph iterator is dropped here: it must not be dropped by the converting thread)
            report.replaced = _remove_records(store, _existing_ids(path, converter), ctx.tally)
        store.update(f"DELETE WHERE {{ <{file_iri}> ?p ?o }}")

        def chunks() -> Iterator[bytes]:
            header = iri(file_iri)
            yield (triple(header, P.type, C.dataset) + triple(header, P.title, lit(path.name))
                   + triple(header, P.part_of, iri(ctx.source)) + triple(header, P.imported_on, ctx.imported_on_term())
                   ).encode()
            parts: list[str] = []
            for record in converter.records(table.rows(), table.columns):
                report.rows += 1
                try:
                    if record.error:
                        raise record.error
                    parts.append(converter.convert(record, ctx))
                    report.records += 1
                except RowError as exc:
                    if not skip_bad_rows:
                        raise DataFileError(str(path), f"row {record.number}, column {exc.column!r}: {exc.message}",
                                            record.line) from None
                    report.bad_rows.append(BadRow(record.number, record.line, exc.column, exc.message))
                if len(parts) >= CHUNK_ROWS:
                    parts.append(crosswalk.drain())
                    yield "".join(parts).encode()
                    parts = []
                    if on_progress:
                        on_progress(report.rows, table.fraction_read)
            parts.append(crosswalk.drain())
            yield "".join(parts).encode()
            nodes = ctx.tally.ntriples(f"{dataset}-{uuid.uuid4().hex[:12]}")  # this import's share of the summaries
            while chunk := "".join(itertools.islice(nodes, CHUNK_ROWS)):
                yield chunk.encode()
            if on_progress:
                on_progress(report.rows, 1.0)

        stream = _Stream(chunks())
        try:
            store.bulk_load(stream, ox.RdfFormat.N_TRIPLES, lenient=True)
        except Exception as exc:
            if stream.error is not None:
                raise stream.error from None
            raise ActorgraphError(f"{path}: the converted data could not be loaded: {exc}") from None
        finally:
            stream.close()
        if dataset == "mmp":
            rederive(store)
    report.actors = crosswalk.entries()
    report.warnings = ctx.warnings
    report.seconds = time.perf_counter() - started
    return report
