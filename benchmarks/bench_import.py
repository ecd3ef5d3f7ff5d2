"""Benchmark: importing synthetic ACLED files (current layout) into a store, against rdflib in memory.

A seeded generator writes files of 10k, 100k and 1M rows with a realistic actor mix
(a few actors dominate, composite "and/or" actors, missing actor2, associated actors),
dates over 2017-2023, places with admin levels, notes. For each size it measures the
import time, rows/s, peak RSS (of a child process doing only the import) and the store
size; at 100k rows it loads the same converted triples into an rdflib in-memory Graph
as the baseline. On the largest store it times "events and fatalities per actor per
year" (read from the store's summaries), JNIM's events (count and 20 most recent) and, if the
command exists, ``actorgraph show JNIM --store``.

    python benchmarks/bench_import.py                 # 10k, 100k, 1M
    python benchmarks/bench_import.py --sizes 10000   # quick run

Generated files and stores go to benchmarks/output/ (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

OUTPUT = Path(__file__).parent / "output"
HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
          "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
          "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
          "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# Synthetic actor mix: curated labels (so the crosswalk matches) and made-up ones; weights skewed.
ACTORS = [("JNIM: Group for Support of Islam and Muslims", 2, 30), ("Islamic State (Sahel)", 2, 12),
          ("Military Forces of Mali (2021-)", 1, 15), ("Military Forces of Burkina Faso (2022-)", 1, 10),
          ("Wagner Group", 8, 3), ("Katiba Macina", 2, 4)] + [
          (f"Synthetic Militia {i} (Mali)", 4, 1) for i in range(200)] + [
          (f"Synthetic Communal Group {i} (Burkina Faso)", 4, 1) for i in range(200)]
VICTIMS = [(f"Civilians ({c})", 7) for c in ("Mali", "Burkina Faso", "Niger")]
TYPES = [("Political violence", "Battles", "Armed clash", ""), ("Political violence", "Violence against civilians",
         "Attack", "Civilian targeting"), ("Political violence", "Explosions/Remote violence", "Air/drone strike", ""),
         ("Strategic developments", "Strategic developments", "Looting/property destruction", ""),
         ("Demonstrations", "Protests", "Peaceful protest", "")]
COUNTRIES = {"Mali": ("MLI", 466, ["Gao", "Mopti", "Segou", "Timbuktu", "Kidal", "Menaka"]),
             "Burkina Faso": ("BFO", 854, ["Sahel", "Est", "Nord", "Centre-Nord", "Boucle du Mouhoun"]),
             "Niger": ("NIR", 562, ["Tillaberi", "Tahoua", "Diffa"])}


def generate(path: Path, rows: int, seed: int = 42) -> None:
    """Write a synthetic current-layout ACLED CSV (fictional events, real column layout)."""
    rng = random.Random(seed)
    weights = [w for _, _, w in ACTORS]
    start = date(2017, 1, 1)
    places = []  # a fixed gazetteer, as in real exports where locations repeat
    for index in range(5000):
        country = rng.choice(list(COUNTRIES))
        admin1 = rng.choice(COUNTRIES[country][2])
        admin2 = f"{admin1} District {rng.randrange(8)}"
        places.append((country, admin1, admin2, f"{admin2} Commune {rng.randrange(6)}", f"Village {index}",
                       f"{rng.uniform(10, 20):.4f}", f"{rng.uniform(-5, 4):.4f}", rng.choice((1, 1, 2, 3))))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            country, admin1, admin2, admin3, location, lat, long, geo = rng.choice(places)
            code, iso, _ = COUNTRIES[country]
            disorder, etype, sub, civ = rng.choice(TYPES)
            (a1, i1, _), = rng.choices(ACTORS, weights)
            if rng.random() < 0.01:
                a1 = f"{a1} and/or Islamic State (Sahel)"
            if etype == "Violence against civilians":
                a2, i2 = rng.choice(VICTIMS)
            elif etype == "Protests" or rng.random() < 0.1:
                a2, i2 = "", 0
            else:
                (a2, i2, _), = rng.choices(ACTORS, weights)
            day = start + timedelta(days=rng.randrange(7 * 365))
            writer.writerow([
                f"{code}{n + 1}", day.isoformat(), day.year, rng.choice((1, 1, 1, 2, 3)), disorder, etype, sub,
                a1, "Synthetic Militia 1 (Mali)" if rng.random() < 0.1 else "", i1, a2, "", i2, f"{i1}{i2}", civ,
                iso, "Western Africa", country, admin1, admin2, admin3, location, lat, long, geo,
                "Synthetic Source", "National", f"On a day, a synthetic event number {n} happened near {location}.",
                rng.choice((0, 0, 0, 1, 2, 3, 5, 10)), "", 1_700_000_000 + n])


def _child(code: str, *args: str) -> dict:
    """Run a measurement in a fresh interpreter; returns its JSON with peak RSS added."""
    script = code + "\nimport json, resource, sys\nRESULT['peak_rss_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\nprint(json.dumps(RESULT))"
    out = subprocess.run([sys.executable, "-c", script, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


IMPORT = """
import sys, time
from actorgraph.importers import import_file
t = time.perf_counter()
report = import_file("acled", sys.argv[1], sys.argv[2])
RESULT = {"seconds": time.perf_counter() - t, "rows": report.rows, "matched": len(report.matched),
          "imported": len(report.imported)}
