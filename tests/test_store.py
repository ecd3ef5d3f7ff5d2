"""The persistent store: curated graph and imports together, atomic writes, sync, extras."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.errors import ActorgraphError
from actorgraph.importers import acled, import_file
from actorgraph.store import META_FILE, StoreBusy, StoreDir, open_store_graph
from store_template import crosswalk_store, new_store, store_templates  # noqa: F401 (fixtures)

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


def test_store_sees_curated_graph_and_imported_events(new_store, data_dir):
    folder = new_store
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


def test_fault_mid_file_leaves_store_unchanged(new_store, data_dir, monkeypatch):
    folder = new_store
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


def test_a_second_writer_is_refused(new_store):
    folder = StoreDir(new_store)
    folder.create()
    with folder.transaction():
        with pytest.raises(StoreBusy, match="in use by another import"), folder.transaction():
            pass


def test_curated_graph_reloaded_when_bundle_changes(new_store):
    folder = new_store
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


def test_extra_files_are_seen_then_dropped(new_store, data_dir):
    folder = new_store
    graph = open_store_graph(folder, [data_dir / "import" / "crosswalk.ttl"], create=True)
    assert graph.ask("ASK { actor:test-group-a skos:prefLabel 'Group A'@en }")
    graph = open_store_graph(folder)
    assert not graph.ask("ASK { actor:test-group-a ?p ?o }")


def test_lineage_derived_from_imported_changes(crosswalk_store, data_dir):
    folder = crosswalk_store
    import_file("mmp", data_dir / "import" / "mmp_relationships.csv", folder)
    graph = open_store_graph(folder, [data_dir / "import" / "crosswalk.ttl"])
    assert graph.ask("ASK { actor:mmp-904 ag:successorOf actor:test-group-a }")
    assert graph.ask("ASK { actor:mmp-905 ag:successorOf actor:mmp-903 }")
    # the curated lineage is derived too
    assert graph.ask("ASK { actor:gsim ag:successorOf+ actor:ansar-dine }")


def test_query_command_over_a_store(runner, tmp_path, new_store, data_dir):
    folder = new_store
    import_file("acled", data_dir / "import" / "acled_old.csv", folder)
    result = runner.invoke(main, ["query", "-e", "SELECT (COUNT(?e) AS ?n) { ?e ag:rowId ?id }",
                                  "--store", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "6" in result.output
    result = runner.invoke(main, ["query", "-e", "SELECT * { ?s ?p ?o } LIMIT 1", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "not an actorgraph store" in result.output


def _figures(graph, summary: str, events: str, keys: tuple[str, ...]) -> tuple[list, list]:
    """The rows of a summary query and of its from-the-events twin, comparable."""
    from actorgraph import resources

    def norm(rows):
        return sorted(tuple(str(r.get(k)) for k in keys) for r in rows)
    return norm(graph.select(resources.query_text(summary))), norm(graph.select(resources.query_text(events)))


def _assert_summaries_exact(graph) -> None:
    from actorgraph.summaries import has_summaries

    assert has_summaries(graph)
    for summary, events, keys in (
            ("actor-year-summary", "actor-year-events", ("actor", "year", "events", "fatalities")),
            ("network-event-hostility-summary", "network-event-hostility", ("a", "b", "year", "events", "fatalities")),
            ("network-event-cobelligerence-summary", "network-event-cobelligerence",
             ("a", "b", "year", "events", "fatalities"))):
        fast, slow = _figures(graph, summary, events, keys)
        assert fast == slow and fast, summary


def test_summaries_stay_exact_through_imports_reimports_and_updates(crosswalk_store, data_dir):
    extra = [data_dir / "import" / "crosswalk.ttl", data_dir / "import" / "summaries.ttl"]
    imports = data_dir / "import"
    for dataset, name in (("acled", "acled_current.csv"), ("acled", "acled_old.csv"), ("ucdp", "ucdp_ged.csv"),
                          ("acled", "acled_current.csv"), ("acled", "acled_current_newer.csv")):
        import_file(dataset, imports / name, crosswalk_store)
        _assert_summaries_exact(open_store_graph(crosswalk_store, extra))
    # the hand-checked events of summaries.ttl (an extra file) are summarised too
    from actorgraph.summaries import actor_year_summary
    rows = {(r["label"], r["year"]): (r["events"], r["fatalities"]) for r in actor_year_summary(
        open_store_graph(crosswalk_store, extra))}
    assert rows[("Group A", 2020)] == (2, 7) and rows[("Group A", 2021)] == (1, 0)


def test_store_from_before_the_summaries_is_summarised_at_its_next_write(new_store, data_dir):
    import pyoxigraph as ox

    import_file("acled", data_dir / "import" / "acled_old.csv", new_store)
    expected = _figures(open_store_graph(new_store), "actor-year-summary", "actor-year-events", ("actor", "year", "events"))
    folder = StoreDir(new_store)
    meta = folder.meta()
    store = ox.Store(str(new_store / meta["db"]))
    store.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")  # no summaries (nor curated graph) yet
    store.update("DELETE { ?s ?p ?o } WHERE { ?s a ?kind ; ?p ?o "
                 "FILTER (?kind IN (ag:ActorYearSummary, ag:HostilityYearSummary, ag:CoBelligerenceYearSummary)) }",
                 prefixes={"ag": "https://w3id.org/actorgraph/ontology#"})
    del store
    (new_store / META_FILE).write_text(json.dumps({k: v for k, v in meta.items() if k != "summaries"} | {
        "curated_sha256": "stale"}))
    graph = open_store_graph(new_store)  # a write: curated graph reloaded, summaries counted
    assert _figures(graph, "actor-year-summary", "actor-year-events", ("actor", "year", "events")) == expected
    assert expected[0]


def test_actor_year_summary_and_recent_events_over_a_store(runner, crosswalk_store, data_dir):
    import_file("acled", data_dir / "import" / "acled_old.csv", crosswalk_store)
    result = runner.invoke(main, ["query", "actor-year-summary", "--store", str(crosswalk_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)  # SPARQL JSON results
    assert answer["head"]["vars"] == ["actor", "label", "year", "events", "fatalities"]
    gsim = [b for b in answer["results"]["bindings"] if b["actor"]["value"] == ACTOR + "gsim"]
    assert gsim and all(int(b["events"]["value"]) > 0 for b in gsim)
    from actorgraph.summaries import recent_events
    graph = open_store_graph(crosswalk_store, [data_dir / "import" / "crosswalk.ttl"])
    every = recent_events(graph, ACTOR + "gsim", limit=1000)
    latest = recent_events(graph, ACTOR + "gsim", limit=2)
    assert every["total"] == len(every["events"]) == latest["total"] > 2
    dates = sorted((e["date"] for e in every["events"]), reverse=True)
    assert [e["date"] for e in latest["events"]] == dates[:2]
