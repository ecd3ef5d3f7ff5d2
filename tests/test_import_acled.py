"""ACLED importer: older, current and monadic layouts, CSV and XLSX, crosswalk, updates, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.errors import DataFileError
from actorgraph.importers import import_file
from actorgraph.store import open_store_graph
from store_template import crosswalk_store, store_templates  # noqa: F401 (fixtures)

ACTOR = "https://w3id.org/actorgraph/id/actor/"
EVENT = "https://w3id.org/actorgraph/id/event/"


@pytest.fixture()
def store(crosswalk_store: Path) -> Path:
    """A new store whose extra graph holds the fictional test crosswalk."""
    return crosswalk_store


def graph(store: Path, data_dir: Path):
    return open_store_graph(store, [data_dir / "import" / "crosswalk.ttl"])


def value(g, query: str, **bindings):
    """The single value of a one-row, one-column answer (bound variables are projected too)."""
    rows = g.select(query, **bindings)
    assert len(rows) == 1, rows
    return [v for k, v in rows[0].items() if k not in bindings][0]


def test_old_layout_events_dates_places_and_sides(store, data_dir):
    report = import_file("acled", data_dir / "import" / "acled_old.csv", store)
    assert (report.rows, report.records, report.bad_rows) == (6, 6, [])
    g = graph(store, data_dir)
    assert value(g, "SELECT (COUNT(?e) AS ?n) { ?e ag:rowId ?id ; a ag:Event }") == 6
    e1 = EVENT + "acled-TST1"
    assert value(g, "SELECT ?e ?a { ?e ag:sideA ?a }", e=e1) == ACTOR + "test-group-a"
    # the regime-dated label goes to the regime-dated force of the crosswalk
    assert value(g, "SELECT ?e ?a { ?e ag:sideB ?a }", e=e1) == ACTOR + "test-forces-2013"
    assert value(g, "SELECT ?e ?d { ?e sem:hasTimeStamp ?d FILTER (DATATYPE(?d) = xsd:date) }", e=e1) == "2019-02-22"
    assert value(g, "SELECT ?e ?n { ?e ag:fatalities/ag:count ?n }", e=e1) == 3
    assert value(g, "SELECT ?e ?s { ?e prov:wasDerivedFrom ?s }", e=e1) == report.file_iri
    assert value(g, "SELECT ?e ?lat { ?e sem:hasPlace/geo:lat ?lat }", e=e1) == 15.5
    admin = g.select("SELECT ?e ?name ?level { ?e sem:hasPlace/schema:containedInPlace+ ?p . "
                     "?p skos:prefLabel ?name ; ag:adminLevel ?level } ORDER BY ?level", e=e1)
    assert [(r["name"], r["level"]) for r in admin] == [("Testland", 0), ("North Province", 1),
                                                       ("River District", 2), ("Ford Commune", 3)]
    # time precision 3: only the month is known
    assert value(g, "SELECT ?e ?d { ?e sem:hasTimeStamp ?d }", e=EVENT + "acled-TST3") == "2019-02"
    assert g.ask("ASK { ?e sem:hasTimeStamp ?d FILTER (DATATYPE(?d) = xsd:gYearMonth) }", e=EVENT + "acled-TST3")


def test_composite_actor_becomes_two_alleged_claims(store, data_dir):
    import_file("acled", data_dir / "import" / "acled_old.csv", store)
    g = graph(store, data_dir)
    claims = g.select("SELECT ?e ?actor { ?c ag:aboutEvent ?e ; ag:stance ag:Alleged ; ag:responsibleActor ?actor } "
                      "ORDER BY ?actor", e=EVENT + "acled-TST3")
    assert [r["actor"] for r in claims] == [ACTOR + "acled-group-b", ACTOR + "test-group-a"]
    assert not g.ask("ASK { ?e ag:sideA ?a }", e=EVENT + "acled-TST3")
    assert not g.ask("ASK { ?a a ag:Imported ; skos:prefLabel ?l FILTER (CONTAINS(STR(?l), 'and/or')) }")


def test_missing_actor2_and_associated_actors(store, data_dir):
    import_file("acled", data_dir / "import" / "acled_old.csv", store)
    g = graph(store, data_dir)
    e4 = EVENT + "acled-TST4"
    assert not g.ask("ASK { ?e ag:sideB ?b }", e=e4)
    assoc = g.select("SELECT ?e ?a { ?e ag:associatedWithA ?a } ORDER BY ?a", e=e4)
    assert [r["a"] for r in assoc] == [ACTOR + "acled-group-c", ACTOR + "acled-group-d"]


def test_crosswalk_report_and_imported_actors(store, data_dir):
    report = import_file("acled", data_dir / "import" / "acled_old.csv", store)
    matched = {e.label: (e.actor, e.rows) for e in report.matched}
    assert matched["Group A: Test Armed Group"] == (ACTOR + "test-group-a", 3)
    assert matched["Military Forces of Testland (2013-)"] == (ACTOR + "test-forces-2013", 2)
    # the bundled crosswalk (graphs/crosswalk.ttl) ties JNIM's ACLED label to GSIM
    assert matched["JNIM: Group for Support of Islam and Muslims"] == (ACTOR + "gsim", 1)
    imported = {e.label: e.rows for e in report.imported}
    assert imported["Group B"] == 3 and imported["Civilians (Testland)"] == 1
    g = graph(store, data_dir)
    assert g.ask("ASK { ?a a ag:Imported ; skos:prefLabel 'Group B'@en ; "
                 "skos:notation 'Group B'^^ag:ACLEDActorName ; prov:wasDerivedFrom src:acled-dataset }",
                 a=ACTOR + "acled-group-b")
    assert not g.ask("ASK { ?a a ag:Imported }", a=ACTOR + "test-group-a")


def test_current_layout_types_and_text_inter_codes(store, data_dir):
    import_file("acled", data_dir / "import" / "acled_current.csv", store)
    import_file("acled", data_dir / "import" / "acled_current_text_inter.csv", store)
    g = graph(store, data_dir)
    e2 = EVENT + "acled-TST102"
    types = {r["label"] for r in g.select("SELECT ?e ?label { ?e ag:eventType/skos:prefLabel ?label }", e=e2)}
    assert types == {"Violence against civilians", "Attack", "Political violence", "Civilian targeting"}
    assert g.ask("ASK { ?e a ag:Attack }", e=e2)
    assert value(g, "SELECT ?e ?a { ?e ag:sideB ?a }", e=EVENT + "acled-TST101") == ACTOR + "test-forces-2021"
    kinds = {r["label"] for r in g.select("SELECT ?a ?label { ?a ag:actorType/skos:prefLabel ?label }",
                                          a=ACTOR + "acled-group-b")}
    assert kinds == {"Political militia"}  # code 3 and the text "Political militia" are one concept
    assert value(g, "SELECT ?e ?t { ?e ag:tags ?t }", e=EVENT + "acled-TST103") == "crowd size=no report"


def test_monadic_rows_fold_into_one_event(store, data_dir):
    report = import_file("acled", data_dir / "import" / "acled_monadic.csv", store)
    assert (report.rows, report.records) == (2, 2)
    g = graph(store, data_dir)
    e = EVENT + "acled-TST301"
    assert value(g, "SELECT ?e ?a { ?e ag:sideA ?a }", e=e) == ACTOR + "test-group-a"
    assert value(g, "SELECT ?e ?a { ?e ag:associatedWithA ?a }", e=e) == ACTOR + "acled-group-c"
    assert value(g, "SELECT ?e ?a { ?e ag:sideB ?a }", e=e) == ACTOR + "test-forces-2021"


def test_xlsx_gives_the_same_events_as_csv(store, data_dir, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with open(data_dir / "import" / "acled_current.csv", encoding="utf-8") as handle:
        for n, row in enumerate(csv.reader(handle)):
            sheet.append([float(c) if n and c.replace(".", "", 1).lstrip("-").isdigit() else c for c in row])
    xlsx = tmp_path / "acled_current.xlsx"
    workbook.save(xlsx)
    report = import_file("acled", xlsx, store)
    assert (report.rows, report.records) == (4, 4)
    g = graph(store, data_dir)
    assert value(g, "SELECT ?e ?d { ?e sem:hasTimeStamp ?d }", e=EVENT + "acled-TST101") == "2022-03-05"
    assert value(g, "SELECT ?e ?n { ?e ag:fatalities/ag:count ?n }", e=EVENT + "acled-TST101") == 5


def count_triples(store: Path, data_dir: Path) -> int:
    return value(graph(store, data_dir), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")


def test_reimport_adds_nothing_and_newer_export_updates(store, data_dir):
    first = import_file("acled", data_dir / "import" / "acled_current.csv", store)
    before = count_triples(store, data_dir)
    again = import_file("acled", data_dir / "import" / "acled_current.csv", store)
    assert again.replaced == 4 and count_triples(store, data_dir) == before
    newer = import_file("acled", data_dir / "import" / "acled_current_newer.csv", store)
    assert (newer.records, newer.replaced) == (5, 4)
    g = graph(store, data_dir)
    assert [r["n"] for r in g.select("SELECT ?e ?n { ?e ag:fatalities/ag:count ?n }", e=EVENT + "acled-TST101")] == [7]
    notes = g.select("SELECT ?e ?n { ?e ag:notes ?n }", e=EVENT + "acled-TST101")
    assert [r["n"] for r in notes] == ["Synthetic: Group A and soldiers exchanged fire (revised)."]
    assert value(g, "SELECT ?e ?s { ?e prov:wasDerivedFrom ?s }", e=EVENT + "acled-TST101") == newer.file_iri
    assert first.file_iri != newer.file_iri
    assert value(g, "SELECT (COUNT(?e) AS ?n) { ?e ag:rowId ?id }") == 5
    # the composite event's claims were replaced, not doubled
    assert value(g, "SELECT ?e (COUNT(?c) AS ?n) { ?c ag:aboutEvent ?e } GROUP BY ?e", e=EVENT + "acled-TST104") == 2


def test_bad_row_names_row_and_column_and_leaves_store_unchanged(store, data_dir):
    before = count_triples(store, data_dir)
    with pytest.raises(DataFileError) as failure:
        import_file("acled", data_dir / "import" / "acled_bad_date.csv", store)
    message = str(failure.value)
    assert "acled_bad_date.csv:3:" in message and "row 2, column 'event_date'" in message and "2022-02-30" in message
    assert count_triples(store, data_dir) == before


def test_skip_bad_rows_reports_them(store, data_dir):
    report = import_file("acled", data_dir / "import" / "acled_bad_date.csv", store, skip_bad_rows=True)
    assert [(b.row, b.line, b.column) for b in report.bad_rows] == [(2, 3, "event_date"), (3, 4, "latitude")]
    assert report.records == 2
    g = graph(store, data_dir)
    assert {r["id"] for r in g.select("SELECT ?id { ?e ag:rowId ?id }")} == {"TST401", "TST404"}


@pytest.mark.parametrize(("name", "expected"), [
    ("acled_semicolon.csv", "acled_semicolon.csv:1: the header is not comma-separated (it looks ';'-separated)"),
    ("acled_missing_column.csv", "acled_missing_column.csv:1: missing column 'latitude'"),
])
def test_wrong_delimiter_and_missing_column(store, data_dir, name, expected):
    with pytest.raises(DataFileError, match=None) as failure:
        import_file("acled", data_dir / "import" / name, store)
    assert expected in str(failure.value)


def test_wrong_encoding_names_line_and_column(store, data_dir, tmp_path):
    text = (data_dir / "import" / "acled_current.csv").read_text(encoding="utf-8")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(text.replace("Synthetic: Group B killed", "Synthétique: Group B killed").encode("latin-1"))
    with pytest.raises(DataFileError) as failure:
        import_file("acled", latin, store)
    assert "latin1.csv:3: not UTF-8 text, column 'notes': byte 0xe9" in str(failure.value)


def test_cli_import_reports_crosswalk(runner, store, data_dir):
    result = runner.invoke(main, ["import", "acled", str(data_dir / "import" / "acled_old.csv"),
                                  "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Imported 6 of 6 rows" in result.output
    assert "Group A: Test Armed Group" in result.output and "acled-group-b" in result.output
    result = runner.invoke(main, ["import", "acled", str(data_dir / "import" / "acled_old.csv"),
                                  "--store", str(store), "--format", "json"])
    report = json.loads(result.output)
    assert report["rows"] == 6 and report["replaced"] == 6
    assert {"label": "Group B", "actor": ACTOR + "acled-group-b", "rows": 3} in report["imported"]


def test_cli_bad_input_one_line_error(runner, store, data_dir):
    result = runner.invoke(main, ["import", "acled", str(data_dir / "import" / "acled_bad_date.csv"),
                                  "--store", str(store), "--quiet"])
    assert result.exit_code == 1
    assert "row 2, column 'event_date'" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["import", "acled", str(data_dir / "import" / "acled_bad_date.csv"),
                                  "--store", str(store), "--quiet", "--skip-bad-rows"])
    assert result.exit_code == 0 and "Rows left out (2)" in result.output
    result = runner.invoke(main, ["import", "acled", str(data_dir / "import" / "no-such.csv"), "--store", str(store)])
    assert result.exit_code == 1 and "no such file" in result.output


def test_names_on_a_store_resolve_curated_and_imported_actors_but_not_imported_rows(store, data_dir):
    from actorgraph.names import name_index, resolve

    import_file("acled", data_dir / "import" / "acled_old.csv", store)
    g = graph(store, data_dir)
    assert resolve(g, "Group B") == ACTOR + "acled-group-b"          # created by the import
    assert resolve(g, "JNIM") == ACTOR + "gsim"                        # curated
    assert resolve(g, "Group A") == ACTOR + "test-group-a"            # the --graph crosswalk
    indexed = name_index(g).entities
    assert EVENT + "acled-TST1" not in indexed, "imported rows stay out of the name index"
