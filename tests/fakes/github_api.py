"""A stand-in for the GitHub REST API on 127.0.0.1, run in a thread.

It implements the endpoints edgar-sentinel uses with GitHub's documented request and
response shapes (issues and pull requests share one number space; the issues list
contains pull requests with a ``pull_request`` key; pagination by ``per_page``/``page``
with a ``Link`` header; comment bodies over 65,536 characters are refused with 422), an
authentication check, and injectable faults (5xx, 429 with ``Retry-After``, 403 with
``x-ratelimit-remaining: 0``). ``GET /user`` answers 403 as it does for a workflow's
``GITHUB_TOKEN``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BODY_LIMIT = 65_536
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}


@dataclass
class Fault:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=lambda: {"message": "Server Error"})
    method: str | None = None
    path_contains: str | None = None
    remaining: int = 1


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


TOKEN = "ghs_Fake0Token1For2Tests3Only4xYz"
"""The token the stand-in accepts in the tests (``fake_github`` fixture)."""


class FakeGitHub:
    """State of one fake repository plus the HTTP server that serves it."""

    def __init__(self, *, token: str, repository: str = "octo/filings", prefix: str = "") -> None:
        self.token = token
        self.repository = repository
        self.prefix = prefix.rstrip("/")
        self.login = BOT
        self.lock = threading.RLock()
        self.issues: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self._next_number = 1
        self._next_comment = 1000
        self._clock = 0
        self.create_barrier: threading.Barrier | None = None
        """When set, each issue creation waits here: lets a test line up racing runs."""
        self.comment_barrier: threading.Barrier | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{self.prefix}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # -- helpers for tests ----------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        message: str = "Server Error",
        times: int = 1,
        method: str | None = None,
        path_contains: str | None = None,
    ) -> None:
        with self.lock:
            self.faults.append(
                Fault(
                    status,
                    headers or {},
                    {"message": message},
                    method,
                    path_contains,
                    times,
                )
            )

    def add_issue(
        self, *, title: str, body: str = "", labels: list[str] | None = None, pull: bool = False
    ) -> dict[str, Any]:
        with self.lock:
            return self._new_issue(title, body, labels or [], pull=pull, user=BOT)

    def add_comment(self, number: int, body: str, *, login: str = "someone") -> dict[str, Any]:
        user = {"login": login, "id": 1, "type": "User"}
        with self.lock:
            return self._new_comment(number, body, user)

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        with self.lock:
            return [c for c in self.comments.values() if c["_issue"] == number]

    def open_issues(self) -> list[dict[str, Any]]:
        with self.lock:
            return [
                i for i in self.issues.values() if i["state"] == "open" and "pull_request" not in i
            ]

    def calls(self, method: str, contains: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == method and contains in r.path]

    # -- state changes (lock held) ---------------------------------------------------------

    def _tick(self) -> str:
        self._clock += 1
        return f"2026-01-01T00:{self._clock // 60:02d}:{self._clock % 60:02d}Z"

    def _new_issue(
        self, title: str, body: str, labels: list[str], *, pull: bool, user: dict[str, Any]
    ) -> dict[str, Any]:
        number = self._next_number
        self._next_number += 1
        now = self._tick()
        issue: dict[str, Any] = {
            "id": 5000 + number,
            "number": number,
            "title": title,
            "body": body,
            "state": "open",
            "state_reason": None,
            "labels": [{"name": n} for n in labels],
            "user": user,
            "created_at": now,
            "updated_at": now,
            "html_url": f"https://github.example/{self.repository}/issues/{number}",
        }
        if pull:
            issue["pull_request"] = {"url": f"https://github.example/pulls/{number}"}
        self.issues[number] = issue
        return issue

    def _new_comment(self, number: int, body: str, user: dict[str, Any]) -> dict[str, Any]:
        cid = self._next_comment
        self._next_comment += 1
        now = self._tick()
        comment = {
            "id": cid,
            "body": body,
            "user": user,
            "created_at": now,
            "updated_at": now,
            "html_url": f"https://github.example/{self.repository}/issues/{number}#c{cid}",
            "_issue": number,
        }
        self.comments[cid] = comment
        return comment


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith("_")}


def _handler_for(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    repo = re.escape(fake.repository)
    routes: list[tuple[str, re.Pattern[str], str]] = [
        ("GET", re.compile(rf"^/repos/{repo}/issues$"), "list_issues"),
        ("POST", re.compile(rf"^/repos/{repo}/issues$"), "create_issue"),
        ("PATCH", re.compile(rf"^/repos/{repo}/issues/(\d+)$"), "update_issue"),
        ("GET", re.compile(rf"^/repos/{repo}/issues/(\d+)/comments$"), "list_comments"),
        ("POST", re.compile(rf"^/repos/{repo}/issues/(\d+)/comments$"), "create_comment"),
        ("PATCH", re.compile(rf"^/repos/{repo}/issues/comments/(\d+)$"), "update_comment"),
        ("DELETE", re.compile(rf"^/repos/{repo}/issues/comments/(\d+)$"), "delete_comment"),
        ("GET", re.compile(r"^/user$"), "user"),
    ]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        def do_PATCH(self) -> None:
            self._dispatch("PATCH")

        def do_DELETE(self) -> None:
            self._dispatch("DELETE")

        def _dispatch(self, method: str) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            query = parse_qs(parts.query)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            with fake.lock:
                fake.requests.append(
                    Recorded(method, path, query, dict(self.headers.items()), body)
                )
            if fake.prefix:
                if not path.startswith(fake.prefix + "/"):
                    self._send(404, {"message": "Not Found"})
                    return
                path = path[len(fake.prefix) :]
            auth = self.headers.get("Authorization", "")
            if auth not in (f"Bearer {fake.token}", f"token {fake.token}"):
                self._send(401, {"message": "Bad credentials", "documentation_url": "x"})
                return
            fault = self._take_fault(method, path)
            if fault is not None:
                self._send(fault.status, fault.body, fault.headers)
                return
            for verb, pattern, name in routes:
                match = pattern.match(path)
                if verb == method and match:
                    getattr(self, name)(query, body, *match.groups())
                    return
            self._send(404, {"message": "Not Found"})

        def _take_fault(self, method: str, path: str) -> Fault | None:
            with fake.lock:
                for fault in fake.faults:
                    if fault.method not in (None, method):
                        continue
                    if fault.path_contains is not None and fault.path_contains not in path:
                        continue
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        fake.faults.remove(fault)
                    return fault
            return None

        # -- endpoints ---------------------------------------------------------------------

        def list_issues(self, query: dict[str, list[str]], body: Any) -> None:
            state = query.get("state", ["open"])[0]
            wanted = [x for x in query.get("labels", [""])[0].split(",") if x]
            with fake.lock:
                items = [
                    i
                    for i in fake.issues.values()
                    if (state == "all" or i["state"] == state)
                    and all(w in {lab["name"] for lab in i["labels"]} for w in wanted)
                ]
            items.sort(key=lambda i: i["number"], reverse=True)  # sort=created, desc
            self._send_page(items, query)

        def create_issue(self, query: dict[str, list[str]], body: Any) -> None:
            if not isinstance(body, dict) or not body.get("title"):
                self._send(422, {"message": "Validation Failed", "errors": [{"code": "missing"}]})
                return
            if len(body.get("body") or "") > BODY_LIMIT:
                self._too_long()
                return
            if fake.create_barrier is not None:
                fake.create_barrier.wait(timeout=5)
            with fake.lock:
                issue = fake._new_issue(
                    body["title"],
                    body.get("body") or "",
                    body.get("labels", []),
                    pull=False,
                    user=fake.login,
                )
            self._send(201, _public(issue))

        def update_issue(self, query: dict[str, list[str]], body: Any, number: str) -> None:
            with fake.lock:
                issue = fake.issues.get(int(number))
                if issue is None:
                    self._send(404, {"message": "Not Found"})
                    return
                if "state" in body:
                    issue["state"] = body["state"]
                    issue["state_reason"] = body.get("state_reason")
                issue["updated_at"] = fake._tick()
                data = _public(issue)
            self._send(200, data)

        def list_comments(self, query: dict[str, list[str]], body: Any, number: str) -> None:
            with fake.lock:
                if int(number) not in fake.issues:
                    self._send(404, {"message": "Not Found"})
                    return
                items = sorted(fake.comments_on(int(number)), key=lambda c: c["id"])
            self._send_page(items, query)

        def create_comment(self, query: dict[str, list[str]], body: Any, number: str) -> None:
            text = body.get("body") if isinstance(body, dict) else None
            if not text:
                self._send(422, {"message": "Validation Failed"})
                return
            if len(text) > BODY_LIMIT:
                self._too_long()
                return
            if fake.comment_barrier is not None:
                fake.comment_barrier.wait(timeout=5)
            with fake.lock:
                if int(number) not in fake.issues:
                    self._send(404, {"message": "Not Found"})
                    return
                comment = fake._new_comment(int(number), text, fake.login)
            self._send(201, _public(comment))

        def update_comment(self, query: dict[str, list[str]], body: Any, cid: str) -> None:
            text = body.get("body") if isinstance(body, dict) else None
            if not text:
                self._send(422, {"message": "Validation Failed"})
                return
            if len(text) > BODY_LIMIT:
                self._too_long()
                return
            with fake.lock:
                comment = fake.comments.get(int(cid))
                if comment is None:
                    self._send(404, {"message": "Not Found"})
                    return
                comment["body"] = text
                comment["updated_at"] = fake._tick()
                data = _public(comment)
            self._send(200, data)

        def delete_comment(self, query: dict[str, list[str]], body: Any, cid: str) -> None:
            with fake.lock:
                if fake.comments.pop(int(cid), None) is None:
                    self._send(404, {"message": "Not Found"})
                    return
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def user(self, query: dict[str, list[str]], body: Any) -> None:
            self._send(403, {"message": "Resource not accessible by integration"})

        # -- responses --------------------------------------------------------------------

        def _too_long(self) -> None:
            self._send(
                422,
                {
                    "message": "Validation Failed",
                    "errors": [
                        {
                            "resource": "IssueComment",
                            "code": "custom",
                            "field": "body",
                            "message": "body is too long (maximum is 65536 characters)",
                        }
                    ],
                },
            )

        def _send_page(self, items: list[dict[str, Any]], query: dict[str, list[str]]) -> None:
            per_page = min(int(query.get("per_page", ["30"])[0]), 100)
            page = int(query.get("page", ["1"])[0])
            chunk = items[(page - 1) * per_page : page * per_page]
            last = max(1, -(-len(items) // per_page))
            links = []
            base = f"{fake.url}{urlsplit(self.path).path[len(fake.prefix) :]}"
            params = {k: v[0] for k, v in query.items() if k != "page"}
            extra = "".join(f"&{k}={v}" for k, v in params.items())
            if page < last:
                links.append(f'<{base}?page={page + 1}{extra}>; rel="next"')
                links.append(f'<{base}?page={last}{extra}>; rel="last"')
            if page > 1:
                links.append(f'<{base}?page=1{extra}>; rel="first"')
                links.append(f'<{base}?page={page - 1}{extra}>; rel="prev"')
            headers = {"Link": ", ".join(links)} if links else {}
            self._send(200, [_public(i) for i in chunk], headers)

        def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def running_fake(
    *, token: str, repository: str = "octo/filings", prefix: str = ""
) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(token=token, repository=repository, prefix=prefix)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


__all__ = ["BODY_LIMIT", "BOT", "FakeGitHub", "Recorded", "running_fake"]
