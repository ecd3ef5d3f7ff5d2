"""Loading Turtle: all-or-nothing, clear errors, lineage short-cuts materialised."""

from __future__ import annotations

import pytest

from actorgraph.errors import DataFileError
from actorgraph.graph import ActorGraph
from actorgraph.load import load_store


def test_malformed_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n')
    with pytest.raises(DataFileError) as caught:
        load_store([bad], bundled=False)
    assert caught.value.path == str(bad)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{bad}:3:")
    assert "not valid Turtle" in str(caught.value)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="cannot read the file"):
        load_store([tmp_path / "absent.ttl"], bundled=False)


def test_successor_short_cut_is_materialised(data_dir):
    graph = ActorGraph.from_files([data_dir / "shapes" / "valid.ttl"])
    rows = graph.select("SELECT ?old WHERE { actor:ab ag:successorOf ?old } ORDER BY ?old")
    assert [r["old"].rsplit("/", 1)[1] for r in rows] == ["a", "b"]


def test_extra_file_adds_to_bundled_graph(data_dir):
    graph = ActorGraph.bundled([data_dir / "shapes" / "valid.ttl"])
    assert graph.ask('ASK { actor:ab skos:prefLabel "Group AB"@en }')
    assert graph.ask("ASK { ?x a ag:Merger ; org:resultingOrganization actor:gsim }")
