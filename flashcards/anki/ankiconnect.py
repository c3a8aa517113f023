"""Talking to a running Anki through the AnkiConnect add-on (API version 6).

Only long-standing actions are used: ``version``, ``importPackage``, ``findNotes``,
``notesInfo``, ``cardsInfo``, ``addTags``, ``changeDeck`` and ``deleteNotes``.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6


class AnkiConnectError(Exception):
    """AnkiConnect answered with an error, or not as AnkiConnect does."""


class AnkiBusy(AnkiConnectError):
    """Anki took the connection and did not answer (a dialog is open)."""


class NotRunning(AnkiConnectError):
    """Nothing answers at the address: Anki (or AnkiConnect) is not running."""


class KeyRefused(AnkiConnectError):
    """AnkiConnect wants an API key, and was given none or a wrong one."""


class AnkiConnect:
    """A client for one AnkiConnect address (``key``: its API key, when one is set)."""

    probe_timeout = 5.0  # seconds a probe waits before taking Anki for busy

    def __init__(self, url: str | None = None, key: str | None = None, timeout: float = 30.0):
        self.url = (url or os.environ.get("ANKICONNECT_URL") or DEFAULT_URL).strip()
        self.key = key if key is not None else os.environ.get("ANKICONNECT_KEY") or None
        self.timeout = timeout

    def call(self, action: str, **params: Any) -> Any:
        """The result of ``action``; :class:`AnkiConnectError` when it failed."""
        request: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            request["key"] = self.key
        body = json.dumps(request).encode("utf-8")
        post = self._request(body)
        try:
            with urllib.request.urlopen(post, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except TimeoutError as exc:
            raise AnkiBusy(self._busy()) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):  # socket.timeout is TimeoutError
                raise AnkiBusy(self._busy()) from None
            raise NotRunning(f"no answer from AnkiConnect at {self.url}: {exc.reason}") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise AnkiConnectError(
                f"{self.url} does not answer as AnkiConnect does ({type(exc).__name__})"
            ) from None
        if not isinstance(answer, dict) or set(answer) != {"result", "error"}:
            raise AnkiConnectError(f"{self.url} does not answer as AnkiConnect does")
        error = answer["error"]
        if error is not None:
            if "api key" in str(error).lower():
                given = "a wrong API key was given" if self.key else "no API key was given"
                raise KeyRefused(
                    f"AnkiConnect at {self.url} refused the request: {given}; give its key "
                    "(AnkiConnect's config, 'apiKey') with --ankiconnect-key KEY or the "
                    "ANKICONNECT_KEY variable"
                )
            raise AnkiConnectError(f"AnkiConnect: {action}: {error}")
        return answer["result"]

    def list(self, action: str, **params: Any) -> list[Any]:
        """The result of ``action``, which must be a list."""
        result = self.call(action, **params)
        if not isinstance(result, list):
            raise AnkiConnectError(
                f"AnkiConnect: {action} answered {json.dumps(result)} where a list is due"
            )
        return result

    def available(self) -> bool:
        """Whether Anki is running with AnkiConnect there, at API version 6 or later.
        False only when nothing answers at the address; a refused key, a busy Anki and
        a server that is not AnkiConnect are errors (Anki may hold its collection)."""
        probe = AnkiConnect(self.url, self.key, timeout=self.probe_timeout)
        try:
            version = probe.call("version")
        except NotRunning:
            return False
        return isinstance(version, int) and version >= API_VERSION

    def _request(self, body: bytes) -> urllib.request.Request:
        try:
            parts = urllib.parse.urlsplit(self.url) if " " not in self.url else None
            if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(self.url)
            parts.port  # noqa: B018 - raises on a port that is not a number
            return urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        except ValueError:
            raise AnkiConnectError(
                f"AnkiConnect's address '{self.url}' is not an http:// URL"
            ) from None

    def _busy(self) -> str:
        return (
            f"Anki is running but not answering at {self.url} (is a dialog open?): close "
            "the dialog in Anki and sync again"
        )
