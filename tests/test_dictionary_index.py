"""The on-disk index every dictionary is read into, and what importing the layer costs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.dictionary.index import BadIndex, Index, IndexWriter
from reader.dictionary.indexed import fold, open_or_build


def write(tmp_path: Path) -> Path:
    w = IndexWriter()
    a = w.add_entry(b"first")
    b = w.add_entry("二".encode())
    c = w.add_entry(b"third")
    w.add_key("level", c, rank=2)
    w.add_key("level", a)
    w.add_key("lev", b)
    w.add_key("归来", b)
    w.add_key("levels", a, rank=1, table="other")
    w.add_blob("extra", b"\x00\x01")
    path = tmp_path / "x.rdx"
    w.write(path, {"name": "test"})
    return path


def test_keys_find_their_entries_best_rank_first(tmp_path: Path) -> None:
    index = Index(write(tmp_path))
    assert len(index) == 3 and index.meta["name"] == "test"
    assert index.find("level") == [0, 2]
    assert index.find("lev") == [1] and index.find("le") == [] and index.find("levelx") == []
    assert index.find("归来") == [1]
    assert index.find("levels") == [] and index.find("levels", "other") == [0]
    assert [index.payload(i) for i in index.find("level")] == [b"first", b"third"]
    assert index.blob("extra") == b"\x00\x01" and index.blob("none") is None
    assert index.has_prefix("le") and index.has_prefix("归") and not index.has_prefix("x")
    assert index.keys_from("le", 10) == ["lev", "level"]
    assert list(index.iter_keys()) == ["lev", "level", "归来"]
    assert index.key_count() == 3 and index.key_count("other") == 1 and index.key_count("no") == 0
    index.close()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw: raw[:6], "truncated index"),
        (lambda raw: b"XXXX" + raw[4:], "not a dictionary index"),
        (lambda raw: raw[:4] + (99).to_bytes(4, "little") + raw[8:], "index format 99"),
        (lambda raw: raw[:40], "damaged index header"),
        (lambda raw: raw[:-3], "truncated index"),
    ],
)
def test_a_damaged_index_is_refused(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(BadIndex, match=message):
        Index(path)


def test_a_damaged_cached_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    builds = []

    def build(w: IndexWriter) -> dict[str, object]:
        builds.append(1)
        w.add_key("a", w.add_entry(b"A"))
        return {}

    assert open_or_build("t", "d1", build).find("a") == [0]
    (cached,) = (tmp_path / "dictionaries").glob("t-d1-*.rdx")
    assert open_or_build("t", "d1", build).find("a") == [0] and len(builds) == 1
    cached.write_bytes(b"RDXI")
    assert open_or_build("t", "d1", build).find("a") == [0] and len(builds) == 2


def test_without_a_cache_folder_the_index_lives_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", "")

    def build(w: IndexWriter) -> dict[str, object]:
        w.add_key("a", w.add_entry(b"A"))
        return {}

    index = open_or_build("t", "d", build)
    assert index.path is None and index.payload(index.find("a")[0]) == b"A"


@pytest.mark.parametrize(
    ("word", "lang", "key"),
    [
        ("Level  Playing\tField", "en", "level playing field"),
        ("Europe’s", "en", "europe's"),
        ("STRAßE", "de", "strasse"),
        ("الكِتَابُ", "ar", "الكتاب"),
        ("卡拉 OK", "zh", "卡拉ok"),
    ],
)
def test_fold_is_how_glossary_terms_compare(word: str, lang: str, key: str) -> None:
    from reader.normalize import normalize_term

    assert fold(word, lang) == key == normalize_term(word, lang)


def test_importing_the_layer_and_making_the_shelf_loads_no_language_resources() -> None:
    code = (
        "import json, sys\n"
        "from reader.dictionary import Shelf\n"
        "shelf = Shelf.default()\n"
        "heavy = ('jieba', 'lemminflect', 'simplemma', 'numpy', 'idzip', 'textual', 'rich')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
