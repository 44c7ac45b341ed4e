"""The vocabulary of a library: entries per language across files, saving, undo, reloading."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.glossary import load_glossary
from reader.model import Entry
from reader.vocabulary import Vocabulary

EN_NOTES = """\
# Noted while reading the op-ed
language: en
entries:
  stark: 赤裸的；光秃的；明显的
  nascent:
    glosses: [新生的, 初生的]
    forms: [nascence]
"""
EN_MORE = "language: en\nentries:\n  best shot: 最佳机会\n"
ZH = "language: zh\nentries:\n  开源: open source\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib" / "glossaries"
    folder.mkdir(parents=True)
    (folder / "002_oped.yaml").write_text(EN_NOTES, encoding="utf-8")
    (folder / "en.yaml").write_text(EN_MORE, encoding="utf-8")
    (folder / "zh.yaml").write_text(ZH, encoding="utf-8")
    (folder / "en.yaml~").write_text("not: [a glossary", encoding="utf-8")  # a backup: ignored
    return tmp_path / "lib"


def _bump(path: Path) -> None:
    """Make sure a rewrite is seen even on file systems with coarse timestamps."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def test_entries_per_language_from_every_file(library: Path) -> None:
    vocab = Vocabulary(library)
    assert vocab.languages() == ("en", "zh")
    assert [e.term for e in vocab.entries("en")] == ["stark", "nascent", "best shot"]
    assert [e.term for e in vocab.entries("zh")] == ["开源"]
    assert vocab.entries("ar") == ()
    assert vocab.errors == {}


def test_a_library_without_glossaries(tmp_path: Path) -> None:
    vocab = Vocabulary(tmp_path)
    assert vocab.languages() == () and vocab.entries("en") == ()
    path = vocab.add(Entry("stark", "en", ("明显的",)))
    assert path == tmp_path / "glossaries" / "en.yaml"
    assert load_glossary(path).entries == (Entry("stark", "en", ("明显的",)),)


@pytest.mark.parametrize(
    ("term", "lang", "found"),
    [
        ("stark", "en", ["stark"]),
        ("  STARK ", "en", ["stark"]),
        ("Best  Shot", "en", ["best shot"]),
        ("nascence", "en", ["nascent"]),  # a form finds its entry
        ("stark", "zh", []),
        ("开源", "zh", ["开源"]),
        ("开 源", "zh", ["开源"]),  # as the matcher compares: no spaces in Chinese
        ("Stark", "en", ["stark"]),
        ("missing", "en", []),
    ],
)
def test_find_is_normalised(library: Path, term: str, lang: str, found: list[str]) -> None:
    assert [e.term for e in Vocabulary(library).find(term, lang)] == found


def test_file_of(library: Path) -> None:
    vocab = Vocabulary(library)
    stark, _nascent, best = vocab.entries("en")
    assert vocab.file_of(stark) == library / "glossaries" / "002_oped.yaml"
    assert vocab.file_of(best) == library / "glossaries" / "en.yaml"
    assert (
        vocab.file_of(Entry("best shot", "en", ("最佳机会",))) == library / "glossaries" / "en.yaml"
    )
    assert vocab.file_of(Entry("unknown", "en")) is None


def test_add_update_remove_bump_version_and_save(library: Path) -> None:
    vocab = Vocabulary(library)
    v0 = vocab.version
    vocab.add(Entry("riddled with", "en", ("泛滥的", "充斥的")))
    assert vocab.version > v0
    en = library / "glossaries" / "en.yaml"
    assert en.read_text(encoding="utf-8") == EN_MORE + "  riddled with: 泛滥的；充斥的\n"

    stark = vocab.find("stark", "en")[0]
    v1 = vocab.version
    vocab.update(stark, replace(stark, status="known"))
    assert vocab.version > v1
    assert vocab.find("stark", "en")[0].status == "known"
    notes = library / "glossaries" / "002_oped.yaml"
    assert load_glossary(notes).entries[0].status == "known"

    vocab.remove(vocab.find("nascent", "en")[0])
    assert [e.term for e in vocab.entries("en")] == ["stark", "best shot", "riddled with"]
    assert [e.term for e in load_glossary(notes).entries] == ["stark"]


def test_add_to_a_chosen_file(library: Path) -> None:
    vocab = Vocabulary(library)
    notes = library / "glossaries" / "002_oped.yaml"
    assert vocab.add(Entry("directive", "en", ("指令",)), notes) == notes
    assert load_glossary(notes).entries[-1].term == "directive"


