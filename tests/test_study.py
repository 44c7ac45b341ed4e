"""The learner's operations without the app: one history for entries, statuses, own
translations and alignment repairs, undone and redone in order, every file checked."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.library import Library
from reader.model import Document, Entry, Link, Segment, Text, segment_id
from reader.study import History, Refused, Study
from reader.vocabulary import Change, Vocabulary, _difference

GLOSSARY = """\
# Words from the op-ed
language: en
entries:
  stark: 严峻的；明显的
  # a comment that must survive every save
  nascent:
    glosses: [新生的]
    status: learning
    level: 2
"""


def _seg(src: list[str], tgt: list[str] | None, links: list[Link], taken: set[str]) -> Segment:
    source = Text.of(src, "en")
    target = Text.of(tgt, "zh") if tgt is not None else None
    return Segment(
        segment_id("paragraph", source.text, taken), "paragraph", source, target, tuple(links)
    )


def document() -> Document:
    taken: set[str] = set()
    return Document(
        "op-ed",
        "Open-source AI",
        "en",
        (
            _seg(
                ["This is a stark reality.", "Regulation is riddled with uncertainty."],
                ["这是一个严峻的现实。", "监管充满了不确定性。"],
                [Link((0,), (0,), 0.9), Link((1,), (1,), 0.9)],
                taken,
            ),
            _seg(["Technology moves swiftly.", "Europe must not fall behind."], None, [], taken),
        ),
        target_lang="zh",
    )


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "library")
    lib.save_document(document())
    lib.glossaries_dir.mkdir(parents=True)
    (lib.glossaries_dir / "en.yaml").write_text(GLOSSARY, encoding="utf-8")
    return lib


@pytest.fixture
def study(library: Library) -> Study:
    return Study(library, Vocabulary(library.root))


def glossary_text(library: Library) -> str:
    return (library.glossaries_dir / "en.yaml").read_text(encoding="utf-8")


def doc_bytes(library: Library) -> bytes:
    return library.document_path("op-ed").read_bytes()


def find(study: Study, term: str) -> Entry | None:
    found = study.vocabulary.find(term, "en")
    return found[0] if found else None


def test_every_kind_of_entry_change_is_undone_and_redone_in_order(study: Study) -> None:
    library = study.library
    texts = [glossary_text(library)]
    outcomes = [study.add_entry(Entry("riddled with", "en", ("充满",)))]
    texts.append(glossary_text(library))
    stark = find(study, "stark")
    assert stark is not None
    outcomes.append(study.set_level(stark, 3))
    texts.append(glossary_text(library))
    stark = find(study, "stark")
    assert stark is not None
    outcomes.append(study.set_status(stark, "known"))
    texts.append(glossary_text(library))
    nascent = find(study, "nascent")
    assert nascent is not None
    outcomes.append(study.edit_entry(nascent, Entry("nascent", "en", ("初生的",))))
    texts.append(glossary_text(library))
    outcomes.append(study.delete_entry(nascent_now := find(study, "nascent")))  # type: ignore[arg-type]
    assert nascent_now is not None
    texts.append(glossary_text(library))
    assert [o.message for o in outcomes] == [
        "Added “riddled with”.",
        "“stark”: learning, level 3.",
        "“stark”: known.",
        "Saved “nascent”.",
        "Deleted “nascent”.",
    ]
    assert all(o.entries and o.document is None for o in outcomes)
    assert study.history.labels()[0][0] == "deleted “nascent”"
    # Undo walks back through every state, byte for byte, naming each step.
    undone = []
    for expected in reversed(texts[:-1]):
        outcome = study.undo()
        assert outcome is not None
        undone.append(outcome.message)
        assert glossary_text(library) == expected
    assert undone == [
        "Undone: deleted “nascent”.",
        "Undone: edited “nascent”.",
        "Undone: “stark”: known.",
        "Undone: “stark”: learning, level 3.",
        "Undone: added “riddled with”.",
    ]
    assert study.undo() is None
    # And redo walks forward again.
    for expected in texts[1:]:
        outcome = study.redo()
        assert outcome is not None and outcome.message.startswith("Redone: ")
        assert glossary_text(library) == expected
    assert study.redo() is None
    assert find(study, "nascent") is None and find(study, "riddled with") is not None


def test_undo_never_reaches_past_a_repair_to_delete_an_entry(study: Study) -> None:
    # The issue: after M, u removed an entry added earlier and said only "Undone.".
    library = study.library
    study.add_entry(Entry("uncertainty", "en", ("不确定性",)))
    with_entry = glossary_text(library)
    doc = library.load_document("op-ed")
    before = doc_bytes(library)
    repaired = study.repair(doc, doc.segments[0].id, 1, "merge")
    assert repaired.message == "Alignment repaired."
    assert repaired.document is not None
    assert repaired.document.segments[0].links == (Link((0, 1), (0, 1), None, True),)
    assert library.load_document("op-ed").segments[0].links == repaired.document.segments[0].links

    outcome = study.undo()
    assert outcome is not None
    assert outcome.message == "Undone: alignment repair (merge with the previous link) in ¶ 1."
    assert outcome.document is not None and not outcome.entries
    assert doc_bytes(library) == before
    assert glossary_text(library) == with_entry  # the entry is still there
    assert find(study, "uncertainty") is not None

    outcome = study.undo()
    assert outcome is not None and outcome.message == "Undone: added “uncertainty”."
    assert find(study, "uncertainty") is None

    assert study.redo() is not None and find(study, "uncertainty") is not None
    outcome = study.redo()
    assert outcome is not None and outcome.message.startswith("Redone: alignment repair")
    assert library.load_document("op-ed").segments[0].links == (Link((0, 1), (0, 1), None, True),)


def test_own_translation_is_saved_linked_and_undone(study: Study) -> None:
    library = study.library
    doc = library.load_document("op-ed")
    before = doc_bytes(library)
    seg = doc.segments[1]
    outcome = study.translate(doc, seg.id, "技术发展迅速。欧洲不能落后。", "zh")
    assert outcome.message == "Translation saved."
    assert outcome.label == "your translation of ¶ 2"
    saved = library.load_document("op-ed").segments[1]
    assert saved.target is not None and saved.target.sentences == (
        "技术发展迅速。",
        "欧洲不能落后。",
    )
    assert [(link.source, link.target) for link in saved.links] == [((0,), (0,)), ((1,), (1,))]
    with pytest.raises(Refused, match="already has a translation"):
        study.translate(library.load_document("op-ed"), seg.id, "再来一次。", "zh")
    assert study.undo() is not None
    assert doc_bytes(library) == before
    assert study.redo() is not None
    assert library.load_document("op-ed").segments[1].target == saved.target


def test_a_file_opened_in_memory_joins_the_library_on_its_first_change(study: Study) -> None:
    library = study.library
    taken: set[str] = set()
    memo = Document(
        "op-ed",  # the same id as a document of the library: it gets a fresh one
        "A note",
        "en",
        (_seg(["One plain sentence."], None, [], taken),),
    )
    outcome = study.translate(memo, memo.segments[0].id, "一个简单的句子。", "zh", in_library=False)
    assert outcome.document is not None and outcome.document.id == "op-ed-2"
    assert library.load_document("op-ed-2").target_lang == "zh"
    assert library.load_document("op-ed") == document()  # untouched
    study.undo()
    assert library.load_document("op-ed-2").segments[0].target is None  # kept, as it was


def test_refused_operations_change_nothing_and_record_nothing(study: Study) -> None:
    library = study.library
    doc = library.load_document("op-ed")
    before = doc_bytes(library)
    with pytest.raises(Refused, match="Cannot merge here") as refused:
        study.repair(doc, doc.segments[0].id, 0, "merge")  # the first link has none before it
    assert refused.value.severity == "warning"
    with pytest.raises(Refused, match="needs a paragraph with a translation"):
        study.repair(doc, doc.segments[1].id, 0, "split")
    with pytest.raises(ReaderError, match="already in"):
        study.add_entry(Entry("Stark", "en", ("x",)))
    assert doc_bytes(library) == before and not study.history.can_undo


def test_a_hand_edit_is_never_overwritten_by_undo(study: Study) -> None:
    library = study.library
    study.add_entry(Entry("riddled with", "en", ("充满",)))
    stark = find(study, "stark")
    assert stark is not None
    study.set_status(stark, "known")
    path = library.glossaries_dir / "en.yaml"
    edited = glossary_text(library) + "  uncertainty: 不确定性\n"
    path.write_text(edited, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    study.vocabulary.reload_changed()
    with pytest.raises(ReaderError, match="changed since"):
        study.undo()
    assert glossary_text(library) == edited
    # The refused step is dropped; the one before it is refused too (same file, edited).
    with pytest.raises(ReaderError):
        study.undo()
    assert not study.history.can_undo and not study.history.can_redo


def test_a_new_change_after_undo_cannot_be_followed_by_redo(study: Study) -> None:
    study.add_entry(Entry("riddled with", "en", ("充满",)))
    study.undo()
    assert study.history.can_redo
    study.add_entry(Entry("uncertainty", "en", ("不确定性",)))
    assert not study.history.can_redo and study.redo() is None
    assert find(study, "riddled with") is None


def test_a_changed_document_file_is_never_overwritten_by_undo(study: Study) -> None:
    library = study.library
    doc = library.load_document("op-ed")
    study.repair(doc, doc.segments[0].id, 1, "merge")
    library.save_document(document())  # imported again meanwhile
    path = library.document_path("op-ed")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    with pytest.raises(ReaderError, match="changed since"):
        study.undo()
    assert library.load_document("op-ed") == document()


def test_history_keeps_a_bounded_number_of_steps(library: Library) -> None:
    study = Study(library, Vocabulary(library.root), History(kept=3))
    for n in range(5):
        study.add_entry(Entry(f"word{n}", "en", ("x",)))
    assert study.history.labels()[0] == [f"added “word{n}”" for n in (4, 3, 2)]


def test_a_change_to_a_large_glossary_keeps_only_what_changed(tmp_path: Path) -> None:
    lines = ["language: en", "entries:"] + [f"  word{n}: 词{n}" for n in range(3000)]
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "en.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    vocabulary = Vocabulary(tmp_path)
    entry = vocabulary.find("word1500", "en")[0]
    change = vocabulary.save_edit(entry, Entry("word1500", "en", ("改",)))
    assert isinstance(change, Change)
    assert len(change.before) + len(change.after) < 40
    vocabulary.revert(change)
    assert (folder / "en.yaml").read_text(encoding="utf-8") == "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("abc", "abc"),
        ("", "x"),
        ("aaa", "aa"),
        ("aa", "aaa"),
        ("stark: a\nnascent: b\n", "stark: a\nnascent: c\n"),
        ("x: 1\n", "y: 1\nx: 1\n"),
        ("abcabc", "abc"),
    ],
)
def test_difference_is_the_middle_that_differs(old: str, new: str) -> None:
    start, before, after = _difference(old, new)
    rest = len(old) - start - len(before)
    assert old[:start] == new[:start]
    assert old[:start] + before + old[start + len(before) :] == old
    assert new == old[:start] + after + old[len(old) - rest :]
    assert rest == len(new) - start - len(after) >= 0


def test_readers_never_wait_for_a_save(study: Study, monkeypatch: pytest.MonkeyPatch) -> None:
    # The app looks entries up on the UI thread while a worker saves: a look-up during a
    # save sees the entries as they were, at once.
    import reader.glossary as glossary_module

    started, release = threading.Event(), threading.Event()
    add = glossary_module.add_entry

    def slow_add(gf, entry):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return add(gf, entry)

    monkeypatch.setattr(glossary_module, "add_entry", slow_add)
    worker = threading.Thread(target=study.add_entry, args=(Entry("swiftly", "en", ("迅速",)),))
    worker.start()
    assert started.wait(10)
    try:
        assert find(study, "stark") is not None  # answered while the save is held
        assert find(study, "swiftly") is None
        assert [e.term for e in study.vocabulary.entries("en")] == ["stark", "nascent"]
    finally:
        release.set()
        worker.join(10)
    assert find(study, "swiftly") is not None
