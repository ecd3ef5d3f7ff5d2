"""The persistent store: curated graph and imports together, atomic writes, sync, extras."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.errors import ActorgraphError
from actorgraph.importers import acled, import_file
from actorgraph.store import META_FILE, StoreBusy, StoreDir, open_store_graph

ACTOR = "https://w3id.org/actorgraph/id/actor/"


def quads(folder: Path) -> list[str]:
    """Every quad of the current database, as sorted text."""
    return sorted(str(q) for q in StoreDir(folder).open_read_only())


def test_not_a_store(tmp_path):
    with pytest.raises(ActorgraphError, match="is not an actorgraph store"):
        open_store_graph(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ActorgraphError, match="exists and is not an actorgraph store"):
        open_store_graph(tmp_path, create=True)


def test_store_sees_curated_graph_and_imported_events(tmp_path, data_dir):
    folder = tmp_path / "store"
    import_file("acled", data_dir / "import" / "acled_old.csv", folder)
    graph = open_store_graph(folder)
    # a certain fact of the curated graph: GSIM is an actor labelled JNIM
    assert graph.ask("ASK { actor:gsim a ?kind ; skos:prefLabel|skos:altLabel ?l FILTER (STR(?l) = 'JNIM') }")
    rows = graph.select("""
        SELECT ?label ?event WHERE {
          ?event ag:sideA actor:gsim . actor:gsim skos:prefLabel ?label FILTER (LANG(?label) = 'en')
        }""")
    assert [r["event"] for r in rows] == ["https://w3id.org/actorgraph/id/event/acled-TST6"]
    # curated triples are not duplicated by the union of graphs
    assert len(graph.select("SELECT ?l { actor:gsim skos:prefLabel ?l FILTER (LANG(?l) = 'en') }")) == 1


def test_fault_mid_file_leaves_store_unchanged(tmp_path, data_dir, monkeypatch):
    folder = tmp_path / "store"
    import_file("acled", data_dir / "import" / "acled_old.csv", folder)
    before, dbs = quads(folder), sorted(p.name for p in folder.glob("db-*"))
    real = acled.convert

    def faulty(row, ctx):
        if row.number == 3:
            raise RuntimeError("disk on fire")
        return real(row, ctx)

    monkeypatch.setattr(acled, "convert", faulty)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_file("acled", data_dir / "import" / "acled_current.csv", folder)
    assert quads(folder) == before
    assert sorted(p.name for p in folder.glob("db-*")) == dbs  # the discarded copy is gone


def test_a_second_writer_is_refused(tmp_path):
    folder = StoreDir(tmp_path / "store")
    folder.create()
    with folder.transaction():
        with pytest.raises(StoreBusy, match="in use by another import"), folder.transaction():
            pass


def test_curated_graph_reloaded_when_bundle_changes(tmp_path):
    folder = tmp_path / "store"
    graph = open_store_graph(folder, create=True)
    count = graph.select("SELECT (COUNT(*) AS ?n) { GRAPH <https://w3id.org/actorgraph/graph/curated> { ?s ?p ?o } }")
    meta_path = folder / META_FILE
    meta = json.loads(meta_path.read_text())
    meta["curated_sha256"] = "stale"
    meta_path.write_text(json.dumps(meta))
    graph = open_store_graph(folder)
    assert json.loads(meta_path.read_text())["curated_sha256"] != "stale"
    again = graph.select("SELECT (COUNT(*) AS ?n) { GRAPH <https://w3id.org/actorgraph/graph/curated> { ?s ?p ?o } }")
    assert again == count


def test_extra_files_are_seen_then_dropped(tmp_path, data_dir):
    folder = tmp_path / "store"
    graph = open_store_graph(folder, [data_dir / "import" / "crosswalk.ttl"], create=True)
    assert graph.ask("ASK { actor:test-group-a skos:prefLabel 'Group A'@en }")
    graph = open_store_graph(folder)
    assert not graph.ask("ASK { actor:test-group-a ?p ?o }")


def test_lineage_derived_from_imported_changes(tmp_path, data_dir):
    folder = tmp_path / "store"
    open_store_graph(folder, [data_dir / "import" / "crosswalk.ttl"], create=True)
    import_file("mmp", data_dir / "import" / "mmp_relationships.csv", folder)
    graph = open_store_graph(folder, [data_dir / "import" / "crosswalk.ttl"])
    assert graph.ask("ASK { actor:mmp-904 ag:successorOf actor:test-group-a }")
    assert graph.ask("ASK { actor:mmp-905 ag:successorOf actor:mmp-903 }")
    # the curated lineage is derived too
    assert graph.ask("ASK { actor:gsim ag:successorOf+ actor:ansar-dine }")


def test_query_command_over_a_store(runner, tmp_path, data_dir):
    folder = tmp_path / "store"
    import_file("acled", data_dir / "import" / "acled_old.csv", folder)
    result = runner.invoke(main, ["query", "-e", "SELECT (COUNT(?e) AS ?n) { ?e ag:rowId ?id }",
                                  "--store", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "6" in result.output
    result = runner.invoke(main, ["query", "-e", "SELECT * { ?s ?p ?o } LIMIT 1", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "not an actorgraph store" in result.output
