"""Load test of ``actorgraph serve`` and a lineage lookup embedded vs remote, on loopback only.

    python benchmarks/bench_server.py [--requests 2000] [--concurrency 8] [--no-virtuoso]

1. Starts ``actorgraph serve`` on a free 127.0.0.1 port and sends a fixed number of SPARQL
   requests (a mix of label lookups, ASK and a lineage walk) from N threads; prints errors,
   throughput, p50 and p99 latency; stops the server.  The baseline is ``GET /health`` measured
   the same way in the same run.
2. Times ``actorgraph.lineage.lineage(graph, GSIM)`` on the embedded graph, through
   ``actorgraph serve`` and (when virtuoso-t is installed) through a Virtuoso on loopback.
Results also go to benchmarks/output/bench_server.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from servers import (  # noqa: E402
    TEST_GRAPH, VIRTUOSO_PASSWORD, VIRTUOSO_USER, running_serve, running_virtuoso, virtuoso_available)

GSIM = "https://w3id.org/actorgraph/id/actor/gsim"
QUERIES = [
    "SELECT ?label WHERE { actor:gsim skos:prefLabel|skos:altLabel ?label }",
    "ASK { actor:gsim ag:successorOf+ actor:ansar-dine }",
    "SELECT DISTINCT ?ancestor ?label WHERE { actor:gsim ag:successorOf+ ?ancestor . "
    "OPTIONAL { ?ancestor skos:prefLabel ?label } }",
    "SELECT ?a ?label WHERE { ?a a/rdfs:subClassOf* ag:Actor ; skos:prefLabel ?label } ORDER BY ?label LIMIT 50",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load(url: str, total: int, concurrency: int, make_request) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            while True:
                with lock:
                    index = next(counter, None)
                if index is None:
                    return
                start = time.perf_counter()
                try:
                    ok = make_request(client, url, index).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    errors[0] += not ok

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {"requests": len(latencies), "errors": errors[0], "seconds": round(wall, 3),
            "per_second": round(len(latencies) / wall, 1),
            "p50_ms": round(1000 * percentile(latencies, 0.50), 2),
            "p99_ms": round(1000 * percentile(latencies, 0.99), 2)}


def time_lineage(graph, repeat: int = 20) -> float:
    from actorgraph.lineage import lineage

    lineage(graph, GSIM)  # warm up (connections, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        lineage(graph, GSIM)
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-virtuoso", action="store_true")
    args = parser.parse_args()

    from actorgraph.graph import ActorGraph
    from actorgraph.remote import RemoteGraph

    results: dict[str, object] = {}
    with running_serve(["--log-level", "warning"]) as url:
        health = url.removesuffix("sparql") + "health"
        results["baseline_health"] = load(health, args.requests, args.concurrency,
                                          lambda client, u, i: client.get(u))
        results["sparql_mix"] = load(url, args.requests, args.concurrency,
                                     lambda client, u, i: client.post(u, data={"query": QUERIES[i % len(QUERIES)]}))
        embedded = ActorGraph.bundled()
        lineage_ms = {"embedded": time_lineage(embedded), "serve": time_lineage(RemoteGraph(url))}
    if virtuoso_available() and not args.no_virtuoso:
        from actorgraph.push import push_graph

        with running_virtuoso() as virtuoso:
            push_graph(embedded, virtuoso.graph_store_url, TEST_GRAPH, user=VIRTUOSO_USER, password=VIRTUOSO_PASSWORD)
            remote = RemoteGraph(f"{virtuoso.sparql_url}?{httpx.QueryParams({'default-graph-uri': TEST_GRAPH})}")
            lineage_ms["virtuoso"] = time_lineage(remote)
    results["lineage_median_ms"] = lineage_ms
    results["lineage_ratio_to_embedded"] = {k: round(v / lineage_ms["embedded"], 2) for k, v in lineage_ms.items()}
    mix, base = results["sparql_mix"], results["baseline_health"]
    results["sparql_vs_health_p50"] = round(mix["p50_ms"] / base["p50_ms"], 2)  # type: ignore[index]
    out = ROOT / "benchmarks" / "output"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_server.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
