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


@pytest.fixture()
def runner() -> CliRunner:
    """A click test runner that keeps stderr apart from stdout."""
    return CliRunner()
