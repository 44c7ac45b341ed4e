"""The reliability suite, the issue's single findings, each as the scenario that showed it."""

from __future__ import annotations

import random
from pathlib import Path

from reliability_cases import (
    fast_reader_disagrees,
    hand_edited_document,
    random_glossary_text,
    reimport_keeps_the_learners_work,
    same_size_edit_with_mtime_put_back,
    saved_through_symlinks,
)


def test_a_same_size_edit_with_its_mtime_put_back_is_seen(tmp_path: Path) -> None:
    assert same_size_edit_with_mtime_put_back(tmp_path) is None


def test_a_document_edited_by_hand_is_not_overwritten(tmp_path: Path) -> None:
    assert hand_edited_document(tmp_path) is None


def test_a_reimport_keeps_repaired_links_and_own_translations(tmp_path: Path) -> None:
    assert reimport_keeps_the_learners_work(tmp_path) == []


def test_glossaries_and_documents_are_saved_through_their_symlinks(tmp_path: Path) -> None:
    assert saved_through_symlinks(tmp_path) == []


def test_the_fast_reader_agrees_with_the_strict_one_on_random_texts() -> None:
    rng = random.Random(12)
    found = [fast_reader_disagrees(random_glossary_text(rng)) for _ in range(300)]
    assert [f for f in found if f] == []
