"""Documents as YAML: round trip, errors, and the parsed-form cache that never goes stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import dump_document, load_document, save_document
from reader.errors import ReaderError
from reader.model import Document, Link, Segment, Text


def sample() -> Document:
    seg = Segment(
        "a1",
        "paragraph",
        Text.of(["Hi there.", 'Bye: "x" #y'], "en"),
        Text.of(["你好。", "再见"], "zh"),
        (Link((0,), (0,), 0.9), Link((1,), (1,), None, True)),
    )
    title = Segment("t1", "title", Text.of(["A title"], "en"))
    return Document("doc", "A title", "en", (title, seg), "zh", imported="2026-11-22")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    return cache


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    loaded = load_document(path)
    assert loaded == sample()
    assert loaded.segments[1].target is not None
    assert loaded.segments[1].target.text == "你好。再见"
    assert loaded.segments[1].source.spans == ((0, 9), (10, 21))
    assert "- [[1], [1], null, manual]" in path.read_text(encoding="utf-8")


def test_a_hand_edit_is_seen_although_a_cache_exists(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    assert list((private_cache / "documents").glob("*.json"))
    path.write_text(path.read_text("utf-8").replace("Hi there.", "Hello there."), "utf-8")
    assert load_document(path).segments[1].source.sentences[0] == "Hello there."


def test_a_broken_cache_is_ignored(tmp_path: Path, private_cache: Path) -> None:
    path = tmp_path / "doc.yaml"
    save_document(sample(), path)
    for cached in (private_cache / "documents").glob("*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert load_document(path) == sample()


def test_unquoted_dates_load_and_cache(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(
        dump_document(sample()).replace("imported: '2026-11-22'", "imported: 2026-11-22"), "utf-8"
    )
    assert load_document(path).imported == "2026-11-22"
    assert load_document(path).imported == "2026-11-22"  # second time from the cache


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("kind: paragraph", "kind: paragrap"), "unknown kind"),
        (("- [[0], [0], 0.9]", "- [[0], [5], 0.9]"), "bad link"),
        (("source_lang: en", "source_lang: en\nsource_lang: nl"), "duplicate"),
        (("title: A title", "title: !!python/object:os.system x"), "tag"),
    ],
)
def test_errors_name_the_file(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(dump_document(sample()).replace(*edit, 1), "utf-8")
    with pytest.raises(ReaderError) as exc:
        load_document(path)
    assert str(path) in str(exc.value)
    assert message in str(exc.value).lower()


def test_segment_ids_count_repeats_exactly_as_probing_would() -> None:
    from reader.model import SegmentIds, segment_id

    texts = [("paragraph", "* * *"), ("heading", "One"), ("paragraph", "* * *")] * 50
    texts += [("paragraph", "Other"), ("heading", "* * *"), ("paragraph", "* * *")]
    ids, taken = SegmentIds(), set()
    counted = [ids.new(kind, text) for kind, text in texts]
    probed = [segment_id(kind, text, taken) for kind, text in texts]
    assert counted == probed
    assert len(set(counted)) == len(counted)
    assert counted[2].endswith("-2") and counted[-1].endswith("-101")
