"""`reader dict add|list|remove` and `reader lookup`, as a learner runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from reader.cli import main

REAL = Path(__file__).parent / "data" / "real" / "dictionaries"
BUILT = Path(__file__).parent / "data" / "dictionaries" / "built"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dictd_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system dictd folder holding the real excerpts, as Debian installs them."""
    folder = tmp_path / "usr-share-dictd"
    folder.mkdir()
    for f in REAL.glob("*.index"):
        shutil.copy(f, folder)
        shutil.copy(f.with_suffix(".dict.dz"), folder)
    monkeypatch.setenv("READER_DICTD_DIR", str(folder))
    return folder


def test_add_list_lookup_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("READER_DICTIONARIES", str(data))
    code, out, _ = run(
        capsys, "dict", "add", str(BUILT / "stardict-text2bin" / "sample-nld-eng.ifo")
    )
    assert code == 0
    assert out.startswith(
        "added Sample Dutch-English (stardict-text2bin) (stardict, nl→en, 5 entries;"
    )
    folder = data / "sample-dutch-english-stardict-text2bin"
    assert sorted(p.name for p in folder.iterdir()) == [
        "sample-nld-eng.dict.dz",
        "sample-nld-eng.idx",
        "sample-nld-eng.ifo",
        "sample-nld-eng.syn",
    ]
    registry = yaml.safe_load((data / "registry.yaml").read_text(encoding="utf-8"))
    assert (
        registry["dictionaries"][0]["path"]
        == "sample-dutch-english-stardict-text2bin/sample-nld-eng.ifo"
    )

    code, out, _ = run(capsys, "dict", "list", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["from"], r["to"], r["origin"]) for r in rows] == [
        ("Sample Dutch-English (stardict-text2bin)", "nl", "en", "installed"),
        ("CC-CEDICT", "zh", "en", "bundled"),
        ("CC-CEDICT (reversed)", "en", "zh", "bundled"),
    ]
    assert rows[0]["entries"] == 5 and rows[1]["entries"] > 100_000

    code, out, _ = run(
        capsys,
        "lookup",
        "nam",
        "--lang",
        "nl",
        "--sentence",
        "Meta nam het bedrijf over.",
        "--json",
    )
    assert code == 0
    hits = json.loads(out)
    assert [(h["form"], h["how"]) for h in hits] == [("overnemen", "separable"), ("nemen", "lemma")]
    assert hits[0]["entries"][0]["definitions"] == [
        "ww. to take over; to adopt\nMeta neemt het bedrijf over: Meta takes the company over"
    ]

    code, out, _ = run(capsys, "dict", "remove", "Sample Dutch-English (stardict-text2bin)")
    assert (code, out) == (0, "removed Sample Dutch-English (stardict-text2bin)\n")
    assert not folder.exists()
    code, _out, err = run(capsys, "lookup", "overnemen", "--lang", "nl")
    assert code == 1 and err == "reader: no entry for 'overnemen' in 0 dictionaries (nl)\n"


def test_link_keeps_the_files_where_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_DICTIONARIES", str(tmp_path / "data"))
    source = tmp_path / "mine"
    shutil.copytree(BUILT / "dictd", source)
    code, out, _ = run(
        capsys, "dict", "add", str(source / "sample-eng-eng.index"), "--link", "--name", "Mine"
    )
    assert code == 0 and "linked" in out
    linked = tmp_path / "data" / "mine" / "sample-eng-eng.index"
    assert linked.is_symlink() and linked.resolve() == (source / "sample-eng-eng.index").resolve()
    code, out, _ = run(capsys, "lookup", "stifling", "--lang", "en")
    assert code == 0 and "── Mine (en→en): stifle (lemma of stifling)" in out


def test_system_dictd_databases_are_found_and_can_be_hidden(
    dictd_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "dict", "list")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["freedict-ara-eng", "freedict-nld-eng", "wn"]
    assert "ar→en" in lines[0] and "system" in lines[0] and str(dictd_dir) in lines[0]

    code, out, _ = run(capsys, "lookup", "وكتبوا")  # the script says Arabic
    assert code == 0
    assert "── freedict-ara-eng (ar→en): كتب (stem of وكتبوا)" in out
    assert "Wrote" in out

    code, out, _ = run(capsys, "dict", "remove", "wn")
    assert code == 0 and out.startswith("hid wn (a system dictionary")
    assert (dictd_dir / "wn.index").exists()
    _code, out, _ = run(capsys, "dict", "list")
    assert "wn " not in out


def test_lookup_without_lang_tries_every_latin_script_language(
    dictd_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "lookup", "open")
    assert code == 0
    assert "freedict-nld-eng (nl→en): open" in out
    assert "CC-CEDICT (reversed) (en→zh): open" in out


def test_lookup_of_chinese_uses_the_bundled_dictionary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "歸來")
    assert code == 0
    assert out.splitlines()[:3] == [
        "── CC-CEDICT (zh→en): 歸來",
        "归来 [歸來]  guī lái",
        "  to return",
    ]


def test_add_needs_languages_the_file_does_not_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsv = tmp_path / "list.tsv"
    tsv.write_text("stark\tbare\n", encoding="utf-8")
    code, _out, err = run(capsys, "dict", "add", str(tsv))
    assert code == 1
    assert (
        err
        == f"reader: {tsv}: the file does not say its languages; give them with --from and --to\n"
    )
    code, out, _ = run(capsys, "dict", "add", str(tsv), "--from", "eng", "--to", "zh")
    assert code == 0 and "(tsv, en→zh, 1 entries;" in out
    code, _out, err = run(capsys, "dict", "add", str(tsv), "--from", "en", "--to", "zh")
    assert code == 1 and "a dictionary named 'list' is installed already" in err


def test_remove_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "dict", "remove", "nothing")
    assert code == 1 and "no dictionary named 'nothing'" in err


def test_broken_registry_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "registry.yaml").write_text("dictionaries: [\n", encoding="utf-8")
    monkeypatch.setenv("READER_DICTIONARIES", str(data))
    code, _out, err = run(capsys, "dict", "list")
    assert (
        code == 1 and err.startswith(f"reader: {data / 'registry.yaml'}:") and err.count("\n") == 1
    )
