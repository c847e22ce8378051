"""A small GitHub REST client: issue comments and issues, with retries and no token leaks.

Only the endpoints edgar-sentinel needs. Works with github.com and GitHub Enterprise
Server (``api_url`` / ``GITHUB_API_URL``, e.g. ``https://ghe.example.com/api/v3``).

Retries: 5xx answers, connection failures and rate limits (429 or 403 with
``Retry-After``, or ``x-ratelimit-remaining: 0`` with ``x-ratelimit-reset``) are retried
as a ``RetryPolicy`` says (by default 5 retries, backoff from 1 s, each wait capped at
60 s); a rate limit that resets later than the cap fails at once rather than blocking a CI
job.

The token is sent only to ``api_url``'s origin (pagination links to another host are
refused) and is replaced by ``***`` in every message the client builds.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from edgar_sentinel import __version__
from edgar_sentinel.github.errors import (
    GitHubAuthError,
    GitHubConfigError,
    GitHubError,
    GitHubNotFoundError,
    GitHubRateLimitError,
    GitHubRequestError,
    GitHubServerError,
)
from edgar_sentinel.retry import RetryPolicy, retry_after_seconds

if TYPE_CHECKING:
    import httpx

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
PER_PAGE = 100
MAX_PAGES = 1000
REPOSITORY_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
"""``owner/name`` as GitHub allows it."""
_PERMISSION_HINT = (
    "give the workflow job `issues: write` and `pull-requests: write` permissions, "
    "or use a token that can write issues in this repository"
)


class GitHubClient:
    """Issue and comment operations on one repository."""

    def __init__(
        self,
        *,
        repository: str,
        token: str,
        api_url: str = DEFAULT_API_URL,
        http: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not token or not token.strip():
            raise GitHubConfigError(
                "no GitHub token given",
                hint="set GITHUB_TOKEN (in a workflow: secrets.GITHUB_TOKEN)",
            )
        if not REPOSITORY_NAME.match(repository):
            raise GitHubConfigError(
                f"repository {repository!r} is not of the form 'owner/name'",
                hint="set GITHUB_REPOSITORY, e.g. 'octo-org/filings'",
            )
        parts = urlsplit(api_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise GitHubConfigError(
                f"GitHub API URL {api_url!r} is not an http(s) URL",
                hint="GITHUB_API_URL looks like https://api.github.com or https://HOST/api/v3",
            )
        self.repository = repository
        self.api_url = api_url.rstrip("/")
        self._origin = (parts.scheme, parts.netloc)
        self._token = token.strip()
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._owns_http = http is None
        if http is None:
            import httpx

            http = httpx.Client(timeout=30.0, follow_redirects=False)
        self._http = http
        self._headers = {
            "Authorization": f"Bearer {self._token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": f"edgar-sentinel/{__version__}",
        }

    @classmethod
    def from_env(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        repository: str | None = None,
        api_url: str | None = None,
        http: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> GitHubClient:
        """Build a client from ``GITHUB_TOKEN``, ``GITHUB_REPOSITORY`` and ``GITHUB_API_URL``
        (``repository`` and ``api_url``, when given, take precedence over the variables)."""
        env = os.environ if environ is None else environ
        token = env.get("GITHUB_TOKEN", "").strip()
        repository = repository or env.get("GITHUB_REPOSITORY", "").strip()
        if not token:
            raise GitHubConfigError(
                "GITHUB_TOKEN is not set",
                hint="in a workflow step add `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`",
            )
        if not repository:
            raise GitHubConfigError(
                "GITHUB_REPOSITORY is not set",
                hint="GitHub Actions sets it; elsewhere export GITHUB_REPOSITORY=owner/name",
            )
        return cls(
            repository=repository,
            token=token,
            api_url=api_url or env.get("GITHUB_API_URL") or DEFAULT_API_URL,
            http=http,
            retry=retry,
            sleep=sleep,
        )

    def __repr__(self) -> str:
        return f"GitHubClient(repository={self.repository!r}, api_url={self.api_url!r})"

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- endpoints ---------------------------------------------------------------------

    def list_issue_comments(self, number: int) -> list[dict[str, Any]]:
        """All comments of an issue or pull request, oldest first."""
        return self._paginate(f"/repos/{self.repository}/issues/{number}/comments", {})

    def create_issue_comment(self, number: int, body: str) -> dict[str, Any]:
        path = f"/repos/{self.repository}/issues/{number}/comments"
        return self._json("POST", path, {"body": body})

    def update_issue_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        path = f"/repos/{self.repository}/issues/comments/{comment_id}"
        return self._json("PATCH", path, {"body": body})

    def delete_issue_comment(self, comment_id: int) -> None:
        self._request("DELETE", f"/repos/{self.repository}/issues/comments/{comment_id}")

    def list_open_issues(self, *, labels: Sequence[str]) -> list[dict[str, Any]]:
        """Open issues carrying every label in ``labels``; pull requests are left out."""
        params = {"state": "open", "labels": ",".join(labels)}
        items = self._paginate(f"/repos/{self.repository}/issues", params)
        return [item for item in items if "pull_request" not in item]

    def create_issue(self, *, title: str, body: str, labels: Sequence[str]) -> dict[str, Any]:
        payload = {"title": title, "body": body, "labels": list(labels)}
        return self._json("POST", f"/repos/{self.repository}/issues", payload)

    def close_issue(self, number: int, *, reason: str = "completed") -> dict[str, Any]:
        """Close an issue; ``reason`` is GitHub's ``state_reason`` (completed, not_planned)."""
        payload = {"state": "closed", "state_reason": reason}
        return self._json("PATCH", f"/repos/{self.repository}/issues/{number}", payload)

    # -- transport -----------------------------------------------------------------------

    def _json(self, method: str, path: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        response = self._request(method, path, json=payload)
        data = self._decode(method, path, response)
        if not isinstance(data, dict):
            raise GitHubError(self._redact(f"{method} {path}: GitHub answered with a non-object"))
        return data

    def _paginate(self, path: str, params: Mapping[str, str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        url: str = path
        query: dict[str, str] | None = {**params, "per_page": str(PER_PAGE)}
        for _ in range(MAX_PAGES):
            response = self._request("GET", url, params=query)
            page = self._decode("GET", path, response)
            if not isinstance(page, list):
                raise GitHubError(self._redact(f"GET {path}: GitHub answered with a non-list"))
            items.extend(item for item in page if isinstance(item, dict))
            next_url = response.links.get("next", {}).get("url")
            if not next_url:
                return items
            nxt = urlsplit(next_url)
            if (nxt.scheme, nxt.netloc) != self._origin:
                raise GitHubError(
                    self._redact(
                        f"GET {path}: refusing to follow a pagination link to another host "
                        f"({nxt.scheme}://{nxt.netloc}); the token is only sent to {self.api_url}"
                    )
                )
            url, query = next_url, None
        raise GitHubError(f"GET {path}: more than {MAX_PAGES} pages; giving up")

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        import httpx

        url = path if path.startswith(("http://", "https://")) else self.api_url + path
        shown = urlsplit(url).path
        attempt = 0
        while True:
            try:
                response = self._http.request(
                    method, url, params=params, json=json, headers=self._headers
                )
            except httpx.TransportError as exc:
                if attempt >= self._retry.retries:
                    # `from None`: the chained httpx error carries the request and its headers.
                    raise GitHubServerError(
                        self._redact(
                            f"cannot reach GitHub at {self.api_url} ({method} {shown}) after "
                            f"{attempt + 1} attempts: {type(exc).__name__}: {exc}"
                        ),
                        hint="check the network and GITHUB_API_URL",
                    ) from None
                delay = self._retry.backoff(attempt)
            else:
                if response.is_success:
                    return response
                delay_or_none = self._retry_delay(method, shown, response, attempt)
                if delay_or_none is None or attempt >= self._retry.retries:
                    raise self._error(method, shown, response, attempts=attempt + 1)
                delay = delay_or_none
            self._sleep(delay)
            attempt += 1

    def _retry_delay(
        self, method: str, path: str, response: httpx.Response, attempt: int
    ) -> float | None:
        status = response.status_code
        headers = response.headers
        if not _is_rate_limited(response):
            return self._retry.backoff(attempt) if status >= 500 else None
        wait = retry_after_seconds(headers.get("retry-after"))
        if wait is None and headers.get("x-ratelimit-remaining") == "0":
            reset = headers.get("x-ratelimit-reset", "")
            wait = float(int(reset)) - time.time() + 1.0 if reset.isdigit() else None
        if wait is None:
            # No header said how long: GitHub documents "at least one minute" for 403s.
            wait = 60.0 if status == 403 else max(self._retry.backoff(attempt), 1.0)
        wait = max(wait, 0.0)
        if wait > self._retry.max_delay:
            raise GitHubRateLimitError(
                f"{method} {path}: GitHub rate limit; it resets in {wait:.0f} s, longer than "
                f"the {self._retry.max_delay:.0f} s this command waits",
                status=status,
                hint="re-run the job later, or use a token with a higher rate limit",
            )
        return wait

    def _error(
        self, method: str, path: str, response: httpx.Response, *, attempts: int
    ) -> GitHubError:
        status = response.status_code
        detail = self._redact(_github_message(response))
        where = f"{method} {path}"
        if status == 401:
            return GitHubAuthError(
                f"GitHub rejected the token (HTTP 401: {detail}) on {where}",
                status=status,
                hint="check that GITHUB_TOKEN is set to a valid, unexpired token",
            )
        if _is_rate_limited(response):
            return GitHubRateLimitError(
                f"{where}: still rate limited after {attempts} attempts (HTTP {status}: {detail})",
                status=status,
                hint="re-run the job later",
            )
        if status == 403:
            return GitHubAuthError(
                f"the token may not {where} (HTTP 403: {detail})",
                status=status,
                hint=_PERMISSION_HINT,
            )
        if status == 404:
            return GitHubNotFoundError(
                f"{where}: not found (HTTP 404: {detail})",
                status=status,
                hint=(
                    f"check GITHUB_REPOSITORY ({self.repository}) and the issue or pull request "
                    "number; the token must be able to see the repository (on GitHub Enterprise "
                    "set GITHUB_API_URL)"
                ),
            )
        if status >= 500:
            return GitHubServerError(
                f"{where}: GitHub failed with HTTP {status} after {attempts} attempts ({detail})",
                status=status,
                hint="GitHub may be having an outage; re-run the job later",
            )
        return GitHubRequestError(f"{where}: HTTP {status}: {detail}", status=status)

    def _decode(self, method: str, path: str, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise GitHubError(
                self._redact(f"{method} {path}: GitHub answered with a body that is not JSON"),
                status=response.status_code,
            ) from None

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


def _is_rate_limited(response: httpx.Response) -> bool:
    """429, or 403 with GitHub's rate-limit headers or message (a plain 403 is a permission
    error). Secondary rate limits sometimes come without headers: GitHub asks to wait a minute.
    """
    if response.status_code == 429:
        return True
    if response.status_code != 403:
        return False
    headers = response.headers
    if "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0":
        return True
    return "rate limit" in _github_message(response).lower()


def _github_message(response: httpx.Response) -> str:
    """GitHub's ``message`` (plus field errors), one line, at most 300 characters."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        text = data["message"]
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            parts = [
                str(e.get("message") or e.get("code") or e) if isinstance(e, dict) else str(e)
                for e in errors[:3]
            ]
            text += ": " + "; ".join(parts)
    else:
        text = response.reason_phrase or "no message"
    return " ".join(text.split())[:300]


__all__ = ["DEFAULT_API_URL", "REPOSITORY_NAME", "GitHubClient"]
