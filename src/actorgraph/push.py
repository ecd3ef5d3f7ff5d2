"""Upload the graph to a SPARQL server, in batches.

Two ways in, both standard:

- the SPARQL 1.1 Graph Store Protocol (``protocol="gsp"``): ``POST`` N-Triples to
  ``ENDPOINT?graph=IRI`` (Virtuoso: ``/sparql-graph-crud-auth``; Fuseki: ``/DATASET/data``;
  GraphDB: ``/repositories/ID/rdf-graphs/service``);
- SPARQL 1.1 Update (``protocol="update"``): ``INSERT DATA { GRAPH <IRI> { … } }`` to an
  update endpoint (Virtuoso: ``/sparql-auth``; Fuseki: ``/DATASET/update``).

The target graph is emptied first unless ``append=True``, so pushing twice leaves one copy.
Virtuoso keeps a ``gYear`` or ``gYearMonth`` as its first day, which merges "March 2017" with
"1 March 2017" when sources disagree; for Virtuoso (recognised by its ``Server`` header)
partial dates travel with opaque datatypes that :mod:`actorgraph.remote` maps back.
Blank nodes keep their identity: triples that share a blank node always travel in the same
batch. Credentials are passed in by the caller (the CLI reads them from the environment)
and never appear in messages.

>>> batches([ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal(str(i)))
...          for i in range(5)], size=2).__next__().__len__()
2
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.graph import ActorGraph
from actorgraph.remote import ENCODED_DATATYPES

#: the graph IRI ``push`` writes to unless told otherwise
DEFAULT_GRAPH_IRI = "https://w3id.org/actorgraph/graph"
PROTOCOLS = ("gsp", "update")
USER_VARIABLE = "ACTORGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "ACTORGRAPH_ENDPOINT_PASSWORD"
AUTH_VARIABLE = "ACTORGRAPH_ENDPOINT_AUTH"


@dataclass(frozen=True)
class Credentials:
    """A user name and password for an endpoint, and the HTTP scheme to send them with."""

    user: str
    password: str
    scheme: str = "digest"

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"Credentials(user={self.user!r}, scheme={self.scheme!r})"

    @classmethod
    def from_environment(cls) -> Credentials | None:
        """Read ``ACTORGRAPH_ENDPOINT_USER`` / ``_PASSWORD`` (and ``_AUTH``: digest or basic).

        >>> Credentials.from_environment() is None or True
        True
        """
        user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
        if not user and not password:
            return None
        if not user or password is None:
            raise ActorgraphError(f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE}, or neither")
        scheme = os.environ.get(AUTH_VARIABLE, "digest").strip().lower()
        if scheme not in ("digest", "basic"):
            raise ActorgraphError(f"{AUTH_VARIABLE} must be 'digest' or 'basic', not {scheme!r}")
        return cls(user, password, scheme)

    def httpx_auth(self) -> object:
        import httpx

        if self.scheme == "basic":
            return httpx.BasicAuth(self.user, self.password)
        return httpx.DigestAuth(self.user, self.password)


def graph_triples(graph: ActorGraph) -> list[ox.Triple]:
    """Every triple of a local graph (named graphs flattened), as the embedded queries see it."""
    store = getattr(graph, "store", None)
    if not hasattr(store, "quads_for_pattern"):
        raise ActorgraphError("push needs a local graph (the bundled graph or --store), not a remote endpoint")
    return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object)
                              for q in store.quads_for_pattern(None, None, None, None)))


def batches(triples: Iterable[ox.Triple], size: int = 5000) -> Iterator[list[ox.Triple]]:
    """Split triples into batches of about ``size``, never splitting what a blank node joins.

    >>> b = ox.BlankNode()
    >>> t = [ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), b),
    ...      ox.Triple(ox.NamedNode("http://e/c"), ox.NamedNode("http://e/p"), ox.Literal("x")),
    ...      ox.Triple(b, ox.NamedNode("http://e/q"), ox.Literal("y"))]
    >>> [len(batch) for batch in batches(t, size=1)]
    [2, 1]
    """
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    triples = list(triples)
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) and isinstance(triple.object, ox.BlankNode):
            parent[root(triple.subject)] = root(triple.object)
    groups: dict[object, list[ox.Triple]] = {}
    for index, triple in enumerate(triples):
        node = next((n for n in (triple.subject, triple.object) if isinstance(n, ox.BlankNode)), None)
        groups.setdefault(root(node) if node is not None else index, []).append(triple)
    batch: list[ox.Triple] = []
    for group in groups.values():
        if batch and len(batch) + len(group) > size:
            yield batch
            batch = []
        batch.extend(group)
    if batch:
        yield batch


def encode_partial_dates(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Give ``gYear``/``gYearMonth`` objects the opaque datatypes Virtuoso keeps apart.

    >>> year = ox.Literal("2017", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    >>> t = ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), year)
    >>> encode_partial_dates([t])[0].object.datatype.value
    'https://w3id.org/actorgraph/ontology#encoded-gYear'
    """
    out = []
    for triple in triples:
        obj = triple.object
        if isinstance(obj, ox.Literal) and obj.datatype.value in ENCODED_DATATYPES:
            obj = ox.Literal(obj.value, datatype=ox.NamedNode(ENCODED_DATATYPES[obj.datatype.value]))
            triple = ox.Triple(triple.subject, triple.predicate, obj)
        out.append(triple)
    return out


