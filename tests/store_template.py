"""Stores made once per test module and copied per test: loading the curated graph into a new store
takes seconds, copying a made one milliseconds. Import the fixtures into a test module to use them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.store import StoreDir, open_store_graph

CROSSWALK = Path(__file__).parent / "data" / "import" / "crosswalk.ttl"


@pytest.fixture(scope="module")
def store_templates(tmp_path_factory) -> dict[str, Path]:
    """An empty store (the curated graph only) and one whose extra graph holds the test crosswalk."""
    base = tmp_path_factory.mktemp("templates")
    StoreDir(base / "empty").create()
    shutil.copytree(base / "empty", base / "crosswalk")
    open_store_graph(base / "crosswalk", [CROSSWALK])
    return {"empty": base / "empty", "crosswalk": base / "crosswalk"}


@pytest.fixture()
def new_store(store_templates, tmp_path) -> Path:
    """A copy of a new store holding the curated graph."""
    return Path(shutil.copytree(store_templates["empty"], tmp_path / "store"))


@pytest.fixture()
def crosswalk_store(store_templates, tmp_path) -> Path:
    """A copy of a new store whose extra graph holds tests/data/import/crosswalk.ttl."""
    return Path(shutil.copytree(store_templates["crosswalk"], tmp_path / "store"))
