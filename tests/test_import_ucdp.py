"""UCDP GED importer: full and candidate releases, date windows, fatality ranges, actor ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.cli import main
from actorgraph.errors import DataFileError
from actorgraph.importers import import_file
from actorgraph.store import open_store_graph
from store_template import crosswalk_store, store_templates  # noqa: F401 (fixtures)

ACTOR = "https://w3id.org/actorgraph/id/actor/"
EVENT = "https://w3id.org/actorgraph/id/event/ucdp-"


@pytest.fixture()
def store(crosswalk_store: Path) -> Path:
    """A new store whose extra graph holds the fictional test crosswalk."""
    return crosswalk_store


def graph(store, data_dir):
    return open_store_graph(store, [data_dir / "import" / "crosswalk.ttl"])


def test_ged_events_windows_and_fatalities(store, data_dir):
    report = import_file("ucdp", data_dir / "import" / "ucdp_ged.csv", store)
    assert (report.rows, report.records) == (4, 4)
    g = graph(store, data_dir)
    window = g.select("SELECT ?e ?b ?end ?t { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?end "
                      "OPTIONAL { ?e sem:hasTimeStamp ?t } }", e=EVENT + "900002")
    assert [(r["b"], r["end"], r["t"]) for r in window] == [("2019-02-10", "2019-02-16", None)]
    one_day = g.select("SELECT ?e ?t { ?e sem:hasTimeStamp ?t }", e=EVENT + "900001")
    assert [r["t"] for r in one_day] == ["2019-02-22"]
    best = g.select("SELECT ?e ?c ?lo ?hi { ?e ag:fatalities ?f . ?f ag:count ?c ; ag:minimum ?lo ; ag:maximum ?hi }",
                    e=EVENT + "900002")
    assert [(r["c"], r["lo"], r["hi"]) for r in best] == [(4, 2, 6)]
    groups = g.select("SELECT ?e ?g ?c { ?e ag:fatalities [ ag:victimGroup ?g ; ag:count ?c ] } ORDER BY ?g",
                      e=EVENT + "900003")
    assert [(r["g"], r["c"]) for r in groups] == [("civilians", 7), ("side A", 0), ("side B", 0), ("unknown", 0)]
    assert g.ask("ASK { ?e a ag:Attack ; ag:eventType/skos:prefLabel 'One-sided violence'@en }", e=EVENT + "900003")
    assert g.ask("ASK { ?e ag:timePrecision 4 ; sem:hasPlace/ag:geoPrecision 1 }", e=EVENT + "900003")


def test_sides_by_id_then_name(store, data_dir):
    report = import_file("ucdp", data_dir / "import" / "ucdp_ged.csv", store)
    g = graph(store, data_dir)
    sides = g.select("SELECT ?e ?a ?b { ?e ag:sideA ?a ; ag:sideB ?b }", e=EVENT + "900001")
    # side A matched by UCDP name, side B by UCDP actor id (the fixture crosswalk)
    assert (sides[0]["a"], sides[0]["b"]) == (ACTOR + "test-forces-2021", ACTOR + "test-group-a")
    assert g.ask("ASK { actor:ucdp-90003 a ag:Imported ; skos:prefLabel 'Group B'@en ; "
                 "skos:notation '90003'^^ag:UCDPActorId }")
    matched = {e.label: e.rows for e in report.matched}
    assert matched == {"Government of Testland": 2, "Group A": 3}


def test_candidate_release_dates_with_times(store, data_dir):
    report = import_file("ucdp", data_dir / "import" / "ucdp_candidate.csv", store)
    assert report.records == 2
    g = graph(store, data_dir)
    rows = g.select("SELECT ?e ?b ?end { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?end }", e=EVENT + "990002")
    assert [(r["b"], r["end"]) for r in rows] == [("2023-01-20", "2023-01-22")]


def test_end_before_start_is_a_bad_row(store, data_dir, tmp_path):
    text = (data_dir / "import" / "ucdp_ged.csv").read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace("2019-02-10,2019-02-16", "2019-02-16,2019-02-10"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.csv:3: row 2, column 'date_end'"):
        import_file("ucdp", bad, store)


def test_cli_import_ucdp(runner, store, data_dir):
    result = runner.invoke(main, ["import", "ucdp", str(data_dir / "import" / "ucdp_ged.csv"),
                                  "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Imported 4 of 4 rows" in result.output
    result = runner.invoke(main, ["import", "ucdp", str(data_dir / "import" / "acled_old.csv"),
                                  "--store", str(store), "--quiet"])
    assert result.exit_code == 1 and "missing column 'id'" in result.output