"""

RDFLIB = """
import sys, time
from actorgraph.importers import acled
from actorgraph.importers.context import ImportContext
from actorgraph.importers.crosswalk import Crosswalk
from actorgraph.importers.tabular import Table
import rdflib
t = time.perf_counter()
table = Table.open(sys.argv[1])
ctx = ImportContext("acled", "https://example.org/file", "2024-01-01T00:00:00Z",
                    Crosswalk({}, dataset="acled", source="https://example.org/acled"))
graph = rdflib.Graph()
batch = []
for row in acled.records(table.rows(), table.columns):
    batch.append(acled.convert(row, ctx))
    if len(batch) == 5000:
        batch.append(ctx.crosswalk.drain())
        graph.parse(data="".join(batch), format="nt")
        batch = []
batch.append(ctx.crosswalk.drain())
graph.parse(data="".join(batch), format="nt")
RESULT = {"seconds": time.perf_counter() - t, "triples": len(graph)}
"""

SUMMARY = """
import sys, time
from actorgraph.store import open_store_graph
from actorgraph.summaries import actor_year_summary, recent_events
graph = open_store_graph(sys.argv[1], timeout=None)
t = time.perf_counter()
rows = actor_year_summary(graph)
RESULT = {"seconds": time.perf_counter() - t, "groups": len(rows)}
t = time.perf_counter()
found = recent_events(graph, "https://w3id.org/actorgraph/id/actor/gsim")
RESULT["recent_events_seconds"] = time.perf_counter() - t
RESULT["jnim_events"] = found["total"]
"""


def _size(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--baseline-at", type=int, default=100_000, help="rows at which rdflib is measured")
    parser.add_argument("--skip-imports", action="store_true", help="only time the queries on existing stores")
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    results = []
    for rows in [] if args.skip_imports else args.sizes:
        csv_path = OUTPUT / f"acled_synthetic_{rows}.csv"
        if not csv_path.exists():
            t = time.perf_counter()
            generate(csv_path, rows)
            print(f"generated {csv_path.name} in {time.perf_counter() - t:.1f} s", flush=True)
        store = OUTPUT / f"store_{rows}"
        shutil.rmtree(store, ignore_errors=True)
        result = {"rows": rows, **_child(IMPORT, str(csv_path), str(store))}
        result["rows_per_s"] = rows / result["seconds"]
        result["store_mib"] = _size(store)
        print(f"store   {rows:>9,} rows: {result['seconds']:7.1f} s, {result['rows_per_s']:9,.0f} rows/s, "
              f"peak RSS {result['peak_rss_mib']:7.0f} MiB, store {result['store_mib']:7.0f} MiB", flush=True)
        if rows == args.baseline_at:
            base = _child(RDFLIB, str(csv_path))
            result["rdflib"] = base
            print(f"rdflib  {rows:>9,} rows: {base['seconds']:7.1f} s, {rows / base['seconds']:9,.0f} rows/s, "
                  f"peak RSS {base['peak_rss_mib']:7.0f} MiB ({base['triples']:,} triples); store is "
                  f"{base['seconds'] / result['seconds']:.1f}x faster, {base['peak_rss_mib'] / result['peak_rss_mib']:.1f}x leaner",
                  flush=True)
        results.append(result)
    largest = OUTPUT / f"store_{max(args.sizes)}"
    if args.skip_imports:
        results = json.loads((OUTPUT / "bench_import.json").read_text())["imports"]
    aggregate = _child(SUMMARY, str(largest))
    print(f"events and fatalities per actor per year over {max(args.sizes):,} events (summaries): "
          f"{aggregate['seconds']:.2f} s ({aggregate['groups']:,} groups); JNIM's {aggregate['jnim_events']:,} events "
          f"counted and the 20 most recent picked in {aggregate['recent_events_seconds']:.2f} s", flush=True)
    timings = {"aggregate": aggregate}
    if shutil.which("actorgraph"):
        t = time.perf_counter()
        shown = subprocess.run(["actorgraph", "show", "JNIM", "--store", str(largest)], capture_output=True, text=True)
        timings["show_jnim_seconds"] = time.perf_counter() - t
        timings["show_jnim_exit"] = shown.returncode
        print(f"actorgraph show JNIM --store: {timings['show_jnim_seconds']:.2f} s (exit {shown.returncode})")
    (OUTPUT / "bench_import.json").write_text(json.dumps({"imports": results, **timings}, indent=2))
    print(f"peak RSS of this driver: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
