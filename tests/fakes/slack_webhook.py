"""A stand-in Slack incoming webhook on 127.0.0.1, run in a thread.

Behaves like the documented incoming-webhook API: ``POST {path}`` with a JSON body that has
``text`` or ``blocks`` answers ``200 ok``; a body that is not JSON, or has neither, answers
``400 invalid_payload``; an unknown path answers ``404 no_service``. Faults can be queued:
``429`` with ``Retry-After``, ``5xx``, or any status with a plain-text body.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WEBHOOK_PATH = "/services/T000/B000/XXXXSECRETXXXX"


@dataclass
class SlackFault:
    status: int
    body: str = "server_error"
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    def __init__(self, path: str = WEBHOOK_PATH) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.messages: list[dict[str, Any]] = []
        self.requests = 0
        self.faults: list[SlackFault] = []
        self.url = ""

    def fail_next(self, status: int, body: str = "server_error", **headers: str) -> None:
        with self.lock:
            self.faults.append(SlackFault(status, body, dict(headers)))

    def handle(self, path: str, raw: bytes) -> tuple[int, str, dict[str, str]]:
        with self.lock:
            self.requests += 1
            if path != self.path:
                return 404, "no_service", {}
            if self.faults:
                f = self.faults.pop(0)
                return f.status, f.body, f.headers
            try:
                payload = json.loads(raw)
            except ValueError:
                return 400, "invalid_payload", {}
            if not isinstance(payload, dict) or not (payload.get("text") or payload.get("blocks")):
                return 400, "invalid_payload", {}
            self.messages.append(payload)
            return 200, "ok", {}


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            status, body, headers = fake.handle(self.path, self.rfile.read(length))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


@contextmanager
def running_slack(path: str = WEBHOOK_PATH) -> Iterator[FakeSlack]:
    fake = FakeSlack(path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
