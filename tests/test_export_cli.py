"""`reader export` from the command line, and the bundled recipe on the op-ed seed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ankitools import import_package, open_collection
from seedfiles import seed_path

from reader.cli import main
from reader.export import load_recipe
from reader.export.notetype import FIELD_NAMES
from reader.library import Library

REPO = Path(__file__).resolve().parent.parent
OPED = "002_3fb843373e1af618"


def oped_seed() -> Path:
    return seed_path(f"{OPED}.txt")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library holding the op-ed, imported the way `reader import` does it."""
    from reader.importers.store import import_into

    root = tmp_path / "seeds"
    source = tmp_path / f"{OPED}.txt"
    shutil.copyfile(oped_seed(), source)
    import_into(Library(root), source)
    assert (root / "glossaries" / f"{OPED}.yaml").is_file()
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_the_op_ed_and_import_it_into_anki(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    out = tmp_path / "op-ed.apkg"
    code, stdout, _ = run(capsys, "--library", str(library), "export", "-o", str(out))
    assert code == 0
    assert stdout.splitlines()[0] == f'Wrote 14 notes (28 cards) to {out}, deck "seeds"'
    assert "first export of this recipe: 14 new" in stdout
    assert "without a context sentence" not in stdout

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    col = open_collection(tmp_path / "anki")
    try:
        log = import_package(col, out)
        assert len(log.new) == 14 and col.note_count() == 14
        assert not col.get_empty_cards().notes
        notes = [dict(zip(FIELD_NAMES, col.get_note(n).fields)) for n in col.find_notes("")]
        for fields in notes:
            # every op-ed note: the English sentence with the term in bold, and the Chinese
            assert "<b>" in fields["Sentence"], fields["Term"]
            assert fields["SentenceTranslation"].startswith('<span lang="zh">')
            assert fields["SentenceCloze"]
        stifle = next(f for f in notes if f["Term"] == "stifle innovation")
        assert "will <b>stifle innovation</b>." in stifle["Sentence"]
        assert "将<b>扼杀创新</b>。" in stifle["SentenceTranslation"]
    finally:
        col.close()

    code, stdout, _ = run(capsys, "export", "--library", str(library), "-o", str(out))
    assert code == 0 and "0 new, 0 changed, 14 unchanged" in stdout


def test_default_output_is_decks_library_name(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(capsys, "--library", str(library), "export")
    assert code == 0
    assert (tmp_path / "decks" / "seeds.apkg").is_file()
    assert "to decks/seeds.apkg" in stdout


def test_dry_run_and_tsv(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = library / "glossaries" / f"{OPED}.yaml"
    before = glossary.read_bytes()
    code, stdout, _ = run(capsys, "--library", str(library), "export", "--dry-run")
    assert code == 0 and "[Recognition] power is concentrated" in stdout
    assert "Dry run: nothing was written." in stdout
    assert glossary.read_bytes() == before
    out = tmp_path / "cards.tsv"
    code, stdout, _ = run(
        capsys, "--library", str(library), "export", "--format", "tsv", "-o", str(out)
    )
    assert code == 0 and "Wrote 14 rows" in stdout
    rows = [r for r in out.read_text(encoding="utf-8").splitlines() if not r.startswith("#")]
    assert len(rows) == 14


def test_recipe_names_its_library(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipe = tmp_path / "decks" / "op-ed.yaml"
    recipe.parent.mkdir()
    recipe.write_text(
        f"deck: Op-ed\nlibrary: ../seeds\ndocuments: [{OPED}]\ncards: [recognition]\n",
        encoding="utf-8",
    )
    code, stdout, _ = run(capsys, "export", str(recipe))
    assert code == 0
    assert f'14 notes (14 cards) to {recipe.with_suffix(".apkg")}, deck "Op-ed"' in stdout


@pytest.mark.parametrize(
    ("recipe_text", "message"),
    [
        ("deck: A\ncolor: red\n", ":2:1: unknown recipe key 'color'"),
        ("documents: [nope]\nlibrary: ../seeds\n", "no document 'nope'"),
    ],
)
def test_errors_are_one_line(
    library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    recipe_text: str,
    message: str,
) -> None:
    recipe = tmp_path / "decks" / "bad.yaml"
    recipe.parent.mkdir()
    recipe.write_text(recipe_text, encoding="utf-8")
    code, stdout, stderr = run(capsys, "export", str(recipe))
    assert code == 1 and stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("reader: ") and message in stderr
    assert "Traceback" not in stderr


def test_bundled_recipe_points_at_the_bundled_library() -> None:
    recipe = load_recipe(REPO / "decks" / "seeds.yaml")
    assert recipe.library is not None
    assert recipe.library.resolve() == (REPO / "seeds").resolve()
    assert recipe.output == REPO / "decks" / "seeds.apkg"
    assert recipe.cards == ("recognition", "production", "context")


def _docx(path: Path) -> bytes:
    """A word-processor file (a zip, as .docx files are) that must never be overwritten."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path.read_bytes()


def test_export_through_a_symlink_updates_the_deck_it_names(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.export.anki import read_package

    real = tmp_path / "synced" / "op-ed.apkg"
    real.parent.mkdir()
    assert run(capsys, "--library", str(library), "export", "-o", str(real))[0] == 0
    first = read_package(real)
    link = tmp_path / "op-ed.apkg"
    link.symlink_to(real)
    glossary = library / "glossaries" / f"{OPED}.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("stifle innovation", "stifle invention", 1),
        encoding="utf-8",
    )
    code, stdout, _ = run(capsys, "--library", str(library), "export", "-o", str(link))
    assert code == 0, stdout
    assert link.is_symlink() and link.resolve() == real
    terms = {note.fields[0] for note in read_package(real).values()}
    assert "stifle invention" in terms and "stifle innovation" not in terms
    assert len(read_package(real)) == len(first)
    assert sorted(p.name for p in real.parent.iterdir()) == ["op-ed.apkg"]  # no lock, no temp
    assert sorted(p.name for p in tmp_path.glob("op-ed.apkg*")) == ["op-ed.apkg"]


def test_export_through_a_symlink_to_another_file_is_refused(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.docx"
    before = _docx(report)
    link = tmp_path / "cards.apkg"
    link.symlink_to(report)
    code, _, err = run(capsys, "--library", str(library), "export", "-o", str(link))
    assert code == 1
    assert "not an earlier apkg export; not overwritten" in err and err.count("\n") == 1
    assert report.read_bytes() == before and link.is_symlink()


def test_the_package_is_checked_as_ours_under_its_lock_before_the_rename(
    tmp_path: Path,
) -> None:
    """A file put where the deck was after the export's first look is still not replaced:
    the check runs again on the file the rename would replace, under its lock."""
    from reader.errors import ReaderError
    from reader.export.anki import write_apkg
    from reader.export.writing import refuse_unless_ours

    report = tmp_path / "report.docx"
    before = _docx(report)
    link = tmp_path / "cards.apkg"
    link.symlink_to(report)
    seen: list[Path] = []

    def check(target: Path) -> None:
        seen.append(target)
        assert (tmp_path / "report.docx.lock").exists()  # held while checking
        refuse_unless_ours(target, "apkg")

    with pytest.raises(ReaderError, match="not an earlier apkg export"):
        write_apkg([], link, deck_name="T", deck_id=1, timestamp=1_700_000_000, check=check)
    assert seen == [report]
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.apkg", "report.docx"]


def test_a_package_that_fails_halfway_leaves_the_last_deck_and_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.export import anki

    deck = tmp_path / "cards.apkg"
    anki.write_apkg([], deck, deck_name="T", deck_id=1, timestamp=1_700_000_000)
    before = deck.read_bytes()

    def broken(self: object, path: str, timestamp: float) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(anki._Package, "write_to_file", broken)
    with pytest.raises(OSError):
        anki.write_apkg([], deck, deck_name="T", deck_id=1, timestamp=1_700_000_100)
    assert deck.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.apkg"]
