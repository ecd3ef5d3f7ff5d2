"""SHACL validation: the bundled graph conforms, and every shape catches its violation."""

from __future__ import annotations

import json

import pytest

from actorgraph.cli import main
from actorgraph.validate import validate

# fixture under tests/data/shapes/ -> (shape that must fire, severity, words of its message)
VIOLATIONS = {
    "actor-without-source.ttl": ("ags:ActorShape", "error", "cites no source"),
    "actor-without-label.ttl": ("ags:ActorShape", "error", "skos:prefLabel"),
    "actor-without-kind.ttl": ("ags:ActorKindShape", "error", "an actor needs a kind"),
    "lineage-cycle.ttl": ("ags:NoLineageCycleShape", "error", "lineage cycle"),
    "change-without-original.ttl": ("ags:LineageChangeShape", "error", "at least one original"),
    "change-without-result.ttl": ("ags:ResultingOrganizationShape", "error", "resulting organisation"),
    "change-without-source.ttl": ("ags:LineageChangeShape", "error", "cites no source"),
    "change-without-date.ttl": ("ags:LineageChangeShape", "error", "needs a date"),
    "relationship-without-source.ttl": ("ags:RelationshipShape", "error", "cites no source"),
    "relationship-missing-party.ttl": ("ags:RelationshipShape", "error", "exactly one ag:toActor"),
    "relationship-without-kind.ttl": ("ags:RelationshipKindShape", "error", "a relationship needs a kind"),
    "relationship-outside-lifespan.ttl": ("ags:WithinLifespanShape", "warning", "after one party ended"),
    "date-without-precision.ttl": ("ags:DatedValueShape", "error", "xsd:gYearMonth"),
    "end-before-start.ttl": ("ags:EndNotBeforeStartShape", "error", "end date precedes the start"),
    "disagreement-unsourced.ttl": ("ags:DisagreementSourcedShape", "error", "sources disagree"),
    "version-of-absent-triple.ttl": ("ags:RestatedTripleShape", "error", "restate a triple"),
    "person-without-source.ttl": ("ags:PersonShape", "error", "cites no source"),
    "post-without-role.ttl": ("ags:PostShape", "error", "org:role"),
    "event-without-date.ttl": ("ags:EventShape", "error", "an event needs a date"),
    "claim-without-stance.ttl": ("ags:ClaimShape", "error", "ag:stance"),
    "claim-without-source.ttl": ("ags:ClaimShape", "error", "cites no source"),
    "fatality-count-without-figure.ttl": ("ags:FatalityCountShape", "error", "ag:count or ag:minimum"),
    "place-bad-latitude.ttl": ("ags:PlaceShape", "error", "geo:lat"),
    "source-without-publisher.ttl": ("ags:SourceShape", "error", "dcterms:publisher"),
    "source-without-date.ttl": ("ags:SourceDateShape", "warning", "publication date"),
    "version-without-source.ttl": ("ags:ReifiedStatementShape", "error", "cites no source"),
    "dangling-reference.ttl": ("ags:DefinedReferenceShape", "error", "defined nowhere"),
}


def test_bundled_graph_conforms():
    report = validate()
    assert report.conforms, "\n".join(str(f) for f in report.errors)


def test_valid_fixture_has_no_finding(data_dir):
    report = validate([data_dir / "shapes" / "valid.ttl"], bundled=False)
    assert report.findings == []


@pytest.mark.parametrize("fixture", sorted(VIOLATIONS))
def test_each_shape_catches_its_violation(data_dir, fixture):
    shape, severity, words = VIOLATIONS[fixture]
    report = validate([data_dir / "shapes" / fixture], bundled=False)
    assert report.findings, f"{fixture} raised no finding"
    assert {f.shape for f in report.findings} <= {shape, "ags:SourcedProperty"}
    assert any(words in f.message and f.severity == severity for f in report.findings), report.findings
    assert all(f.file.endswith(fixture) for f in report.findings)
    assert report.conforms is (severity == "warning")


def test_every_shape_has_a_violating_fixture():
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from actorgraph.resources import shapes_file

    shapes = Graph().parse(shapes_file())
    targeted = [s for s in shapes.subjects(RDF.type, SH.NodeShape)
                if any(shapes.value(s, t) is not None for t in (SH.targetClass, SH.targetSubjectsOf, SH.target))]
    names = {shapes.namespace_manager.normalizeUri(s) for s in targeted}
    assert names == {shape for shape, _, _ in VIOLATIONS.values()}


def test_cli_validate_exit_codes(runner, data_dir):
    ok = runner.invoke(main, ["validate", "--graph", str(data_dir / "shapes" / "valid.ttl"), "--only"])
    assert ok.exit_code == 0, ok.output
    assert "conforms: 0 error(s)" in ok.output
    bad = runner.invoke(main, ["validate", "--graph", str(data_dir / "shapes" / "end-before-start.ttl"), "--only"])
    assert bad.exit_code == 1
    assert "end-before-start.ttl: error: rel:1" in bad.output
    assert "does not conform" in bad.stderr


def test_cli_validate_json(runner, data_dir):
    result = runner.invoke(main, ["validate", "--graph", str(data_dir / "shapes" / "claim-without-stance.ttl"),
                                  "--only", "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["conforms"] is False and report["errors"] == 1
    assert set(report["findings"][0]) == {"severity", "focus", "label", "path", "value", "message", "shape", "file"}


def test_cli_validate_reports_malformed_turtle(runner, tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n")
    result = runner.invoke(main, ["validate", "--graph", str(bad), "--only"])
    assert result.exit_code == 1
    assert "broken.ttl" in result.stderr and "Turtle" in result.stderr
    assert "Traceback" not in result.output
