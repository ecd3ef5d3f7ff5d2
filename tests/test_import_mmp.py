"""Stanford MMP importer: relationships and lineage changes, partial dates, duplicates, messy names."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.importers import import_file
from actorgraph.store import open_store_graph
from store_template import crosswalk_store, store_templates  # noqa: F401 (fixtures)

ACTOR = "https://w3id.org/actorgraph/id/actor/"


@pytest.fixture()
def imported(crosswalk_store: Path, data_dir: Path):
    folder = crosswalk_store
    extra = [data_dir / "import" / "crosswalk.ttl"]
    report = import_file("mmp", data_dir / "import" / "mmp_relationships.csv", folder)
    return report, open_store_graph(folder, extra)


def test_relationship_kinds_and_partial_dates(imported):
    _, g = imported
    rows = g.select("""SELECT DISTINCT ?kind ?from ?to ?begin WHERE {
        ?r a ?kind ; ag:fromActor ?from ; ag:toActor ?to ; sem:hasBeginTimeStamp ?begin ; ag:rowId ?id .
        VALUES ?kind { ag:Alliance ag:Hostility ag:Affiliation } } ORDER BY ?begin""")
    ag = "https://w3id.org/actorgraph/ontology#"
    assert [(r["kind"][len(ag):], r["from"], r["to"], r["begin"]) for r in rows] == [
        ("Alliance", ACTOR + "test-group-a", ACTOR + "mmp-902", "2012"),
        ("Hostility", ACTOR + "test-group-a", ACTOR + "mmp-903", "2014-06"),
        ("Affiliation", ACTOR + "mmp-905", ACTOR + "test-group-a", "2019"),
    ]
    assert g.ask("ASK { ?r a ag:Alliance ; sem:hasBeginTimeStamp ?d FILTER (DATATYPE(?d) = xsd:gYear) }")
    assert g.ask("ASK { ?r a ag:Hostility ; sem:hasBeginTimeStamp ?d FILTER (DATATYPE(?d) = xsd:gYearMonth) }")
    assert g.ask("ASK { ?c a ag:Split ; sem:hasTimeStamp '2017-03-02'^^xsd:date }")


def test_duplicates_merged_with_all_descriptions(imported):
    report, g = imported
    alliance = g.select("SELECT ?r (COUNT(DISTINCT ?id) AS ?ids) (COUNT(DISTINCT ?note) AS ?notes) "
                        "{ ?r a ag:Alliance ; ag:rowId ?id ; skos:note ?note } GROUP BY ?r")
    assert [(r["ids"], r["notes"]) for r in alliance] == [(2, 2)]
    assert len(g.select("SELECT DISTINCT ?r { ?r a ag:Hostility ; ag:rowId ?id }")) == 1  # rows 3 and 8 (trailing spaces) are one
    assert sum("duplicate of an earlier row" in w for w in report.warnings) == 2


def test_names_cleaned_and_bom_ignored(imported):
    report, g = imported
    assert report.rows == 8 and not report.bad_rows  # the BOM did not hide the unique_id column
    assert g.select("SELECT ?l { actor:mmp-903 skos:prefLabel ?l }") == [{"l": "Group C"}]
    assert {e.label for e in report.imported} == {"Group B", "Group C", "Group D", "Group E"}
    assert {e.actor for e in report.matched} == {ACTOR + "test-group-a"}


def test_lineage_coded_both_ways_makes_no_cycle(imported):
    report, g = imported
    assert len(g.select("SELECT DISTINCT ?c { ?c a ag:Split ; ag:rowId ?id }")) == 1
    assert g.ask("ASK { ?c a ag:Split ; ag:contributingOrganization actor:test-group-a ; "
                 "org:resultingOrganization actor:mmp-904 }")
    assert not g.ask("ASK { ?x ag:successorOf+ ?x }")
    assert any("lineage cycle" in w and "row 5" in w for w in report.warnings)
    assert g.ask("ASK { ?c a ag:Merger ; org:originalOrganization actor:mmp-903 ; org:resultingOrganization actor:mmp-905 }")


def test_description_kept_as_evidence(imported):
    _, g = imported
    assert g.ask("ASK { ?c a ag:Merger ; skos:note 'Synthetic: Group C merged into Group E.'@en ; "
                 "prov:wasDerivedFrom ?file . ?file a ag:Dataset ; dcterms:isPartOf src:mmp-dataset }")


def test_cli_import_mmp_and_bad_date(runner, tmp_path, data_dir):
    folder = tmp_path / "store"
    result = runner.invoke(main, ["import", "mmp", str(data_dir / "import" / "mmp_relationships.csv"),
                                  "--store", str(folder), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "note: row 5" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("unique_id,type,group1_id,group2_id,date,description,group1_name,group2_name\n"
                   "1,all,1,2,2012-13-00,x,Group A,Group B\n", encoding="utf-8")
    result = runner.invoke(main, ["import", "mmp", str(bad), "--store", str(folder), "--quiet"])
    assert result.exit_code == 1 and "row 1, column 'date'" in result.output
