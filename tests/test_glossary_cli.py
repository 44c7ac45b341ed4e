"""`reader glossary add|set|rm|import`: what a user types, the one line they get back, and
what ends up in the glossary files (through the careful save: the rest stays byte for byte)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.glossary import load_glossary

REAL = Path(__file__).parent / "data" / "real"

HAND_WRITTEN = """\
# my words                      (comments stay)
language: en
entries:
  stark: 赤裸的；明显的            # short form
  level:
    glosses: [公平的]
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "en.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], library: Path, *args: str) -> tuple[int, str, str]:
    code = main(["glossary", *args, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


def entries(path: Path) -> dict:
    return {e.term: e for e in load_glossary(path).entries}


def test_add_appends_one_entry_and_keeps_the_rest(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, library, "add", "nascent", "新生的", "初生的", "--note", "Latin")
    assert code == 0
    assert out == "added 'nascent' (en: 新生的; 初生的) to glossaries/en.yaml\n"
    text = (library / "glossaries" / "en.yaml").read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)  # byte for byte, comments and all
    nascent = entries(library / "glossaries" / "en.yaml")["nascent"]
    assert (nascent.glosses, nascent.note) == (("新生的", "初生的"), "Latin")
    assert (library / "glossaries" / "en.yaml~").read_text(encoding="utf-8") == HAND_WRITTEN


def test_add_refuses_a_term_already_there_in_another_spelling(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, library, "add", "Stark", "x")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "'Stark' is already in" in err
    assert (library / "glossaries" / "en.yaml").read_text(encoding="utf-8") == HAND_WRITTEN


def test_add_to_a_named_file_and_a_new_language(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, library, "add", "公平", "fair", "--lang", "zh", "--file", "econ")
    assert code == 0
    assert out == "added '公平' (zh: fair) to glossaries/econ.yaml\n"
    assert entries(library / "glossaries" / "econ.yaml")["公平"].lang == "zh"
    # The file now says zh, so a term added to it needs no --lang.
    code, out, _ = run(capsys, library, "add", "开源", "open source", "--file", "econ")
    assert code == 0 and "(zh: open source)" in out


def test_add_guesses_the_language_only_when_it_is_clear(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, library, "add", "公平", "fair", "--lang", "zh")
    # Two languages now: a Chinese term is plainly zh, a Latin-script one needs --lang.
    code, out, _ = run(capsys, library, "add", "创新", "innovation")
    assert code == 0 and "(zh: innovation)" in out
    code, _, err = run(capsys, library, "add", "nascent", "新生的")
    assert code == 1 and "--lang" in err


def test_set_status_level_glosses_and_note(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, library, "set", "STARK", "--level", "2")
    assert code == 0
    assert out == "updated 'stark' in glossaries/en.yaml: status learning, level 2\n"
    code, out, _ = run(capsys, library, "set", "stark", "--status", "known", "--gloss", "明显的")
    assert (
        out == "updated 'stark' in glossaries/en.yaml: status known, level None, glosses 明显的\n"
    )
    stark = entries(library / "glossaries" / "en.yaml")["stark"]
    assert (stark.status, stark.level, stark.glosses) == ("known", None, ("明显的",))
    text = (library / "glossaries" / "en.yaml").read_text(encoding="utf-8")
    assert text.endswith("  level:\n    glosses: [公平的]\n")  # the other entry untouched
    code, out, _ = run(capsys, library, "set", "stark", "--status", "known")
    assert (code, out) == (0, "'stark' unchanged\n")


def test_set_refuses_a_level_with_another_status(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, library, "set", "stark", "--status", "known", "--level", "3")
    assert code == 1 and "level goes with the status learning" in err


def test_rm_and_a_missing_term(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, library, "rm", "level")
    assert (code, out) == (0, "removed 'level' from glossaries/en.yaml\n")
    assert set(entries(library / "glossaries" / "en.yaml")) == {"stark"}
    code, out, err = run(capsys, library, "rm", "level")
    assert code == 1 and out == "" and "no entry 'level' in the vocabulary" in err


def test_a_term_in_two_languages_needs_lang(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, library, "add", "level", "niveau", "--lang", "nl")
    code, _, err = run(capsys, library, "rm", "level")
    assert code == 1 and "use --lang" in err
    code, out, _ = run(capsys, library, "rm", "level", "--lang", "nl")
    assert code == 0 and "glossaries/nl.yaml" in out
    assert "level" in entries(library / "glossaries" / "en.yaml")


def test_a_broken_glossary_is_named_and_left_alone(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "language: en\nentries:\n  stark: [unclosed\n"
    (library / "glossaries" / "en.yaml").write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, library, "add", "nascent", "x", "--lang", "en")
    assert code == 1 and "en.yaml:" in err and err.count("\n") == 1
    assert (library / "glossaries" / "en.yaml").read_text(encoding="utf-8") == broken


def test_import_a_real_lute_export(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, library, "import", str(REAL / "lute_terms.csv"))
    assert code == 0 and err == ""
    assert out.count("\n") == 1
    assert out.startswith("imported 8 of 10 terms from ")
    assert "(Lute term export) to glossaries/en.yaml (8); 2 already in the vocabulary" in out
    path = library / "glossaries" / "en.yaml"
    assert path.read_text(encoding="utf-8").startswith(HAND_WRITTEN)
    got = entries(path)
    assert got["stark"].glosses == ("赤裸的", "明显的")  # the learner's own entries are kept
    assert got["level"].reading == ""
    assert got["a level playing field"].level == 3
    assert "a\u200b" not in path.read_text(encoding="utf-8")
    # Importing again adds nothing and writes nothing.
    before = path.read_bytes()
    code, out, _ = run(capsys, library, "import", str(REAL / "lute_terms.csv"))
    assert "imported 0 of 10 terms" in out and "10 already in the vocabulary" in out
    assert path.read_bytes() == before


def test_import_a_real_anki_export_into_an_empty_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, tmp_path, "import", str(REAL / "anki_notes.txt"))
    assert code == 1 and "--lang" in err  # Anki does not say which language
    code, out, _ = run(capsys, tmp_path, "import", str(REAL / "anki_notes.txt"), "--lang", "en")
    assert code == 0 and "imported 7 of 7 terms" in out and "(Anki notes)" in out
    got = entries(tmp_path / "glossaries" / "en.yaml")
    assert got["nascent"].tags == ("adj", "economist")


