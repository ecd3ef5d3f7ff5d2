"""The wheel ships the ontology and the curated graph, and works with no checkout around."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("actorgraph-*.whl"))


def test_wheel_contains_ontology_graphs_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "actorgraph/_data/ontology/actorgraph.ttl" in names
    assert "actorgraph/_data/ontology/shapes.ttl" in names
    shipped = {n.rsplit("/", 1)[1] for n in names if n.startswith("actorgraph/_data/graphs/")}
    assert shipped >= {p.name for p in (ROOT / "graphs").glob("*.ttl")}
    assert any(n.startswith("actorgraph/queries/") and n.endswith(".rq") for n in names)


def test_installed_wheel_runs_from_any_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(python), "-c", "import actorgraph, sys; print(actorgraph.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout, "the test must exercise the installed wheel, not the checkout"
    result = subprocess.run([str(env_dir / "bin" / "actorgraph"), "lineage", "GSIM"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Ansar Dine" in result.stdout
    assert not any(elsewhere.iterdir()), "nothing may be written into the working directory"


def _readme_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.split("## Start", 1)[1].split("\n## ", 1)[0]
    return [block.split("\n", 1)[1].strip() for block in start.split("```")[1::2]]


def test_readme_has_exactly_two_start_commands_and_ci_runs_the_test_command():
    install_and_run, run_tests = _readme_start_commands()
    assert install_and_run == "python -m pip install . && actorgraph lineage GSIM"
    ci_lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert ci_lines[-1] == run_tests


def test_readme_library_example_runs(capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(example, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Ansar Dine" in out and "Support Group for Islam and Muslims" in out
