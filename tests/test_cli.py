"""The command line, end to end: what a user types and what they get back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from seedfiles import OPED, OPED_NOTES, seed_path

from reader.cli import main

seed = seed_path


def show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["show", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("read", "import", "show", "check", "export", "align"):
        assert command in out


@pytest.mark.parametrize("command", ["read", "import", "show", "check", "export", "align"])
def test_each_command_explains_itself(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"reader {command}" in out
    assert len(out.splitlines()) > 4


def test_python_dash_m_runs_the_same_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("reader ")


def test_oped_structure(capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys, str(seed(OPED)))
    assert data["title"].startswith("Mark Zuckerberg and Daniel Ek")
    assert (data["source_lang"], data["target_lang"]) == ("en", "zh")
    kinds = [s["kind"] for s in data["segments"]]
    for kind in ("title", "subtitle", "image", "byline", "postscript"):
        assert kind in kinds, kind
    paragraphs = [s for s in data["segments"] if s["kind"] == "paragraph"]
    assert len(paragraphs) == 13
    for seg in paragraphs:
        assert seg["target"], seg["source"][:40]
        assert seg["source_sentences"] and seg["target_sentences"]
        assert seg["links"], "every bilingual paragraph has sentence links"
        linked_src = sorted(i for link in seg["links"] for i in link[0])
        linked_tgt = sorted(i for link in seg["links"] for i in link[1])
        assert linked_src == list(range(len(seg["source_sentences"])))
        assert linked_tgt == list(range(len(seg["target_sentences"])))
        assert "\n" not in seg["source"]
    text = " ".join(s["source"] for s in paragraphs)
    assert "open-source AI" in text and "open- source" not in text and "opensource" not in text
    for compound in ("pre-emptive", "risk-averse", "economic-growth", "once-in-a-generation"):
        assert compound in text
    assert paragraphs[0]["source_sentences"][0] == "THIS IS AN important moment in technology."
    assert paragraphs[0]["target"].startswith("这是科技的一个重要时刻。")


def test_oped_glossary_terms_are_found_where_they_were_noted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = show_json(capsys, str(seed(OPED)))
    glossary = {g["term"]: g for g in data["glossary"]}
    assert set(glossary) == OPED_NOTES
    assert glossary["a level playing field"]["gloss"] == [
        "公平竞争的环境",
        "公平的条件",
        "平等的机会",
    ]
    assert glossary["nascent"]["gloss"] == ["新生的", "初生的"]
    seg_index = {s["id"]: n for n, s in enumerate(data["segments"])}
    for term, item in glossary.items():
        noted_in = seg_index[item["context"]["segment"]]
        spots = [o for o in item["occurrences"] if o["segment"] == noted_in]
        assert spots, f"{term} not found in the paragraph it was noted under"
        source = data["segments"][noted_in]["source"]
        for spot in spots:
            found = source[spot["start"] : spot["end"]].lower()
            assert found.split()[0][:3] == term.split()[0][:3] or term == "power is concentrated"


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("000_4b3161353c9025c8.txt", "nl"),
        ("001_7e02fc1b6ba74510.txt", "ar"),
        ("003_fd53ade983c62802.txt", "en"),
        ("004_99e205c581103d4e.txt", "nl"),
    ],
)
def test_single_language_seeds(name: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = show_json(capsys, str(seed(name)))
    assert data["source_lang"] == lang
    assert data["target_lang"] is None
    assert all(s["target"] is None for s in data["segments"])
    # Nothing dropped: every word of the file is in some segment, in order of appearance.
    original = seed(name).read_text(encoding="utf-8")
    words = re.findall(r"\w+", original)
    kept = re.findall(r"\w+", " ".join(s["source"] for s in data["segments"]))
    assert kept == words
    paragraphs = [s for s in data["segments"] if s["kind"] == "paragraph"]
    assert len(paragraphs) >= 3


def test_show_summary_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed(OPED))]) == 0
    out = capsys.readouterr().out
    assert "Mark Zuckerberg and Daniel Ek" in out
    assert "en → zh" in out
    assert "14 entries" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
    ],
)
def test_bad_files_get_one_line_and_status_1(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["show", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(path) in err and message in err.lower()


def test_missing_file_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "show", str(missing), "--library", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert str(missing) in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_import_writes_document_original_and_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert main(["import", str(seed(OPED)), "--library", str(lib)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written == lib / "documents" / "002_3fb843373e1af618.yaml"
    assert written.is_file()
    assert (lib / "originals" / OPED).read_bytes() == seed(OPED).read_bytes()
    glossary = lib / "glossaries" / "002_3fb843373e1af618.yaml"
    assert glossary.is_file()

    from reader.glossary import load_glossary

    entries = load_glossary(glossary).entries
    assert {e.term for e in entries} == OPED_NOTES

    # The library document reads back with its glossary through the library.
    data = show_json(capsys, "002_3fb843373e1af618", "--library", str(lib))
    assert {g["term"] for g in data["glossary"]} == OPED_NOTES
    assert all(g["occurrences"] for g in data["glossary"])

    # Re-importing the kept original replaces the document and keeps the learner's glossary.
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  # my own note\n", "utf-8")
    before = glossary.read_bytes()
    assert main(["import", str(lib / "originals" / OPED), "--library", str(lib)]) == 0
    assert Path(capsys.readouterr().out.strip()) == written
    assert sorted(p.name for p in (lib / "documents").glob("*.yaml")) == [written.name]
    assert glossary.read_bytes() == before


def test_check_reports_file_line_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "glossaries" / "en.yaml"
    good.parent.mkdir()
    good.write_text("language: en\nentries:\n  stark: 赤裸的\n", encoding="utf-8")
    assert main(["check", str(good)]) == 0
    capsys.readouterr()

    dup = tmp_path / "dup.yaml"
    dup.write_text("language: en\nentries:\n  stark: a\n  nascent: b\n  stark: c\n", "utf-8")
    assert main(["check", str(dup)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(dup))}:5:3: .*duplicate", err), err

    broken = tmp_path / "broken.yaml"
    broken.write_text("language: en\nentries:\n  stark: [a, b\n  nascent: c\n", "utf-8")
    assert main(["check", str(broken)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(broken))}:\d+:\d+: ", err), err


def test_check_library_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib"
    assert main(["import", str(seed(OPED)), "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["check", "--library", str(lib)]) == 0
    assert "0 error(s)" in capsys.readouterr().out

    doc = lib / "documents" / "002_3fb843373e1af618.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("kind: paragraph", "kind: paragrap", 1), encoding="utf-8")
    assert main(["check", str(lib)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(doc))}:\d+:\d+: segment \d+: unknown kind", err), err


def test_import_lists_what_it_kept_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mill.md"
    source.write_text(
        "原文：\nThe mill closed in spring.\n磨坊在春天关闭了。\n\n学习：\nmill：磨坊\n"
        "(see also page 12 of the workbook)\nspring：春天\n",
        encoding="utf-8",
    )
    assert main(["import", str(source), "--library", str(tmp_path / "lib")]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(tmp_path / "lib" / "documents" / "mill.yaml")
    assert f"{source}: line 7: kept as text: (see also page 12" in err