def test_import_merges_repeats_and_skips_other_languages(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = library / "list.csv"
    path.write_text(
        "term,translation,language\nnascent,新生的,English\nNascent,初生的,English\n"
        "nuevo,new,Spanish\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, library, "import", str(path), "--lang", "en")
    assert code == 0
    assert "Spanish term 'nuevo' skipped (importing en)" in err
    assert "imported 1 of 3 terms" in out and "1 listed twice" in out and "1 rows skipped" in out
    assert entries(library / "glossaries" / "en.yaml")["nascent"].glosses == ("新生的", "初生的")


def test_import_a_lute_language_without_a_code(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = library / "list.csv"
    path.write_text("term,language\nqapla',Klingon\n", encoding="utf-8")
    (library / "glossaries" / "en.yaml").unlink()
    code, _, err = run(capsys, library, "import", str(path))
    assert code == 1 and f"{path}:2: language 'Klingon'" in err
    code, out, _ = run(capsys, library, "import", str(path), "--lang", "tlh")
    assert code == 0 and "glossaries/tlh.yaml (1)" in out


def test_import_refuses_a_target_outside_the_glossaries(
    library: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, library, "import", str(REAL / "anki_notes.txt"), "--file", str(tmp_path / "x.yaml")
    )
    assert code == 1 and "a glossary of this library is a .yaml file" in err


def test_the_glossary_command_does_not_load_the_heavy_modules(library: Path) -> None:
    # `add` runs once per term from scripts: it must not pay for numpy, the aligner,
    # the importers or the app.
    code = (
        "import sys; from reader.cli import main; "
        f"main(['glossary', 'add', 'nascent', 'x', '--library', {str(library)!r}]); "
        "heavy = ('numpy', 'textual', 'jieba', 'lemminflect', 'simplemma', 'reader.importers',"
        " 'reader.align', 'charset_normalizer'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines()[-1] == "[]"


def test_help_names_the_command_and_its_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0 and "glossary" in capsys.readouterr().out
    for action in ("add", "set", "rm", "import"):
        with pytest.raises(SystemExit) as exc:
            main(["glossary", action, "--help"])
        assert exc.value.code == 0
        assert f"reader glossary {action}" in capsys.readouterr().out
