"""Shared test fixtures.

Every test runs with its own config file and state directory so a developer's keymap, bidi
setting or saved reading positions never leak into results, and tests never write into them.
Caches (parsed documents, the dictionary index) go to one folder per test session: shared by
the tests, so the dictionary index is built once, and never the developer's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reader-cache")


@pytest.fixture(autouse=True)
def isolated_config_and_state(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    session_cache: Path,
) -> Path:
    """Point READER_CONFIG and READER_STATE_DIR at fresh temporary paths for each test, and
    the installed dictionaries too: the system's dictd folder is never looked at."""
    root = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_CONFIG", str(root / "config.yaml"))
    monkeypatch.setenv("READER_STATE_DIR", str(root / "state"))
    monkeypatch.setenv("READER_DICTIONARIES", str(root / "dictionaries"))
    monkeypatch.setenv("READER_DICTD_DIR", str(root / "no-dictd"))
    monkeypatch.setenv("READER_CACHE_DIR", str(session_cache))
    return root
