"""Where the bundled ontology, curated graph and named queries live.

In an installed wheel the top-level ``ontology/`` and ``graphs/`` folders are
shipped inside the package as ``actorgraph/_data/``; in a source checkout
(including an editable install) they are read from the repository itself.

>>> [p.name for p in ontology_files()]
['actorgraph.ttl', 'shapes.ttl']
>>> all(p.suffix == ".ttl" for p in graph_files())
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from actorgraph.errors import ActorgraphError

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise ActorgraphError(f"the bundled {name}/ folder is missing: reinstall actorgraph")


def ontology_dir() -> Path:
    """The folder holding ``actorgraph.ttl`` and ``shapes.ttl``."""
    return _data_dir("ontology")


def graphs_dir() -> Path:
    """The folder holding the curated graph's Turtle files."""
    return _data_dir("graphs")


def ontology_files() -> list[Path]:
    """The model (TBox) files, in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))


def model_file() -> Path:
    """The OWL ontology file (without the SHACL shapes)."""
    return ontology_dir() / "actorgraph.ttl"


def shapes_file() -> Path:
    """The SHACL shapes file."""
    return ontology_dir() / "shapes.ttl"


def graph_files() -> list[Path]:
    """The curated data (ABox) files, in a stable order."""
    return sorted(graphs_dir().rglob("*.ttl"))


def bundled_files() -> list[Path]:
    """Everything the embedded default loads: ontology, shapes and curated graph."""
    return ontology_files() + graph_files()


def query_names() -> list[str]:
    """The names of the bundled SPARQL queries (``src/actorgraph/queries/*.rq``)."""
    folder = resources.files("actorgraph") / "queries"
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def query_text(name: str) -> str:
    """The text of a bundled query by name (without the ``.rq`` suffix)."""
    if not (resources.files("actorgraph") / "queries" / f"{name}.rq").is_file():
        raise ActorgraphError(f"no bundled query named {name!r}; `actorgraph query --list` shows them")
    return query_text_file(f"{name}.rq")


def query_text_file(filename: str) -> str:
    """The text of a file in the package's ``queries/`` folder (``.rq`` or ``.ru``)."""
    return (resources.files("actorgraph") / "queries" / filename).read_text(encoding="utf-8")
