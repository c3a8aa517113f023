"""The preview's local server, for ``watch --preview``: on 127.0.0.1 only, answering only
requests addressed to 127.0.0.1 or localhost (a page elsewhere cannot read the notes
through DNS rebinding), and serving only the pages, their version and their media (no
folder is listed). An open page is told of each new version the moment it is written
(server-sent events on ``/preview-events``), so it need not poll."""

from __future__ import annotations

import posixpath
import threading
import urllib.parse
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flashcards.preview.page import BOOKS, MATHJAX, MEDIA, PAGE, VERSION

EVENTS = "preview-events"
KEEP_ALIVE_SECONDS = 15.0  # a comment this often finds the pages that were closed
RETRY_MS = 2000  # how soon a page asks again when the stream broke


class PreviewServer(ThreadingHTTPServer):
    """The server, and the versions it tells the open pages of."""

    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), partial(_PreviewHandler, directory=str(folder)))
        self.version_file = folder / VERSION
        self.written = threading.Condition()
        self.generation = 0
        self.closing = False

    def announce(self) -> None:
        """Tell every open page that the version file was written again."""
        with self.written:
            self.generation += 1
            self.written.notify_all()

    def shutdown(self) -> None:
        with self.written:
            self.closing = True
            self.written.notify_all()
        super().shutdown()


def serve(folder: Path) -> tuple[PreviewServer, str]:
    """Serve the preview in ``folder`` on 127.0.0.1 at a free port, in a background
    thread; the page's address. ``server.announce()`` tells the open pages of a new
    version, ``server.shutdown()`` stops it."""
    server = PreviewServer(folder)
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
    if name in (f"/{PAGE}", f"/{VERSION}", f"/{MATHJAX}", f"/{EVENTS}"):
        return 200
    folder, _, file = name[1:].partition("/")
    if folder == BOOKS:
        return 200 if file.endswith(".html") and "/" not in file else 404
    return 200 if folder == MEDIA and file and "/" not in file else 404


class _PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the preview's files only, without a log line per request."""

    server: PreviewServer

    def do_GET(self) -> None:
        if self._refused() is not None:
            return
        if urllib.parse.urlsplit(self.path).path == f"/{EVENTS}":
            self._send_events()
        else:
            super().do_GET()

    def _send_events(self) -> None:
        """The version file's text now and after each new version, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        server = self.server
        seen = -1
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while True:
                with server.written:
                    if server.generation == seen and not server.closing:
                        server.written.wait(KEEP_ALIVE_SECONDS)
                    if server.closing:
                        return
                    generation = server.generation
                if generation == seen:
                    self.wfile.write(b": still here\n\n")
                else:
                    seen = generation
                    text = server.version_file.read_text(encoding="utf-8")
                    self.wfile.write(f"data: {' '.join(text.splitlines())}\n\n".encode())
                self.wfile.flush()
        except OSError:  # the page was closed, or the version is not written yet
            return

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
