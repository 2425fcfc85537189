"""Live reload for the development server: build events, their SSE feed, and the page script.

Kept apart from `sitegen.serve.server` because live reload exists only in the dev server: the
script is injected into HTML responses as they are served, never into the files a build
writes, so nothing here may leak into the build pipeline.

Live reload needs nothing beyond the standard library: HTML responses (never the files
on disk) get a small script that listens to Server-Sent Events on `/__sitegen/events`
and reloads when a rebuild changed its page; a build with errors shows an overlay,
saying what happened as the terminal does: a rebuild that published all but the files
with errors (the pages it changed reload first, so one bad post never stops the reload
of the page being edited), or a build that published nothing (no page reloads: the last
good build is served). The overlay sits at the bottom of the
window, so it never covers the site's title bar, and its lines wrap at any width.
The two endpoints live at the server root, not under `baseurl`, so they work for any
page, including the 404 page served for a URL outside the site.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.urls import reload_key

EVENTS_URL = "/__sitegen/events"
STATUS_URL = "/__sitegen/status"

# The page compares its own path with each rebuild's URL list (URLs without baseurl,
# `/a/` and `/a/index.html` alike, `.html` optional), and on every (re)connect asks
# /__sitegen/status so a page opened during a broken build shows the error at once.
# Hidden tabs drop their stream and catch up from their last event id when shown again:
# browsers allow about six HTTP/1 connections per host, and each open stream holds one.
_RELOAD_SCRIPT = """<script>(function () {
  "use strict";
  var cfg = %s, OVERLAY_STYLE = %s, TEXT_STYLE = %s, BUILD_FAILED = %s,
    REBUILT_WITH_ERRORS = %s, overlayId = "__sitegen_error", since = cfg.since, source = null;
  function key(path) {
    try { path = decodeURIComponent(path); } catch (e) {}
    if (cfg.base && path === cfg.base) path = "/";
    else if (cfg.base && path.indexOf(cfg.base + "/") === 0) path = path.slice(cfg.base.length);
    return path.replace(/index\\.html$/, "").replace(/\\.html$/, "");
  }
  function showError(message, published) {
    var box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("style", OVERLAY_STYLE);
      box.appendChild(document.createElement("pre"));
      box.firstChild.setAttribute("style", TEXT_STYLE);
      (document.body || document.documentElement).appendChild(box);
    }
    box.firstChild.textContent = (published ? REBUILT_WITH_ERRORS : BUILD_FAILED) + "\\n\\n" + message;
  }
  function checkStatus() {
    fetch(cfg.status, {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) { if (s.error) showError(s.error, s.published); }).catch(function () {});
  }
  function connect() {
    if (source || document.hidden) return;
    source = new EventSource(cfg.events + "?since=" + encodeURIComponent(since));
    source.onopen = checkStatus;
    source.addEventListener("rebuilt", function (event) {
      var data = JSON.parse(event.data), urls = data.urls;
      since = event.lastEventId || since;
      // A rebuild without errors reloads every page showing the overlay, to clear it;
      // the fast lane's pages (`ahead`) come before any rebuild, and reload only themselves.
      if (urls === null || (document.getElementById(overlayId) && !data.ahead) ||
          urls.indexOf(key(location.pathname)) !== -1) {
        source.close();
        location.reload();
      }
    });
    source.addEventListener("failed", function (event) {
      since = event.lastEventId || since;
      var data = JSON.parse(event.data), urls = data.urls;
      // Published all but the files with errors: a page it changed reloads, and shows
      // the errors again once loaded (checkStatus).
      if (data.published && urls !== undefined &&
          (urls === null || urls.indexOf(key(location.pathname)) !== -1)) {
        source.close();
        location.reload();
        return;
      }
      showError(data.error, data.published);
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { connect(); } else if (source) { source.close(); source = null; }
  });
  connect();
})();</script>"""


OVERLAY_STYLE = (
    "position:fixed;bottom:0;left:0;right:0;z-index:2147483647;box-sizing:border-box;"
    "max-height:40vh;overflow:auto;margin:0;padding:0.75em;background:#fff;color:#111;"
    "border-top:4px solid #d00;font:14px/1.4 monospace"
)
"""The overlay's box: at the bottom of the window, where it covers no site's title bar
or navigation (a phone's 390 px width included), scrolling when the errors are long."""
TEXT_STYLE = "margin:0;white-space:pre-wrap;overflow-wrap:anywhere"
"""Its text: lines kept, but wrapped, a long file path anywhere, never off to the side."""
BUILD_FAILED = "sitegen: build failed, nothing published (the last good build is served)"
REBUILT_WITH_ERRORS = "sitegen: rebuilt with errors (the rest is published)"
"""The overlay's first line, as the terminal says it (`sitegen.serve.server`)."""


def inject_reload_script(html: bytes, script: bytes) -> bytes:
    """Insert the script before the last `</body>`, or append it when there is none."""
    position = html.lower().rfind(b"</body")
    return html + script if position == -1 else html[:position] + script + html[position:]


@dataclass(frozen=True, slots=True)
class BuildEvent:
    """One server-sent event; `token` (server id and sequence) is also its SSE id."""

    token: str
    name: str
    data: str

    def encode(self) -> bytes:
        return f"id: {self.token}\nevent: {self.name}\ndata: {self.data}\n\n".encode()


class BuildEvents:
    """The build epoch, the current error and recent events, shared by all streams.

    Each page carries the token of the last event it knows of; a stream replays what
    it missed, so a rebuild between serving the page and opening the stream still
    reloads it. A token from another server process (a restart) or one older than the
    kept history gets a "reload everything" event instead.
    """

    def __init__(self, history: int = 64) -> None:
        self.server_id = secrets.token_hex(4)
        self._cond = threading.Condition()
        self._sequence = 0
        self._epoch = 0
        self._error: str | None = None
        self._published = True
        """Whether the last build published (all of it, or all but the files with
        errors); False only after a build that published nothing. A server starts on a
        published build."""
        self._history: deque[tuple[int, BuildEvent]] = deque(maxlen=history)
        self._closed = False

    def status(self) -> dict[str, object]:
        """`{"epoch": rebuilds so far, "error": the error shown or None, "published": whether
        the last build published}`: what a page loaded after an event asks for."""
        with self._cond:
            return {"epoch": self._epoch, "error": self._error, "published": self._published}

    def script_for(self, baseurl: str) -> bytes:
        with self._cond:
            since = f"{self.server_id}-{self._sequence}"
        config = {"since": since, "base": baseurl, "events": EVENTS_URL, "status": STATUS_URL}
        # `<` escaped so no value can close the <script> element early.
        values = (config, OVERLAY_STYLE, TEXT_STYLE, BUILD_FAILED, REBUILT_WITH_ERRORS)
        return (
            _RELOAD_SCRIPT % tuple(json.dumps(value).replace("<", "\\u003c") for value in values)
        ).encode()

    def rebuilt(self, changed_urls: Iterable[str] | None) -> None:
        urls = None if changed_urls is None else _reload_keys(changed_urls)
        with self._cond:
            self._epoch += 1
            self._error = None
            self._published = True
            self._publish("rebuilt", {"epoch": self._epoch, "urls": urls})

    def updated(self, changed_urls: Iterable[str]) -> bool:
        """Reload the pages showing `changed_urls`, rewritten ahead of a rebuild that is
        still running, unless the last build published nothing: then the last good
        build is served, and no page reloads. The epoch stays: it counts rebuilds. True
        when announced."""
        urls = _reload_keys(changed_urls)
        with self._cond:
            if self._error is not None and not self._published:
                return False
            self._publish("rebuilt", {"epoch": self._epoch, "urls": urls, "ahead": True})
            return True

    def failed(
        self, message: str, *, published: bool = False, changed_urls: Iterable[str] | None = None
    ) -> None:
        """Show `message` on every page: `published`, the rebuild published all but the
        files with errors, and the pages showing `changed_urls` (None: every page)
        reload first; else it published nothing, and no page reloads."""
        urls = None if changed_urls is None else _reload_keys(changed_urls)
        with self._cond:
            self._error = message
            self._published = published
            payload: dict[str, object] = {"epoch": self._epoch, "error": message, "published": published}
            if published:
                payload["urls"] = urls
            self._publish("failed", payload)

    def _publish(self, name: str, payload: dict[str, object]) -> None:
        self._sequence += 1
        token = f"{self.server_id}-{self._sequence}"
        self._history.append((self._sequence, BuildEvent(token, name, json.dumps(payload))))
        self._cond.notify_all()

    def parse_token(self, token: str) -> int:
        """The sequence a client has seen: current if it sent none, -1 if unknowable."""
        server_id, _, sequence = token.partition("-")
        with self._cond:
            if not token:
                return self._sequence
            if server_id != self.server_id or not sequence.isdigit():
                return -1
            return min(int(sequence), self._sequence)

    def wait(self, since: int, timeout: float) -> tuple[list[BuildEvent], int, bool]:
        """Events after `since` (waiting up to `timeout`), the new `since`, and closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._sequence != since, timeout)
            if self._closed or self._sequence == since:
                return [], since, self._closed
            oldest = self._history[0][0] if self._history else self._sequence + 1
            if since < 0 or since + 1 < oldest:
                token = f"{self.server_id}-{self._sequence}"
                payload = json.dumps({"epoch": self._epoch, "urls": None})
                return [BuildEvent(token, "rebuilt", payload)], self._sequence, False
            missed = [event for sequence, event in self._history if sequence > since]
            return missed, self._sequence, False

    def close(self) -> None:
        """Server shutdown: every waiting stream returns at once."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def _reload_keys(changed_urls: Iterable[str]) -> list[str]:
    """The keys the page script compares its own path with (`reload_key`), sorted, once each."""
    return sorted({reload_key(url) for url in changed_urls})
