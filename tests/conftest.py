"""Fixtures shared by the test suite. Tests never read outside the repository."""

from __future__ import annotations

from pathlib import Path

import sys

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
pytest_plugins = ["servers"]  # real servers on loopback: actorgraph serve, Virtuoso

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: tiny hand-checkable fixtures (see tests/data/README.md)."""
    return DATA


@pytest.fixture(scope="session")
def bundled_graph():
    """The bundled ontology and curated graph, loaded once per test session."""
    from actorgraph.graph import ActorGraph

    return ActorGraph.bundled()


@pytest.fixture(scope="session")
def lookup_graph(data_dir):
    """tests/data/lookup/lookup.ttl with the ontology: the fixture of the lookup commands."""
    from actorgraph.graph import ActorGraph
    from actorgraph.resources import model_file

    return ActorGraph.from_files([model_file(), data_dir / "lookup" / "lookup.ttl"])


@pytest.fixture(scope="session")
def small_network(data_dir):
    """tests/data/network/small.ttl: the fixture of the network, analysis and export tests."""
    from actorgraph.graph import ActorGraph

    return ActorGraph.from_files([data_dir / "network" / "small.ttl"])


@pytest.fixture()
def runner() -> CliRunner:
    """A click test runner that keeps stderr apart from stdout."""
    return CliRunner()