def test_files_outside_the_glossaries_folder_are_refused(library: Path, tmp_path: Path) -> None:
    vocab = Vocabulary(library)
    for path in (tmp_path / "elsewhere.yaml", library / "glossaries" / "notes.txt"):
        with pytest.raises(ReaderError, match="a glossary of this library"):
            vocab.add(Entry("directive", "en", ("指令",)), path)
        assert not path.exists()


def test_duplicates_across_files_are_refused(library: Path) -> None:
    vocab = Vocabulary(library)
    with pytest.raises(ReaderError, match="already in .*002_oped.yaml"):
        vocab.add(Entry("Stark", "en", ("x",)))
    best = vocab.find("best shot", "en")[0]
    with pytest.raises(ReaderError, match="already in"):
        vocab.update(best, replace(best, term="nascent"))
    assert (library / "glossaries" / "en.yaml").read_text(encoding="utf-8") == EN_MORE


def test_changing_language_is_refused(library: Path) -> None:
    vocab = Vocabulary(library)
    stark = vocab.find("stark", "en")[0]
    with pytest.raises(ReaderError, match="cannot change language"):
        vocab.update(stark, replace(stark, lang="zh"))


def test_undo_restores_each_file_exactly(library: Path) -> None:
    vocab = Vocabulary(library)
    folder = library / "glossaries"
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    vocab.add(Entry("riddled with", "en", ("泛滥的",)))
    vocab.remove(vocab.find("stark", "en")[0])
    nascent = vocab.find("nascent", "en")[0]
    vocab.update(nascent, replace(nascent, note="born"))
    assert vocab.undo() and vocab.undo() and vocab.undo()
    assert not vocab.undo()
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before
    assert [e.term for e in vocab.entries("en")] == ["stark", "nascent", "best shot"]


def test_undo_never_overwrites_a_hand_edit(library: Path) -> None:
    vocab = Vocabulary(library)
    en = library / "glossaries" / "en.yaml"
    vocab.add(Entry("riddled with", "en", ("泛滥的",)))
    hand = en.read_text(encoding="utf-8") + "  swiftly: 迅速地\n"
    en.write_text(hand, encoding="utf-8")
    _bump(en)
    assert vocab.reload_changed() == [en]
    with pytest.raises(ReaderError, match="changed since that edit"):
        vocab.undo()
    assert en.read_text(encoding="utf-8") == hand


def test_save_over_a_hand_edit_not_yet_reloaded_is_refused(library: Path) -> None:
    vocab = Vocabulary(library)
    en = library / "glossaries" / "en.yaml"
    hand = EN_MORE + "  swiftly: 迅速地\n"
    en.write_text(hand, encoding="utf-8")
    with pytest.raises(ReaderError, match="changed on disk since it was read"):
        vocab.add(Entry("riddled with", "en", ("泛滥的",)))
    assert en.read_text(encoding="utf-8") == hand
    vocab.reload_changed()
    vocab.add(Entry("riddled with", "en", ("泛滥的",)))
    assert en.read_text(encoding="utf-8") == hand + "  riddled with: 泛滥的\n"


def test_reload_picks_up_edits_new_and_removed_files(library: Path) -> None:
    vocab = Vocabulary(library)
    folder = library / "glossaries"
    assert vocab.reload_changed() == []
    v0 = vocab.version

    (folder / "en.yaml").write_text(EN_MORE + "  swiftly: 迅速地\n", encoding="utf-8")
    _bump(folder / "en.yaml")
    (folder / "ar.yaml").write_text("entries:\n  كلمة: word\n", encoding="utf-8")
    (folder / "zh.yaml").unlink()
    changed = vocab.reload_changed()
    assert sorted(changed) == sorted([folder / "en.yaml", folder / "ar.yaml", folder / "zh.yaml"])
    assert vocab.version > v0
    assert vocab.languages() == ("ar", "en")
    assert [e.term for e in vocab.entries("en")][-1] == "swiftly"
    assert vocab.reload_changed() == []


def test_a_broken_file_keeps_its_entries_and_reports_its_error(library: Path) -> None:
    vocab = Vocabulary(library)
    notes = library / "glossaries" / "002_oped.yaml"
    notes.write_text(EN_NOTES + "  stark: again\n", encoding="utf-8")
    _bump(notes)
    assert vocab.reload_changed() == [notes]
    assert [e.term for e in vocab.entries("en")] == ["stark", "nascent", "best shot"]
    error = vocab.errors[notes]
    assert (error.location.line, error.location.column) == (8, 3)
    assert "duplicate term" in error.message
    # Saving into the broken file is refused; the learner's text stays as it is.
    with pytest.raises(ReaderError, match="duplicate term"):
        vocab.add(Entry("directive", "en", ("指令",)), notes)
    assert notes.read_text(encoding="utf-8") == EN_NOTES + "  stark: again\n"
    # Not re-read while untouched; read again once fixed.
    assert vocab.reload_changed() == []
    notes.write_text(EN_NOTES + "  directive: 指令\n", encoding="utf-8")
    _bump(notes)
    assert vocab.reload_changed() == [notes]
    assert vocab.errors == {}
    assert "directive" in [e.term for e in vocab.entries("en")]


