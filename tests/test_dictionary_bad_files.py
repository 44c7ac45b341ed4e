"""Broken dictionary files: one line naming the file, and nothing half-installed."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.dictionary.registry import Registry
from reader.errors import ReaderError

BUILT = Path(__file__).parent / "data" / "dictionaries" / "built"


def copy_of(tmp_path: Path, folder: str) -> Path:
    out = tmp_path / "src" / folder
    shutil.copytree(BUILT / folder, out)
    return out


def truncate_dictzip(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "dictd")
    dz = folder / "sample-eng-eng.dict.dz"
    dz.write_bytes(dz.read_bytes()[:-200])
    return folder / "sample-eng-eng.index"


def gzip_without_chunks(tmp_path: Path) -> Path:
    import gzip

    folder = copy_of(tmp_path, "dictd-plain")
    data = folder / "sample-eng-eng.dict"
    (folder / "sample-eng-eng.dict.dz").write_bytes(gzip.compress(data.read_bytes()))
    data.unlink()
    return folder / "sample-eng-eng.index"


def wrong_dictd_offset(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "dictd")
    index = folder / "sample-eng-eng.index"
    lines = index.read_text(encoding="utf-8").splitlines()
    lines[-1] = "stifle\tHC\tzzzz"  # a length far past the end of the data
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def truncated_idx(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "stardict-text2bin")
    idx = folder / "sample-nld-eng.idx"
    idx.write_bytes(idx.read_bytes()[:-3])
    return folder / "sample-nld-eng.ifo"


def wrong_idx_offset(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "stardict-tabfile")
    idx = folder / "sample-eng-eng.idx"
    raw = bytearray(idx.read_bytes())
    first_nul = raw.index(0)
    raw[first_nul + 1 : first_nul + 5] = (10_000_000).to_bytes(4, "big")
    idx.write_bytes(bytes(raw))
    return folder / "sample-eng-eng.ifo"


def bad_syn_target(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "stardict-text2bin")
    syn = folder / "sample-nld-eng.syn"
    raw = bytearray(syn.read_bytes())
    nul = raw.index(0)
    raw[nul + 1 : nul + 5] = (99).to_bytes(4, "big")
    syn.write_bytes(bytes(raw))
    return folder / "sample-nld-eng.ifo"


def not_an_ifo(tmp_path: Path) -> Path:
    folder = copy_of(tmp_path, "stardict-tabfile")
    (folder / "sample-eng-eng.ifo").write_text("hello\n", encoding="utf-8")
    return folder / "sample-eng-eng.ifo"


def latin1_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "words.tsv"
    path.write_bytes("café\tcoffee\nnaïve\tnaive\n".encode("latin-1"))
    return path


def tsv_without_tab(tmp_path: Path) -> Path:
    path = tmp_path / "words.tsv"
    path.write_text("stark\tbare\njust a line\n", encoding="utf-8")
    return path


def csv_not_ecdict(tmp_path: Path) -> Path:
    path = tmp_path / "table.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    return path


def yomitan(tmp_path: Path, members: dict[str, str]) -> Path:
    path = tmp_path / "dict.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return path


INDEX = json.dumps({"title": "T", "format": 3, "sourceLanguage": "en", "targetLanguage": "en"})


def zip_bomb(tmp_path: Path) -> Path:
    # 40 MB of one byte deflate to about 40 KB: a ratio no dictionary has.
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("index.json", INDEX)
        with zf.open("term_bank_1.json", "w") as fh:
            fh.write(b"[")
            for _ in range(40):
                fh.write(b" " * (1 << 20))
            fh.write(b"]")
    return path


def json_not_a_term_bank(tmp_path: Path) -> Path:
    return yomitan(tmp_path, {"index.json": INDEX, "term_bank_1.json": '{"title": "x"}'})


def rows_not_terms(tmp_path: Path) -> Path:
    return yomitan(tmp_path, {"index.json": INDEX, "term_bank_1.json": "[[1, 2, 3]]"})


def broken_json(tmp_path: Path) -> Path:
    return yomitan(tmp_path, {"index.json": INDEX, "term_bank_1.json": '[["a", "", "", "",'})


def empty_term_bank(tmp_path: Path) -> Path:
    return yomitan(tmp_path, {"index.json": INDEX, "term_bank_1.json": "[]"})


def zip_without_index(tmp_path: Path) -> Path:
    return yomitan(tmp_path, {"term_bank_1.json": "[]"})


def not_a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "dict.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    return path


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (truncate_dictzip, "sample-eng-eng.dict.dz: damaged or truncated"),
    (gzip_without_chunks, "gzip without a dictzip chunk table"),
    (wrong_dictd_offset, "sample-eng-eng.index:15: entry 'stifle' points past the end"),
    (truncated_idx, "sample-nld-eng.idx: 78 bytes, the .ifo says idxfilesize=81"),
    (wrong_idx_offset, "points past the end of sample-eng-eng.dict.dz"),
    (bad_syn_target, "sample-nld-eng.syn: synonym"),
    (not_an_ifo, "sample-eng-eng.ifo:1: not a StarDict .ifo"),
    (latin1_tsv, "words.tsv:1:4: not UTF-8 text"),
    (tsv_without_tab, "words.tsv:2: expected term<TAB>gloss"),
    (csv_not_ecdict, "table.csv:1: not an ECDICT CSV"),
    (zip_bomb, "term_bank_1.json is compressed 1,0"),
    (json_not_a_term_bank, "term_bank_1.json is not a term bank"),
    (rows_not_terms, "term_bank_1.json: row 1 is not a term"),
    (broken_json, "term_bank_1.json:1:19: not valid JSON"),
    (empty_term_bank, "dict.zip: no entries with definitions"),
    (zip_without_index, "no index.json: not a Yomitan dictionary"),
    (not_a_zip, "dict.zip: not a zip file"),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_file_is_one_line_and_installs_nothing(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    folder = tmp_path / "dicts"
    registry = Registry(folder)
    with pytest.raises(ReaderError) as caught:
        registry.add(path, from_lang="en", to_lang="en")
    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert registry.installed() == []
    assert not folder.exists() or [p.name for p in folder.iterdir()] == []


def test_cli_error_is_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = truncated_idx(tmp_path)
    assert main(["dict", "add", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("reader: ") and "sample-nld-eng.idx" in err


def test_a_damaged_data_file_after_install_is_an_error_at_look_up(tmp_path: Path) -> None:
    from reader.dictionary.registry import open_record

    registry = Registry(tmp_path / "dicts")
    record = registry.add(BUILT / "dictd" / "sample-eng-eng.index")
    dz = record.path.parent / "sample-eng-eng.dict.dz"
    dz.write_bytes(dz.read_bytes()[:100])
    with pytest.raises(ReaderError, match="sample-eng-eng.dict.dz"):
        open_record(record).lookup("stifle")


def test_a_member_larger_than_any_term_bank_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.dictionary.formats import yomitan as module

    monkeypatch.setattr(module, "MAX_MEMBER", 1000)
    path = yomitan(
        tmp_path, {"index.json": INDEX, "term_bank_1.json": json.dumps([["a"] * 5] * 200)}
    )
    with pytest.raises(
        ReaderError, match=r"dict.zip: term_bank_1.json unpacks to 5,400 bytes: refused"
    ):
        Registry(tmp_path / "dicts").add(path)


def test_a_broken_dictionary_is_left_out_and_the_others_still_answer(tmp_path: Path) -> None:
    from reader.dictionary.registry import open_record
    from reader.dictionary.shelf import Shelf

    registry = Registry(tmp_path / "dicts")
    broken = registry.add(BUILT / "dictd" / "sample-eng-eng.index", name="broken")
    registry.add(BUILT / "stardict-tabfile", from_lang="en", to_lang="en", name="fine")
    dz = broken.path.parent / "sample-eng-eng.dict.dz"
    dz.write_bytes(dz.read_bytes()[:100])
    shelf = Shelf([open_record(r) for r in registry.installed()])
    hits = shelf.lookup("stifle", "en")
    assert [h.dictionary.name for h in hits] == ["fine"]
    (error,) = shelf.errors
    assert "sample-eng-eng.dict.dz" in str(error)
    assert [h.dictionary.name for h in shelf.lookup("Europe", "en")] == ["fine"]
    assert len(shelf.errors) == 1
