"""The preview's local server, for ``watch --preview``: on 127.0.0.1 only, answering only
requests addressed to 127.0.0.1 or localhost (a page elsewhere cannot read the notes
through DNS rebinding), and serving only the pages, their version and their media (no
folder is listed)."""

from __future__ import annotations

import posixpath
import threading
import urllib.parse
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flashcards.preview.page import BOOKS, MATHJAX, MEDIA, PAGE, VERSION


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve the preview in ``folder`` on 127.0.0.1 at a free port, in a background
    thread; the page's address. ``server.shutdown()`` stops it."""
    handler = partial(_PreviewHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"


def allowed(host: str | None, path: str, port: int) -> int:
    """The HTTP status for a request of ``path`` addressed to ``host``: 200 when it may
    be served, 302 for ``/`` (it leads to the page), 403 for another host, 404 for
    anything but the page and its files."""
    if host not in {f"127.0.0.1:{port}", f"localhost:{port}"}:
        return 403
    name = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(path).path))
    if name == "/":
        return 302
    if name in (f"/{PAGE}", f"/{VERSION}", f"/{MATHJAX}"):
        return 200
    folder, _, file = name[1:].partition("/")
    if folder == BOOKS:
        return 200 if file.endswith(".html") and "/" not in file else 404
    return 200 if folder == MEDIA and file and "/" not in file else 404


class _PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the preview's files only, without a log line per request."""

    def do_GET(self) -> None:
        if self._refused() is None:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._refused() is None:
            super().do_HEAD()

    def _refused(self) -> int | None:
        port = int(self.connection.getsockname()[1])
        status = allowed(self.headers.get("Host"), self.path, port)
        if status == 200:
            return None
        if status == 302:  # the server's own address leads to the page
            self.send_response(302)
            self.send_header("Location", f"/{PAGE}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return status
        self.send_error(status)
        return status

    def log_message(self, format: str, *args: object) -> None:
        pass
