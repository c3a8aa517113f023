"""Talking to a running Anki through the AnkiConnect add-on (API version 6).

Only long-standing actions are used: ``version``, ``importPackage``, ``findNotes``,
``notesInfo``, ``cardsInfo`` and ``deleteNotes``.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6


class AnkiConnectError(Exception):
    """AnkiConnect answered with an error, or not as AnkiConnect does."""


class AnkiConnect:
    """A client for one AnkiConnect address (``key``: its API key, when one is set)."""

    def __init__(self, url: str | None = None, key: str | None = None, timeout: float = 30.0):
        self.url = url or os.environ.get("ANKICONNECT_URL") or DEFAULT_URL
        self.key = key if key is not None else os.environ.get("ANKICONNECT_KEY") or None
        self.timeout = timeout

    def call(self, action: str, **params: Any) -> Any:
        """The result of ``action``; :class:`AnkiConnectError` when it failed."""
        request: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            request["key"] = self.key
        body = json.dumps(request).encode("utf-8")
        if not self.url.lower().startswith(("http://", "https://")):
            raise AnkiConnectError(f"AnkiConnect's address '{self.url}' is not an http:// URL")
        http = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(http, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise AnkiConnectError(f"no answer from AnkiConnect at {self.url}: {exc}") from None
        if not isinstance(answer, dict) or set(answer) != {"result", "error"}:
            raise AnkiConnectError(f"{self.url} does not answer as AnkiConnect does")
        if answer["error"] is not None:
            raise AnkiConnectError(f"AnkiConnect: {action}: {answer['error']}")
        return answer["result"]

    def available(self) -> bool:
        """Whether Anki is running with AnkiConnect there, at API version 6 or later."""
        probe = AnkiConnect(self.url, self.key, timeout=2.0)
        try:
            version = probe.call("version")
        except AnkiConnectError:
            if not self.url.lower().startswith(("http://", "https://")):
                raise  # a wrong address is the user's to fix, not a closed Anki
            return False
        return isinstance(version, int) and version >= API_VERSION