def test_a_file_broken_from_the_start(library: Path) -> None:
    broken = library / "glossaries" / "nl.yaml"
    broken.write_text("language: nl\nentries:\n  a: [b\n", encoding="utf-8")
    vocab = Vocabulary(library)
    assert list(vocab.errors) == [broken]
    assert str(vocab.errors[broken]).startswith(f"{broken}:")
    assert "nl" not in vocab.languages()
    with pytest.raises(ReaderError, match="broken YAML"):
        vocab.add(Entry("fiets", "nl", ("bicycle",)))
    assert broken.read_text(encoding="utf-8") == "language: nl\nentries:\n  a: [b\n"


def test_entries_tuple_is_cached_until_a_change(library: Path) -> None:
    vocab = Vocabulary(library)
    first = vocab.entries("en")
    assert vocab.entries("en") is first
    vocab.add(Entry("swiftly", "en", ("迅速地",)))
    assert vocab.entries("en") is not first


def test_terms_are_compared_as_the_matcher_compares_them(library: Path) -> None:
    (library / "glossaries" / "en.yaml").write_text(
        EN_MORE + "  Europe's: 欧洲的\n  open-source: 开源的\n", encoding="utf-8"
    )
    vocab = Vocabulary(library)
    assert [e.term for e in vocab.find("europe’s", "en")] == ["Europe's"]
    assert [e.term for e in vocab.find("Open\u2011Source", "en")] == ["open-source"]
    with pytest.raises(ReaderError, match="already in"):
        vocab.add(Entry("EUROPE’S", "en", ("x",)), library / "glossaries" / "002_oped.yaml")


def test_a_reload_and_an_edit_take_turns(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit waits while another thread is re-reading a file, so the reload cannot put the
    text it read before the save over the saved entries."""
    import threading

    from reader import glossary

    vocab = Vocabulary(library)
    path = library / "glossaries" / "en.yaml"
    path.write_text(EN_MORE + "  zeal: 热情\n", encoding="utf-8")  # edited by hand
    _bump(path)
    reading, release = threading.Event(), threading.Event()
    real_load = glossary.load_glossary

    def slow_load(p: Path) -> object:
        gf = real_load(p)
        reading.set()
        release.wait(10)
        return gf

    monkeypatch.setattr(glossary, "load_glossary", slow_load)
    reloader = threading.Thread(target=vocab.reload_changed)
    reloader.start()
    assert reading.wait(10)
    added = threading.Event()

    def add() -> None:
        vocab.add(Entry("verve", "en", ("活力",)))
        added.set()

    editor = threading.Thread(target=add)
    editor.start()
    assert not added.wait(0.3)  # the edit waits for the reload
    release.set()
    reloader.join(10)
    editor.join(10)
    assert added.is_set()
    assert [e.term for e in load_glossary(path).entries] == ["best shot", "zeal", "verve"]
    assert [e.term for e in vocab.entries("en")][-3:] == ["best shot", "zeal", "verve"]


def test_edits_while_other_threads_reload(library: Path) -> None:
    import threading

    vocab = Vocabulary(library)
    stop = threading.Event()
    failures: list[BaseException] = []

    def poll() -> None:
        while not stop.is_set():
            try:
                vocab.reload_changed()
                vocab.find("stark", "en")
            except Exception as exc:  # noqa: BLE001 - any failure of a poller fails the test
                failures.append(exc)
                return

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for t in pollers:
        t.start()
    try:
        for i in range(25):
            vocab.add(Entry(f"word{i}", "en", (f"词{i}",)))
        vocab.update(vocab.find("word3", "en")[0], Entry("word3", "en", ("改",)))
        assert vocab.undo()  # the file is still the one the last edit wrote
    finally:
        stop.set()
        for t in pollers:
            t.join(10)
    assert failures == []
    on_disk = load_glossary(library / "glossaries" / "en.yaml").entries
    assert [e.term for e in on_disk] == ["best shot", *(f"word{i}" for i in range(25))]
    assert vocab.reload_changed() == []  # memory and disk agree
    assert vocab.find("word3", "en")[0].glosses == ("词3",)
