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


def random_keys(seed: int, count: int) -> list[tuple[str, int, int, str]]:
    """(key, rank, entry, table): prefixes of one another, CJK, duplicates, ties of rank."""
    import random

    rng = random.Random(seed)
    stems = ["a", "ab", "abc", "level", "lev", "归", "归来", "é", "z" * 30, "x y"]
    out = []
    for _ in range(count):
        key = rng.choice(stems) + rng.choice(["", "s", "来", str(rng.randrange(50))])
        out.append((key, rng.randrange(4), rng.randrange(200), rng.choice(["head", "gloss"])))
    return out


def build(tmp_path: Path, name: str, keys: list[tuple[str, int, int, str]], runs: int) -> Path:
    w = IndexWriter(tmp_path / "spill", run_records=runs)
    for n in range(200):
        w.add_entry(f"entry {n}".encode())
    for table in ("head", "gloss"):
        # Half through add_key, half through a generator given to add_keys.
        mine = [(k, r, e) for k, r, e, t in keys if t == table]
        for key, rank, entry in mine[::2]:
            w.add_key(key, entry, rank, table)
        w.add_keys(((k.encode(), r, e) for k, r, e in mine[1::2]), table)
    w.add_blob("b", b"blob")
    path = tmp_path / name
    w.write(path, {"name": "random"})
    return path


def test_an_index_sorted_in_many_runs_on_disk_is_the_one_sorted_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.dictionary.index as index_module

    keys = random_keys(1, 3000)
    one = build(tmp_path, "o.rdx", keys, runs=10**6)
    # Small runs, and the merged records turned into sections a few at a time, so that
    # a key's entries straddle runs and steps.
    monkeypatch.setattr(index_module, "_STEP", 5)
    many = build(tmp_path, "m.rdx", keys, runs=7)
    assert many.read_bytes() == one.read_bytes()
    assert list((tmp_path / "spill").iterdir()) == []  # the runs are gone with the writer
    index = Index(many)
    # Every key finds its entries by rank, then by the order they were added (entry number
    # here, as the builders add them), computed the plain way.
    expected: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for key, rank, entry, table in keys:
        expected.setdefault((table, key), []).append((rank, entry))
    for (table, key), found in expected.items():
        assert index.find(key, table) == [e for _r, e in sorted(found)], key
    assert list(index.iter_keys("gloss")) == sorted(
        {k for t, k in expected if t == "gloss"}, key=str.encode
    )
    index.close()


def test_keys_are_taken_from_an_iterator_a_run_at_a_time(tmp_path: Path) -> None:
    w = IndexWriter(tmp_path, run_records=100)
    seen: list[int] = []

    def keys():  # type: ignore[no-untyped-def]
        for n in range(1000):
            if n % 100 == 0:
                seen.append(w.spilled)  # how many runs were on disk when key n was asked for
            yield f"k{n % 37}".encode(), 0, n

    w.add_keys(keys())
    assert seen == list(range(10)) and w.spilled == 10
    w.close()


def test_sorted_runs_give_back_every_record_sorted_once() -> None:
    import random

    from reader.dictionary.runs import SortedRuns

    records = [bytes(random.Random(2).choices(b"ab\0\xff", k=n % 6)) for n in range(500)]
    runs = SortedRuns(run_records=9)
    runs.extend(records[:250])
    for record in records[250:]:
        runs.add(record)
    assert runs.spilled == 55
    assert list(runs) == sorted(records)
    assert runs.spilled == 0 and list(runs) == []
