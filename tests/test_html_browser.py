"""The HTML export in a real headless Chromium: offline, slider, filters, search, legend, escaping.

Drives Debian's /usr/bin/chromium through playwright (no downloaded browser). Every
request that is not file:// or data: is aborted and fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actorgraph import network
from actorgraph.export.html import write_html
from actorgraph.graph import ActorGraph
from actorgraph.namespaces import ACTOR, REL

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = Path(__file__).parent / "output"
A, B, D, E = (str(ACTOR[s]) for s in ("group-a", "group-b", "group-d", "force-e"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium is missing: .ci/run must apt-get install chromium")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium) and CI is not set")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        yield chromium
        chromium.close()


class Page:
    """A loaded page with what it tried to fetch, what it logged and any dialog it opened."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def drawn_nodes(self) -> int:
        return self.js("actorgraph.drawnNodeIds().length")

    def drawn_edges(self) -> set[int]:
        return set(self.js("actorgraph.drawnEdgeIds()"))

    def node_drawn(self, iri: str) -> bool:
        return self.js("(iri) => actorgraph.drawnNodeIds().includes(actorgraph.nodeIdOf(iri))", iri)

    def edges_of(self, rel: str) -> set[int]:
        return set(self.js("(iri) => actorgraph.edgeIdsOf(iri)", rel))

    def slide_to(self, when: str) -> None:
        year, month = (int(x) for x in when.split("-"))
        self.js("""(value) => { const s = document.getElementById('date-slider');
                   s.value = value; s.dispatchEvent(new Event('input')); }""", year * 12 + month - 1)

    def clean(self) -> bool:
        return not self.requests and not self.errors and not self.dialogs

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def small_data(data_dir):
    return network.fetch(ActorGraph.from_files([data_dir / "network" / "small.ttl"]), events=True)


@pytest.fixture(scope="module")
def small_net(small_data):
    return network.actor_network(small_data, lineage=True, events=True)


@pytest.fixture(scope="module")
def small_page(browser, small_data, small_net, tmp_path_factory):
    path = write_html(small_net, tmp_path_factory.mktemp("html") / "small.html", small_data.sources)
    page = Page(browser, path)
    yield page
    page.close()


def test_loads_offline_without_errors_and_draws_every_node(small_page, small_net):
    assert small_page.clean(), (small_page.requests, small_page.errors, small_page.dialogs)
    assert small_page.drawn_nodes() == small_net.number_of_nodes() == 8
    assert len(small_page.drawn_edges()) == small_net.number_of_edges()


def test_slider_shows_only_what_held_on_the_date(small_page):
    alliance = small_page.edges_of(str(REL["a--b-alliance-2012"]))
    merger = small_page.edges_of("https://w3id.org/actorgraph/id/change/merger-d")
    small_page.slide_to("2012-03")
    assert alliance <= small_page.drawn_edges()
    assert small_page.js("document.getElementById('date-label').textContent") == "Mar 2012"
    assert not small_page.node_drawn(D)                         # founded in 2017
    small_page.slide_to("2014-06")
    assert not alliance & small_page.drawn_edges()
    assert not merger & small_page.drawn_edges()
    small_page.slide_to("2018-01")                               # the merger happened: A, ceased, stays faded
    assert merger <= small_page.drawn_edges() and small_page.node_drawn(D) and small_page.node_drawn(A)
    small_page.page.uncheck("#show-ceased")
    assert not small_page.node_drawn(A)
    small_page.page.check("#show-ceased")
    small_page.page.uncheck("#time-on")
    assert small_page.drawn_nodes() == 8


def test_filters_by_relation_kind_and_actor_kind(small_page):
    hostility = small_page.edges_of(str(REL["e--c-hostility-2010"]))
    small_page.page.uncheck("input[data-filter=relation][data-kind=hostility]")
    assert not hostility & small_page.drawn_edges()
    small_page.page.check("input[data-filter=relation][data-kind=hostility]")
    assert hostility <= small_page.drawn_edges()
    small_page.page.uncheck("input[data-filter=actor][data-kind=state-force]")
    assert not small_page.node_drawn(E) and small_page.drawn_nodes() == 7
    small_page.page.check("input[data-filter=actor][data-kind=state-force]")
    assert small_page.drawn_nodes() == 8


