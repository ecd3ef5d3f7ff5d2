"""Benchmark the lookup commands against the naive way, in the same run.

Measures cold wall time (a fresh process per run, median of --runs) of

  - ``actorgraph lineage GSIM`` and ``actorgraph show GSIM`` (pyoxigraph, the real CLI), against
  - the naive way: a fresh process that parses every bundled Turtle file with rdflib,
    materialises the lineage short-cut with rdflib, and runs the *same* SPARQL through
    the same library code (lineage.lineage / profile.profile over an rdflib adapter).

Then the lineage walk on a generated lineage of N actors (default 20,000): all
ancestors and descendants of one actor in the middle, in-process, median of runs,
each run on a fresh ActorGraph over the loaded store (no per-graph cache carries over).

The fresh processes cache their bytecode under benchmarks/output/pycache (as an
installed package has its .pyc files), even when PYTHONDONTWRITEBYTECODE is set; one
untimed warm-up run of each command fills it.  --no-bytecode-cache compiles every
module at every start instead (both sides alike).

    python benchmarks/bench_lookup.py                # everything, prints a table
    python benchmarks/bench_lookup.py --runs 5 --actors 2000

Results are also written to benchmarks/output/bench_lookup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"


# --------------------------------------------------------------------------- naive baseline
class RdflibGraph:
    """The naive way: an rdflib Graph answering the same SPARQL through the same interface."""

    def __init__(self, files):
        import rdflib

        from actorgraph import resources
        from actorgraph.namespaces import PREFIXES

        self.prefixes = PREFIXES
        self.graph = rdflib.Graph()
        for path in files:
            self.graph.parse(path, format="turtle")
        self.graph.update(resources.query_text_file("materialise-lineage.ru"), initNs=PREFIXES)

    def _query(self, query, bindings):
        import rdflib

        init = {k: (rdflib.URIRef(v) if str(v).startswith(("http://", "https://")) else rdflib.Literal(v))
                for k, v in bindings.items()}
        result = self.graph.query(query, initNs=self.prefixes, initBindings=init)
        variables = [str(v) for v in result.vars]
        rows = [list(row) for row in result]
        for row in rows:  # initBindings do not always show in the projection
            for i, name in enumerate(variables):
                if row[i] is None and name in init:
                    row[i] = init[name]
        return variables, rows

    def select(self, query, **bindings):
        variables, rows = self._query(query, bindings)
        return [{v: _py(t) for v, t in zip(variables, row)} for row in rows]

    def select_terms(self, query, **bindings):
        variables, rows = self._query(query, bindings)
        return variables, [[_ox(t) for t in row] for row in rows]


def _py(term):
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        value = term.toPython()
        if isinstance(value, (bool, int, float)):
            return value
        return str(term)
    return str(term)


def _ox(term):
    import pyoxigraph as ox
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def naive(command: str, name: str) -> None:
    from actorgraph import resources
    from actorgraph.names import resolve

    graph = RdflibGraph(resources.bundled_files())
    iri = resolve(graph, name)
    if command == "lineage":
        from actorgraph.lineage import lineage, render_tree

        print(render_tree(lineage(graph, iri)))
    else:
        from actorgraph.profile import profile, render_profile

        print(render_profile(profile(graph, iri)))


# --------------------------------------------------------------------------- timing helpers
def cold(argv: list[str], runs: int, env: dict[str, str]) -> dict:
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)  # warm-up, untimed
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": runs}


def generate_lineage(n: int, path: Path) -> str:
    """A lineage of n actors: a chain of renames and splits, with a merger every third step."""
    lines = ["@prefix ag: <https://w3id.org/actorgraph/ontology#> .",
             "@prefix org: <http://www.w3.org/ns/org#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .",
             "@prefix prov: <http://www.w3.org/ns/prov#> .",
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
             "@prefix a: <https://example.org/bench/actor/> .",
             "@prefix c: <https://example.org/bench/change/> .",
             "<https://example.org/bench/source> a ag:Source .",
             ]
    for i in range(n):
        lines.append(f'a:{i} a ag:ArmedGroup ; skos:prefLabel "Bench group {i}"@en .')
    for i in range(1, n):
        year = 1900 + i % 120
        if i % 3 == 0:
            lines.append(f'c:{i} a ag:Merger ; org:originalOrganization a:{i - 1} ; '
                         f'ag:contributingOrganization a:{i // 2} ; org:resultingOrganization a:{i} ; '
                         f'sem:hasTimeStamp "{year}"^^xsd:gYear ; prov:wasDerivedFrom <https://example.org/bench/source> .')
        else:
            kind = "ag:Rename" if i % 2 else "ag:Split"
            role = "org:originalOrganization" if i % 2 else "ag:contributingOrganization"
            lines.append(f'c:{i} a {kind} ; {role} a:{i - 1} ; org:resultingOrganization a:{i} ; '
                         f'sem:hasTimeStamp "{year}"^^xsd:gYear ; prov:wasDerivedFrom <https://example.org/bench/source> .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"https://example.org/bench/actor/{n // 2}"


def process_env(bytecode_cache: bool) -> dict[str, str]:
    """The environment of the timed processes: bytecode cached outside the source tree, or not at all."""
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(OUTPUT / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def bench_big_lineage(n: int, runs: int) -> dict:
    from actorgraph import resources
    from actorgraph.graph import ActorGraph
    from actorgraph.lineage import lineage

    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"lineage-{n}.ttl"
    middle = generate_lineage(n, path)
    start = time.perf_counter()
    store = ActorGraph.from_files([resources.model_file(), path]).store
    load = time.perf_counter() - start
    times, size = [], None
    for _ in range(runs):
        graph = ActorGraph(store)  # as the CLI opens it (30 s time limit), with empty caches
        start = time.perf_counter()
        tree = lineage(graph, middle)
        times.append(time.perf_counter() - start)
        size = (len({s.id for s in tree.ancestors}), len({s.id for s in tree.descendants}))
    return {"actors": n, "load_seconds": load, "median": statistics.median(times), "min": min(times),
            "ancestors": size[0], "descendants": size[1], "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--name", default="GSIM")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile every module at every start (as with PYTHONDONTWRITEBYTECODE)")
    parser.add_argument("--naive", nargs=2, metavar=("COMMAND", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive:
        naive(*args.naive)
        return
    cli = [sys.executable, "-m", "actorgraph.cli"] if not _has_entry_point() else ["actorgraph"]
    me = [sys.executable, os.path.abspath(__file__), "--naive"]
    OUTPUT.mkdir(exist_ok=True)
    env = process_env(not args.no_bytecode_cache)
    results = {"bytecode_cache": not args.no_bytecode_cache}
    for command in ("lineage", "show"):
        results[command] = {"actorgraph": cold(cli + [command, args.name], args.runs, env),
                            "naive_rdflib": cold(me + [command, args.name], max(3, args.runs // 2), env)}
        results[command]["speedup"] = results[command]["naive_rdflib"]["median"] / results[command]["actorgraph"]["median"]
    results["help"] = cold(cli + ["--help"], args.runs, env)
    results["big_lineage"] = bench_big_lineage(args.actors, max(3, args.runs // 2))
    (OUTPUT / "bench_lookup.json").write_text(json.dumps(results, indent=2))
    print(f"{'measure':34s} {'median s':>9s} {'min s':>7s}")
    for command in ("lineage", "show"):
        for who in ("actorgraph", "naive_rdflib"):
            r = results[command][who]
            print(f"{command + ' ' + args.name + ' (' + who + ')':34s} {r['median']:9.3f} {r['min']:7.3f}")
        print(f"{'  speed-up':34s} {results[command]['speedup']:8.1f}x")
    print(f"{'actorgraph --help':34s} {results['help']['median']:9.3f} {results['help']['min']:7.3f}")
    big = results["big_lineage"]
    print(f"{'lineage of 1 in ' + str(big['actors']) + ' actors':34s} {big['median']:9.3f} {big['min']:7.3f}"
          f"   ({big['ancestors']} ancestors, {big['descendants']} descendants; load {big['load_seconds']:.2f} s)")


def _has_entry_point() -> bool:
    from shutil import which

    return which("actorgraph") is not None


if __name__ == "__main__":
    main()
