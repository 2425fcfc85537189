"""Errors already there when `sitegen serve --watch` starts reach open pages as a
rebuild's do: the status the overlay reads says them from the first request on, and
says exactly what a rebuild of the same files says (run against the real server)."""

from __future__ import annotations

import http.client
import json
import urllib.request
from pathlib import Path

from sitegen.serve.livereload import EVENTS_URL, STATUS_URL
from tests.conftest import CONFIG, post, sitegen_serve, write_files
from tests.dev_server import since_token

#: Each a file that is left out with an error, the rest of the site published.
_BROKEN = {
    "content/_posts/2022-06-02-yaml.md": "---\ntitle: [unclosed\n---\n正文\n",
    "content/_posts/2022-06-03-liquid.md": post("坏", date="2022-06-03 10:00:00 +0800", body="{% if %}\n"),
}


def _status(base: str) -> dict[str, object]:
    with urllib.request.urlopen(base + STATUS_URL, timeout=5) as response:
        status: dict[str, object] = json.loads(response.read())
        return status


def test_the_first_builds_errors_are_on_the_status_as_a_rebuilds_are(tmp_path: Path) -> None:
    good = post("好", date="2022-06-01 10:00:00 +0800")
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-06-01-a.md": good, **_BROKEN}
    )
    with sitegen_serve(site) as base:
        first = _status(base)
        assert first["error"] and first["published"] is True, first
        for name in _BROKEN:
            assert Path(name).name in str(first["error"])
        page = urllib.request.urlopen(base + "/", timeout=5).read()
        assert STATUS_URL.encode() in page  # the page asks the status, and shows the overlay
        # An unrelated save rebuilds the same broken files: the same error, the same outcome.
        events = _events(base, since_token(page))
        (site / "content/_posts/2022-06-01-a.md").write_text(good + "<p>再</p>\n", encoding="utf-8")
        name, payload = _next_event(events)
        if name == "rebuilt":  # the fast lane's page first: it reloads while errors show
            assert payload["urls"] == ["/xinjingbao/2022/06/01/a"], payload
            name, payload = _next_event(events)
        events.close()
        assert name == "failed"
        assert (payload["error"], payload["published"]) == (first["error"], first["published"])
        assert _status(base) == first


def _events(base: str, since: str) -> http.client.HTTPResponse:
    host, _, port = base.removeprefix("http://").partition(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    connection.request("GET", f"{EVENTS_URL}?since={since}")
    return connection.getresponse()


def _next_event(response: http.client.HTTPResponse) -> tuple[str, dict[str, object]]:
    """The next server-sent event's name and data."""
    fields: dict[str, str] = {}
    while "event" not in fields or "data" not in fields:
        line = response.readline().decode()
        if not line:
            raise EOFError
        key, _, value = line.rstrip("\n").partition(": ")
        fields[key] = value
    return fields["event"], json.loads(fields["data"])
