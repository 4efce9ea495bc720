"""The real Dagster webserver in a subprocess on 127.0.0.1 and a free port, and its GraphQL API.

The server runs in a process group of its own (it starts a code server beside it), so stopping it
stops both, by the group's id.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.settings import PROJECT_ROOT

# The code location is named as `make ui` names it (dg dev reads [tool.dg.project]).
WORKSPACE = """\
load_from:
  - python_module:
      module_name: pipelines.definitions
      location_name: tinhgon
      working_directory: {root}
"""
READY_ATTEMPTS = 240  # a poll every half second: two minutes for a loaded machine to start it
STOP_GRACE_SECONDS = 20

LOCATIONS_QUERY = """
{ workspaceOrError { ... on Workspace {
    locationEntries { loadStatus locationOrLoadError { __typename } }
} } }
"""


class ServerFailed(RuntimeError):
    pass


@contextmanager
def dagster_webserver(dagster_home: Path, environment: dict[str, str]) -> Iterator[str]:
    """Serves the tinhgon code location with the instance in dagster_home; yields the base URL once
    the code location is loaded. The server's output goes to dagster_home/webserver.log."""
    workspace = dagster_home / "workspace.yaml"
    workspace.write_text(WORKSPACE.format(root=PROJECT_ROOT))
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("dagster-webserver")),
        *("--host", "127.0.0.1", "--port", str(port), "--workspace", str(workspace)),
    ]
    log = dagster_home / "webserver.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command,
            env={**os.environ, **environment, "DAGSTER_HOME": str(dagster_home)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_loaded(server, url, log)
        yield url
    finally:
        _stop(server)


def graphql(url: str, query: str, variables: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.load(response)
    if body.get("errors"):
        raise AssertionError(body["errors"])
    return body["data"]


def _wait_until_loaded(server: subprocess.Popen, url: str, log: Path) -> None:
    for _ in range(READY_ATTEMPTS):
        if server.poll() is not None:
            raise ServerFailed(f"the webserver exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            entries = graphql(url, LOCATIONS_QUERY)["workspaceOrError"]["locationEntries"]
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            entries = []
        if entries and all(e["loadStatus"] == "LOADED" for e in entries):
            errors = [e for e in entries if e["locationOrLoadError"]["__typename"] != "RepositoryLocation"]
            if errors:
                raise ServerFailed(f"the code location did not load:\n{log.read_text()[-3000:]}")
            return
        time.sleep(0.5)
    raise ServerFailed(
        f"the webserver was not ready after {READY_ATTEMPTS} polls:\n{log.read_text()[-3000:]}"
    )


def _stop(server: subprocess.Popen) -> None:
    """SIGTERM to the group, then SIGKILL to whatever of it is left (the code server may outlive it)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=STOP_GRACE_SECONDS)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
