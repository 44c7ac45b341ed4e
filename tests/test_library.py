"""The library folder: ids confined to one plain name, documents listed with their own
errors, saves that never overwrite a hand edit, re-imports that keep the learner's work."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from seedfiles import OPED, seed_path

from reader.cli import main
from reader.errors import ReaderError
from reader.importers.store import import_into
from reader.library import Library, id_problem
from reader.model import Link, Text


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    import_into(library, seed_path(OPED), today="2026-01-01")
    return library


@pytest.mark.parametrize(
    "doc_id",
    ["../x", "a/b", "..", ".hidden", "", "  ", "a\\b", "x\x1b]0;t", "n\nl", "é" * 150],
)
def test_an_id_that_is_not_one_plain_name_is_refused(tmp_path: Path, doc_id: str) -> None:
    library = Library(tmp_path / "lib")
    assert id_problem(doc_id) is not None
    assert not library.has_document(doc_id)
    with pytest.raises(ReaderError):
        library.document_path(doc_id)


def test_import_with_an_id_outside_the_library_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    source = seed_path(OPED)
    assert main(["import", str(source), "--id", "../x", "--library", str(lib)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1 and "plain name" in err
    assert not (tmp_path / "x.yaml").exists()
    assert not any(p.name.startswith("x") for p in tmp_path.iterdir())


def test_scan_lists_every_document_with_its_own_error(lib: Library) -> None:
    (lib.documents_dir / "broken.yaml").write_text("title: x\nsource_lang: en\nsegments:\n- 5\n")
    (lib.documents_dir / "folder.yaml").mkdir()
    listed = {item.id: item for item in lib.scan()}
    assert set(listed) == {"002_3fb843373e1af618", "broken", "folder"}
    assert listed["002_3fb843373e1af618"].document is not None
    broken = listed["broken"]
    assert broken.document is None and broken.error is not None
    assert broken.error.location.line == 4 and "must be a mapping" in broken.error.message
    assert listed["folder"].error is not None and "is a folder" in listed["folder"].error.message


def test_a_document_edited_by_hand_is_not_overwritten_by_the_next_save(lib: Library) -> None:
    doc_id = "002_3fb843373e1af618"
    doc = lib.load_document(doc_id)
    path = lib.document_path(doc_id)
    path.write_text(path.read_text("utf-8").replace(doc.title, "Edited by hand"), "utf-8")
    assert lib.document_changed(doc_id)
    with pytest.raises(ReaderError, match="changed on disk since it was read; reload"):
        lib.save_document(replace(doc, title="Saved by the app"))
    assert lib.load_document(doc_id).title == "Edited by hand"
    reloaded = lib.load_document(doc_id)
    lib.save_document(replace(reloaded, title="Saved after the reload"))
    assert Library(lib.root).load_document(doc_id).title == "Saved after the reload"
    assert not lib.document_changed(doc_id)


def test_reimport_keeps_repaired_links_and_own_translations(lib: Library) -> None:
    doc_id = "002_3fb843373e1af618"
    doc = lib.load_document(doc_id)
    bilingual = next(i for i, s in enumerate(doc.segments) if s.bilingual and len(s.links) > 1)
    seg = doc.segments[bilingual]
    repaired = replace(
        seg,
        links=(
            Link(
                tuple(range(len(seg.source.sentences))),
                tuple(range(len(seg.target.sentences))),
                None,
                True,
            ),
        ),
    )
    byline = next(i for i, s in enumerate(doc.segments) if not s.bilingual)
    own = replace(doc.segments[byline], target=Text.of(["我自己的翻译。"], "zh"))
    segments = list(doc.segments)
    segments[bilingual], segments[byline] = repaired, own
    lib.save_document(replace(doc, segments=tuple(segments)))
    original = lib.root / "originals" / seed_path(OPED).name
    import_into(Library(lib.root), original, today="2026-01-02")
    again = Library(lib.root).load_document(doc_id)
    assert again.segments[bilingual].links == repaired.links
    assert again.segments[byline].target == own.target
    assert again.imported == "2026-01-02"


def test_library_yaml_problems_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seed_path(OPED).parent.parent, root)
    (root / "library.yaml").write_text("name: " + "[" * 5000 + "]" * 5000 + "\n")
    library = Library(root)
    assert library.name == "lib"  # the folder's name: the app still opens
    problem = library.settings_problem()
    assert problem is not None and "nesting depth" in problem.message
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert "library.yaml" in err and "Traceback" not in err
    (root / "library.yaml").write_text('name: "My \\e]0;t\\a library"\n')
    assert Library(root).name == "My ]0;t library"
