"""The cache of parsed glossaries: used only for the same bytes, at the same path, read by the
same code; never a source of truth, never a reason for a load to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.glossary import cache, files, load_glossary
from reader.model import Context

TEXT = """\
# a glossary with every kind of entry
language: en
entries:
  stark: 赤裸的；光秃的
  Europe's: [欧洲的]
  empty:
  nascent:
    glosses: [新生的, 初生的]
    note: |-
      from Latin nasci,
      to be born
    reading: /ˈnæsənt/
    pos: adj.
    forms: [nascence]
    tags: [economist]
    status: known
    level: 2
    id: '0042'
    production: true
    context: {document: op-ed, segment: 1a2b3c4d, sentence: 3}
    mnemonic: {say: it, times: [1, 2.5, true, null]}
  best shot: {glosses: 最佳机会, context: {document: op-ed, segment: ffff0000}}
"""


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of its own, and every file large enough to be cached."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    return tmp_path / "cache" / "glossaries"


def _glossary(tmp_path: Path, text: str = TEXT) -> Path:
    path = tmp_path / "en.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("read from YAML, not from the cache")

    monkeypatch.setattr(files, "entries_of", refuse)


def test_a_second_load_comes_from_the_cache_and_is_the_same(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _glossary(tmp_path)
    first = load_glossary(path)
    assert len(list(cached.iterdir())) == 1
    _without_yaml(monkeypatch)
    again = load_glossary(path)
    assert again == first  # entries, text, digest, warnings with their positions
    assert [e.extra for e in again.entries] == [e.extra for e in first.entries]
    nascent = again.find("nascent")
    assert nascent is not None and nascent.context == Context("op-ed", "1a2b3c4d", 3)
    assert nascent.extra == (("mnemonic", {"say": "it", "times": [1, 2.5, True, None]}),)
    assert [str(w) for w in again.warnings] == [
        f"{path}:21:5: warning: unknown field 'mnemonic' in 'nascent' (kept as is)",
        f"{path}:17:12: warning: level is only used while the status is learning",
    ]


def test_an_edited_file_is_read_again(tmp_path: Path, cached: Path) -> None:
    path = _glossary(tmp_path)
    load_glossary(path)
    path.write_text(TEXT.replace("赤裸的；光秃的", "明显的"), encoding="utf-8")
    stark = load_glossary(path).find("stark")
    assert stark is not None and stark.glosses == ("明显的",)
    assert len(list(cached.iterdir())) == 1  # replaced, not added


def test_other_reading_code_misses(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _glossary(tmp_path)
    gf = load_glossary(path)
    size = path.stat().st_size
    assert cache.load(path, gf.digest, size) is not None
    monkeypatch.setattr(cache, "_stamp", lambda: "a newer reader")
    assert cache.load(path, gf.digest, size) is None
    assert load_glossary(path) == gf  # read from YAML and stored for the newer code
    assert cache.load(path, gf.digest, size) is not None


def test_the_same_bytes_elsewhere_are_another_file(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_glossary(_glossary(tmp_path))
    other = tmp_path / "other" / "en.yaml"
    other.parent.mkdir()
    other.write_text(TEXT, encoding="utf-8")
    gf = load_glossary(other)
    assert all(w.location.path == str(other) for w in gf.warnings)
    assert len(list(cached.iterdir())) == 2


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe3\x00\x00"])
def test_a_damaged_cache_file_is_a_miss(tmp_path: Path, cached: Path, damage: bytes) -> None:
    path = _glossary(tmp_path)
    first = load_glossary(path)
    (cache_file,) = cached.iterdir()
    cache_file.write_bytes(damage)
    assert load_glossary(path) == first
    assert cache_file.read_bytes() not in (b"", damage)  # written again


def test_broken_files_are_never_cached(tmp_path: Path, cached: Path) -> None:
    path = _glossary(tmp_path, "language: en\nentries:\n  a: b\n  A: c\n")
    for _ in range(2):
        with pytest.raises(ReaderError, match="duplicate term"):
            load_glossary(path)
    assert not cached.exists() or not list(cached.iterdir())


def test_values_marshal_cannot_store_are_not_cached(tmp_path: Path, cached: Path) -> None:
    path = _glossary(tmp_path, "language: en\nentries:\n  a: {glosses: b, seen: 2024-05-01}\n")
    gf = load_glossary(path)
    assert str(gf.entries[0].extra[0][1]) == "2024-05-01"
    assert not cached.exists() or not list(cached.iterdir())
    assert load_glossary(path) == gf


def test_small_files_and_a_cache_turned_off_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    load_glossary(_glossary(tmp_path))  # far below MIN_BYTES
    assert not (tmp_path / "cache").exists()
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("READER_CACHE_DIR", "")
    assert cache.folder() is None
    load_glossary(_glossary(tmp_path))
    assert not (tmp_path / "cache").exists()


def test_an_unusable_cache_folder_does_not_stop_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    path = _glossary(tmp_path)
    assert load_glossary(path) == load_glossary(path)
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_whole_file_save_leaves_the_cache_ready_for_the_saved_text(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from reader.glossary import local, update_entry

    monkeypatch.setattr(local, "layout_of", lambda gf: None)  # the whole-file save
    path = _glossary(tmp_path)
    gf = load_glossary(path)
    stark = gf.find("stark")
    assert stark is not None
    saved = update_entry(gf, "stark", replace(stark, status="known"))
    _without_yaml(monkeypatch)
    again = load_glossary(path)
    assert again.entries == saved.entries and again.text == saved.text
    assert again.warnings == saved.warnings


def test_after_a_local_save_the_next_load_reads_the_file_and_caches_it(
    tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local save does not store the cache (for 50,000 entries that costs more than the
    save): the next load misses, reads the saved text, and stores it for the one after."""
    from dataclasses import replace

    from reader.glossary import update_entry

    path = _glossary(tmp_path)
    gf = load_glossary(path)
    stark = gf.find("stark")
    assert stark is not None
    saved = update_entry(gf, "stark", replace(stark, status="known"))
    assert saved.layout is not None  # saved locally
    again = load_glossary(path)
    assert again.entries == saved.entries and again.warnings == saved.warnings
    _without_yaml(monkeypatch)
    assert load_glossary(path).entries == saved.entries
