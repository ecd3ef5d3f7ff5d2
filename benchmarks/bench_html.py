"""Benchmark the HTML export against pyvis' defaults on a generated network, in the same run.

A generated network of 5,000 actors and 20,000 dated relations (seeded, so every run
draws the same network) is written twice:
- ours: ``actorgraph.export.html.write_html`` (one self-contained file);
- pyvis' defaults: ``pyvis.network.Network()`` with every node and edge added, then
  ``write_html`` (which copies a ``lib/`` folder and links CDN assets).
Both open in the same headless Chromium (/usr/bin/chromium). We report the file sizes
and the time to first interactive render: from navigation until the layout has
stabilised and been drawn (ours: the page marks itself ready once physics is frozen;
pyvis: the first drawing after vis-network's ``stabilizationIterationsDone``, caught
by an init script). Requests that would leave the machine are aborted and counted.

Run:  python benchmarks/bench_html.py [--actors 5000] [--relations 20000] [--timeout 600]
Output goes to benchmarks/output/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from actorgraph.network import NetworkData, actor_network

OUT = Path(__file__).resolve().parent / "output"
KINDS = ["armed-group"] * 6 + ["state-force", "coalition", "government", "international-mission",
                                "private-military-company", "state"]
RELATIONS = ["alliance", "hostility", "hostility", "affiliation", "support", "component", "allegiance"]
HOOK = """(() => { let net; Object.defineProperty(window, 'network', { configurable: true,
  get() { return net; },
  set(value) { net = value; if (!value || !value.once) return;
    const done = () => value.once('afterDrawing', () =>
      document.documentElement.setAttribute('data-interactive', String(performance.now())));
    value.once('stabilizationIterationsDone', done);
    if (!(value.physics && value.physics.options && value.physics.options.stabilization &&
          value.physics.options.stabilization.enabled)) done(); } }); })();"""


def generate(actors: int, relations: int, seed: int = 42) -> NetworkData:
    rng = random.Random(seed)
    data = NetworkData()
    ids = [f"https://example.org/actor/{i}" for i in range(actors)]
    for i, iri in enumerate(ids):
        record = data.actor(iri)
        record.update(label=f"Actor {i}", kind=rng.choice(KINDS), start=str(rng.randint(1990, 2020)))
    weights = [1 / (i + 1) ** 0.6 for i in range(actors)]          # a few hubs, a long tail
    for r in range(relations):
        a, b = rng.choices(ids, weights, k=2)
        if a == b:
            b = ids[(ids.index(a) + 1) % actors]
        start = rng.randint(1995, 2022)
        data.relationships.append({"rel": f"https://example.org/rel/{r}", "kind": rng.choice(RELATIONS),
                                   "from": a, "to": b, "start": str(start),
                                   "end": str(start + rng.randint(0, 6)) if rng.random() < 0.6 else None,
                                   "sources": []})
    return data


def write_pyvis(net, folder: Path) -> Path:
    from pyvis.network import Network

    folder.mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    os.chdir(folder)                  # pyvis writes lib/ into the current directory
    try:
        page = Network()
        for node, attrs in net.nodes(data=True):
            page.add_node(node, label=attrs["label"])
        for a, b in net.edges():
            page.add_edge(a, b)
        page.write_html("pyvis.html")
    finally:
        os.chdir(here)
    return folder / "pyvis.html"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(browser, path: Path, ready_selector: str, timeout: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(HOOK)
    leaving: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            leaving.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), timeout=timeout * 1000)
    try:
        page.wait_for_selector(ready_selector, state="attached", timeout=timeout * 1000)
        seconds: float | None = time.perf_counter() - start
    except Exception:                                  # noqa: BLE001 - a timeout is a result here
        seconds = None
    page.screenshot(path=str(path.with_suffix(".png")))
    context.close()
    return {"seconds": seconds, "requests_leaving": len(leaving)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--relations", type=int, default=20000)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from actorgraph.export.html import write_html

    OUT.mkdir(parents=True, exist_ok=True)
    net = actor_network(generate(args.actors, args.relations))
    t = time.perf_counter()
    ours = write_html(net, OUT / "ours.html", title="benchmark")
    ours_write = time.perf_counter() - t
    t = time.perf_counter()
    theirs = write_pyvis(net, OUT / "pyvis")
    theirs_write = time.perf_counter() - t
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        ours_run = measure(browser, ours, "body[data-ready=true]", args.timeout)
        theirs_run = measure(browser, theirs, "html[data-interactive]", args.timeout)
        browser.close()
    rows = [
        ("file size (MB)", ours.stat().st_size / 1e6, theirs.stat().st_size / 1e6),
        ("with its assets (MB)", ours.stat().st_size / 1e6, folder_size(theirs.parent) / 1e6),
        ("write time (s)", ours_write, theirs_write),
        ("first interactive render (s)", ours_run["seconds"], theirs_run["seconds"]),
        ("requests leaving the machine", ours_run["requests_leaving"], theirs_run["requests_leaving"]),
    ]
    print(f"{net.number_of_nodes()} actors, {net.number_of_edges()} relations")
    print(f"{'':32}{'actorgraph':>12}{'pyvis':>12}{'ratio':>10}")
    for name, a, b in rows:
        fa = "timeout" if a is None else f"{a:.2f}"
        fb = f">{args.timeout:g}" if b is None else f"{b:.2f}"
        ratio = f"{b / a:.1f}x" if a and b else ""
        print(f"{name:32}{fa:>12}{fb:>12}{ratio:>10}")


if __name__ == "__main__":
    main()
