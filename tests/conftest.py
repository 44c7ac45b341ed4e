"""Shared test fixtures.

Every test runs with its own config file and state directory so a developer's keymap, bidi
setting or saved reading positions never leak into results, and tests never write into them.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_config_and_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point READER_CONFIG and READER_STATE_DIR at fresh temporary paths for each test."""
    root = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_CONFIG", str(root / "config.yaml"))
    monkeypatch.setenv("READER_STATE_DIR", str(root / "state"))
    return root