def _is_virtuoso(client: object, endpoint: str) -> bool:
    import httpx

    try:
        server = client.head(endpoint).headers.get("server", "")  # type: ignore[attr-defined]
    except httpx.HTTPError:
        return False
    return "virtuoso" in server.lower()


def push_graph(graph: ActorGraph, endpoint: str, graph_iri: str = DEFAULT_GRAPH_IRI, *,
               protocol: str = "gsp", credentials: Credentials | None = None, user: str | None = None,
               password: str | None = None, batch_size: int = 5000, append: bool = False,
               encode_dates: bool | None = None, timeout: float = 120.0,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Upload every triple of ``graph`` into the named graph ``graph_iri`` at ``endpoint``.

    ``protocol`` is ``"gsp"`` (Graph Store Protocol) or ``"update"`` (SPARQL Update);
    ``user``/``password`` are a shortcut for digest ``credentials``; ``encode_dates`` sends
    partial dates with opaque datatypes (default: only to Virtuoso). ``progress(sent, total)``
    is called after each batch. Returns the number of triples sent.
    """
    import httpx

    if protocol not in PROTOCOLS:
        raise ActorgraphError(f"unknown protocol {protocol!r}: use one of {', '.join(PROTOCOLS)}")
    url = httpx.URL(endpoint)
    if url.scheme not in ("http", "https") or not url.host:
        raise ActorgraphError(f"not an http(s) endpoint URL: {endpoint!r}")
    if url.userinfo:
        raise ActorgraphError(f"do not put credentials in the URL; set {USER_VARIABLE} and {PASSWORD_VARIABLE}")
    try:
        ox.NamedNode(graph_iri)
    except ValueError as exc:
        raise ActorgraphError(f"not a graph IRI: {graph_iri!r} ({exc})") from None
    if credentials is None and user is not None:
        credentials = Credentials(user, password or "")
    triples = graph_triples(graph)
    client = httpx.Client(timeout=timeout, auth=credentials.httpx_auth() if credentials else None,
                          headers={"User-Agent": "actorgraph"})
    with client:
        if encode_dates if encode_dates is not None else _is_virtuoso(client, endpoint):
            triples = encode_partial_dates(triples)
        sender = _GraphStore(client, endpoint, graph_iri) if protocol == "gsp" else _Update(client, endpoint, graph_iri)
        if not append:
            sender.clear()
        sent = 0
        for batch in batches(triples, batch_size):
            sender.add(batch)
            sent += len(batch)
            if progress:
                progress(sent, len(triples))
    return sent


class _Sender:
    def __init__(self, client: object, endpoint: str, graph_iri: str):
        self.client, self.endpoint, self.graph_iri = client, endpoint, graph_iri

    def send(self, method: str, what: str, allow: tuple[int, ...] = (), **kwargs: object) -> None:
        import httpx

        try:
            response = self.client.request(method, self.endpoint, **kwargs)  # type: ignore[attr-defined]
        except httpx.TimeoutException:
            raise ActorgraphError(f"{self.endpoint} did not answer in time while {what}") from None
        except httpx.HTTPError as exc:
            raise ActorgraphError(f"cannot reach {self.endpoint} while {what}: {exc}") from None
        if response.status_code < 300 or response.status_code in allow:
            return
        if response.status_code in (401, 403):
            raise ActorgraphError(f"{self.endpoint} refused to let us write (HTTP {response.status_code}) while "
                                  f"{what}: set {USER_VARIABLE} and {PASSWORD_VARIABLE} to an account "
                                  "allowed to update it")
        detail = " ".join(response.text.split())[:300]
        raise ActorgraphError(f"{self.endpoint} answered HTTP {response.status_code} while {what}: {detail}")


class _GraphStore(_Sender):
    def clear(self) -> None:
        self.send("DELETE", "emptying the graph", allow=(404,), params={"graph": self.graph_iri})

    def add(self, batch: list[ox.Triple]) -> None:
        self.send("POST", "uploading", params={"graph": self.graph_iri},
                  content=ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES),
                  headers={"Content-Type": "application/n-triples"})


class _Update(_Sender):
    def update(self, text: str, what: str) -> None:
        self.send("POST", what, data={"update": text})

    def clear(self) -> None:
        self.update(f"DROP SILENT GRAPH <{self.graph_iri}>", "emptying the graph")

    def add(self, batch: list[ox.Triple]) -> None:
        body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # INSERT … WHERE {} rather than INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA
        self.update(f"INSERT {{ GRAPH <{self.graph_iri}> {{\n{body}}} }} WHERE {{}}", "uploading")