def test_legend_names_every_kind_drawn(small_page):
    legend = small_page.js("document.getElementById('relation-kinds').textContent")
    for name in ("Alliance", "Hostility", "Component of", "Lineage: merger", "Lineage: split", "Fought (events)"):
        assert name in legend
    assert "State force" in small_page.js("document.getElementById('actor-kinds').textContent")


def test_search_finds_an_actor_by_alias_and_shows_its_sources(small_page):
    small_page.page.fill("#search", "gb")
    small_page.page.press("#search", "Enter")
    info = small_page.js("document.getElementById('info-body').textContent")
    assert "Group B" in info and "Gazette One" in info
    selected = small_page.js("actorgraph.network.getSelectedNodes()")
    assert selected == [small_page.js("(iri) => actorgraph.nodeIdOf(iri)", B)]
    small_page.page.fill("#search", "nobody")
    small_page.page.press("#search", "Enter")
    assert "No actor matches" in small_page.js("document.getElementById('search-message').textContent")


def test_injected_label_renders_as_text_and_runs_nothing(browser, data_dir, tmp_path):
    graph = ActorGraph.from_files([data_dir / "network" / "injected.ttl"])
    data = network.fetch(graph)
    page = Page(browser, write_html(network.actor_network(data), tmp_path / "injected.html", data.sources))
    try:
        injected = page.js("(iri) => actorgraph.nodeIdOf(iri)", str(ACTOR["injected"]))
        page.js("(id) => actorgraph.showInfo(id)", injected)
        page.js("(id) => actorgraph.showTooltipFor(id)", injected)
        page.page.fill("#search", "</script>")
        page.page.press("#search", "Enter")
        assert page.js("document.querySelector('#info-body h3').textContent") == "<img src=x onerror=alert(1)>"
        assert "<img src=x onerror=alert(1)>" in page.js("document.getElementById('tooltip').textContent")
        assert "</script><script>alert(4)</script>" in page.js("document.getElementById('info-body').textContent")
        assert page.js("document.querySelectorAll('img, b, #info-body script').length") == 0
        assert page.js("document.querySelectorAll('#info-body a').length") == 0     # javascript: is no link
        assert page.clean(), (page.requests, page.errors, page.dialogs)
    finally:
        page.close()


def test_bundled_graph_in_the_browser(browser, bundled_graph, tmp_path):
    data = network.fetch(bundled_graph, events=True)
    net = network.actor_network(data, lineage=True, events=True)
    alliances = {d["rel"] for a, b, d in net.edges(data=True) if d["kind"] == "alliance"
                 and {a, b} == {str(ACTOR["ansar-dine"]), str(ACTOR["mnla"])}}
    assert alliances, "the bundled graph records the 2012 Ansar Dine-MNLA alliance"
    page = Page(browser, write_html(net, tmp_path / "bundled.html", data.sources, title="actorgraph: the Sahel"))
    try:
        assert page.clean(), (page.requests, page.errors, page.dialogs)
        assert page.drawn_nodes() == net.number_of_nodes()
        OUTPUT.mkdir(exist_ok=True)
        page.page.screenshot(path=str(OUTPUT / "bundled-graph.png"))
        edges = set().union(*(page.edges_of(rel) for rel in alliances))
        page.slide_to("2012-03")
        assert edges & page.drawn_edges()
        assert not page.node_drawn(str(ACTOR["gsim"]))              # formed in 2017
        page.page.screenshot(path=str(OUTPUT / "bundled-graph-2012-03.png"))
        page.slide_to("2014-06")
        assert not edges & page.drawn_edges()
        page.slide_to("2018-01")
        assert page.node_drawn(str(ACTOR["gsim"])) and page.node_drawn(str(ACTOR["ansar-dine"]))
        page.page.fill("#search", "JNIM")
        page.page.press("#search", "Enter")
        assert "Support Group for Islam and Muslims" in page.js("document.getElementById('info-body').textContent")
        assert page.clean(), (page.requests, page.errors, page.dialogs)
    finally:
        page.close()
