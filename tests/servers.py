"""Real servers on loopback for the tests: a Virtuoso and ``actorgraph serve``.

Everything binds 127.0.0.1 on ports found free at runtime, keeps its files in a
temporary folder and is stopped by its own process id afterwards.

Used two ways:

- as context managers, from tests and benchmarks::

      with running_virtuoso(tmp_path) as virtuoso:
          virtuoso.sparql_url            # http://127.0.0.1:PORT/sparql
      with running_serve(["--timeout", "2"]) as url:
          url                            # http://127.0.0.1:PORT/sparql

- as a pytest plugin (``pytest_plugins = ["servers"]`` in tests/conftest.py), giving the
  session fixtures ``serve_endpoint`` and ``virtuoso_endpoint``: SPARQL endpoint URLs
  already serving the bundled graph, ready for ``RemoteGraph(url)`` or ``--endpoint url``.

Virtuoso tests skip when ``virtuoso-t`` is missing, unless the environment variable
``CI`` is set: then they fail, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

LOOPBACK = "127.0.0.1"
#: the named graph the fixtures push the bundled graph into
TEST_GRAPH = "https://w3id.org/actorgraph/graph/test"
VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # the fresh database's default; the server listens on loopback only


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    """Poll ``url`` until it answers below 500; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"the server exited with status {process.returncode} before it was ready\n{detail}")
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} was not ready within {timeout:g} s")


def stop(process: subprocess.Popen, grace: float = 20.0) -> None:
    """Stop a process we started, by its pid: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def virtuoso_available() -> bool:
    """Whether the Virtuoso server binary is installed."""
    return shutil.which("virtuoso-t") is not None


def require_virtuoso() -> None:
    """Skip the calling test when Virtuoso is missing, except under CI, where that is a failure."""
    if virtuoso_available():
        return
    reason = "virtuoso-t is not installed (apt-get install virtuoso-opensource)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must install it", pytrace=False)
    pytest.skip(reason)


# -- Virtuoso ----------------------------------------------------------------------------

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {d}, /tmp
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
MaxQueryMem = 500M

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@dataclass
class Virtuoso:
    """A running Virtuoso: where to query it and where to write to it."""

    process: subprocess.Popen
    folder: Path
    http_port: int
    sql_port: int

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """The anonymous, read-only SPARQL endpoint."""
        return f"{self.base_url}/sparql"

    @property
    def graph_store_url(self) -> str:
        """The SPARQL 1.1 Graph Store endpoint (digest auth)."""
        return f"{self.base_url}/sparql-graph-crud-auth"

    @property
    def update_url(self) -> str:
        """The authenticated SPARQL endpoint that accepts SPARQL Update (digest auth)."""
        return f"{self.base_url}/sparql-auth"

    def isql(self, statement: str) -> str:
        """Run one SQL statement through isql-vt; returns its output, raises on failure."""
        done = subprocess.run(
            ["isql-vt", f"{LOOPBACK}:{self.sql_port}", VIRTUOSO_USER, VIRTUOSO_PASSWORD, f"exec={statement}"],
            capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout


@contextlib.contextmanager
def running_virtuoso(folder: Path | None = None, timeout: float = 120.0) -> Iterator[Virtuoso]:
    """Start a Virtuoso with its own database folder and ini on free loopback ports; stop it after."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="actorgraph-virtuoso-")))
        folder = Path(folder).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        http_port, sql_port = free_port(), free_port()
        while sql_port == http_port:
            sql_port = free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(_VIRTUOSO_INI.format(d=folder, host=LOOPBACK, sql_port=sql_port, http_port=http_port))
        log = folder / "virtuoso.log"
        with open(folder / "stdout.log", "wb") as out:
            process = subprocess.Popen(["virtuoso-t", "-c", str(ini), "+foreground"], cwd=folder,
                                       stdout=out, stderr=subprocess.STDOUT)
        try:
            server = Virtuoso(process, folder, http_port, sql_port)
            wait_until_ready(server.sparql_url + "?query=ASK%7B%7D", process, timeout, log)
            yield server
        finally:
            stop(process)


# -- actorgraph serve --------------------------------------------------------------------

@contextlib.contextmanager
def running_serve(args: Sequence[str] = (), timeout: float = 60.0) -> Iterator[str]:
    """Run ``actorgraph serve ARGS --port FREE`` as a subprocess; yields its SPARQL endpoint URL."""
    port = free_port()
    command = [sys.executable, "-c", "from actorgraph.cli import main; main()", "serve",
               "--host", LOOPBACK, "--port", str(port), *args]
    with tempfile.TemporaryDirectory(prefix="actorgraph-serve-") as folder:
        log = Path(folder) / "serve.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_ready(f"http://{LOOPBACK}:{port}/health", process, timeout, log)
            yield f"http://{LOOPBACK}:{port}/sparql"
        finally:
            stop(process)


# -- pytest plugin -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def start_serve():
    """:func:`running_serve` itself, for tests that need a server with options of their own."""
    return running_serve


@pytest.fixture(scope="session")
def serve_endpoint() -> Iterator[str]:
    """The SPARQL endpoint URL of an ``actorgraph serve`` over the bundled graph."""
    with running_serve() as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A running, empty Virtuoso on loopback."""
    require_virtuoso()
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_endpoint(virtuoso_server: Virtuoso) -> str:
    """A Virtuoso SPARQL endpoint URL holding the bundled graph (pushed by ``actorgraph.push``).

    The URL names the pushed graph as ``default-graph-uri``, so Virtuoso's own system
    graphs stay out of the answers.
    """
    from actorgraph.graph import ActorGraph
    from actorgraph.push import push_graph

    push_graph(ActorGraph.bundled(), virtuoso_server.graph_store_url, TEST_GRAPH,
               user=VIRTUOSO_USER, password=VIRTUOSO_PASSWORD)
    return f"{virtuoso_server.sparql_url}?{httpx.QueryParams({'default-graph-uri': TEST_GRAPH})}"
