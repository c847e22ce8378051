"""Fixtures for the GitHub tests: a stand-in API server on 127.0.0.1 and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from edgar_sentinel.github.client import GitHubClient
from tests.fakes.github_api import TOKEN, FakeGitHub


@pytest.fixture
def sleeps() -> list[float]:
    """The waits the client asked for, instead of sleeping."""
    return []


@pytest.fixture
def client(fake_github: FakeGitHub, sleeps: list[float]) -> Iterator[GitHubClient]:
    with GitHubClient(
        repository=fake_github.repository,
        token=TOKEN,
        api_url=fake_github.url,
        sleep=sleeps.append,
    ) as github:
        yield github
