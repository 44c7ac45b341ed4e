"""Known words: a hand-editable YAML file per language, saved carefully."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from reader.errors import ReaderError
from reader.known import known_path, load_known


def test_first_word_creates_the_file(tmp_path: Path) -> None:
    kw = load_known(tmp_path, "nl")
    assert len(kw) == 0 and not kw.path.exists()
    kw = kw.add(["De", "het", "de"])
    path = known_path(tmp_path, "nl")
    assert kw.path == path == tmp_path / "known" / "nl.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"language": "nl", "words": ["de", "het"]}
    assert "de" in kw and "De" in kw and "een" not in kw


def test_adding_appends_and_keeps_everything_else_byte_for_byte(tmp_path: Path) -> None:
    path = known_path(tmp_path, "en")
    path.parent.mkdir()
    original = (
        "# my words\n"
        "language: en   # English\n"
        "words:\n"
        "  - the   # articles first\n"
        "  - 'yes'\n"
        "  - europe's\n"
        "# more below, one day\n"
    )
    path.write_text(original, encoding="utf-8")
    kw = load_known(tmp_path, "en").add(["Innovation", "null", "no"])
    text = path.read_text(encoding="utf-8")
    head, tail = original.split("# more")
    assert text == head + "  - innovation\n  - 'null'\n  - 'no'\n# more" + tail
    assert yaml.safe_load(text)["words"] == ["the", "yes", "europe's", "innovation", "null", "no"]
    assert kw.words == ("the", "yes", "europe's", "innovation", "null", "no")
    assert "# more below, one day" in text
    assert (path.parent / "en.yaml~").read_text(encoding="utf-8") == original


def test_a_flow_list_is_rewritten_keeping_the_header_comments(tmp_path: Path) -> None:
    path = known_path(tmp_path, "en")
    path.parent.mkdir()
    path.write_text("# mine\nwords: [the, a]\nlanguage: en\n", encoding="utf-8")
    load_known(tmp_path, "en").add(["of"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine\n")
    assert yaml.safe_load(text) == {"language": "en", "words": ["the", "a", "of"]}


def test_remove_drops_only_that_line(tmp_path: Path) -> None:
    kw = load_known(tmp_path, "en").add(["the", "of", "a"])
    before = kw.path.read_text(encoding="utf-8")
    kw = kw.remove(["OF"])
    assert kw.words == ("the", "a")
    assert kw.path.read_text(encoding="utf-8") == before.replace("- of\n", "")


def test_an_edit_on_disk_is_kept_and_merged(tmp_path: Path) -> None:
    kw = load_known(tmp_path, "en").add(["the"])
    with kw.path.open("a", encoding="utf-8") as fh:
        fh.write("- by hand\n")
    kw = kw.add(["of"])  # read before the hand edit
    assert kw.words == ("the", "by hand", "of")
    assert yaml.safe_load(kw.path.read_text(encoding="utf-8"))["words"] == ["the", "by hand", "of"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("words: [a\n", "broken YAML"),
        ("language: en\nwords: a\n", "`words:` should be a list"),
        ("language: en\nwords:\n- a\n- [b]\n", ":4:3: each known word"),
        ("language: nl\nwords:\n- a\n", "language: nl, but the file is for en"),
        ("language: en\nwords:\n- a\nwords:\n- b\n", "duplicate"),
    ],
)
def test_broken_file_is_one_line_and_never_overwritten(
    tmp_path: Path, text: str, message: str
) -> None:
    path = known_path(tmp_path, "en")
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_known(tmp_path, "en")
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_not_utf8(tmp_path: Path) -> None:
    path = known_path(tmp_path, "nl")
    path.parent.mkdir()
    path.write_bytes("language: nl\nwords:\n- café\n".encode("latin-1"))
    with pytest.raises(ReaderError, match=r"nl.yaml:3: not UTF-8"):
        load_known(tmp_path, "nl")


def test_known_words_stand_for_their_inflections_as_glossary_terms_do(tmp_path: Path) -> None:
    kw = load_known(tmp_path, "en").add(["stifled", "level"])
    assert {"stifle", "stifled", "level"} <= kw.atoms
    nl = load_known(tmp_path, "nl").add(["regels"])
    assert "regel" in nl.atoms


def test_appending_keeps_windows_line_ends_and_the_bom(tmp_path: Path) -> None:
    path = known_path(tmp_path, "nl")
    path.parent.mkdir()
    original = "\ufefflanguage: nl\r\nwords:\r\n- de\r\n"
    path.write_bytes(original.encode("utf-8"))
    load_known(tmp_path, "nl").add(["het"])
    assert path.read_bytes().decode("utf-8") == original + "- het\r\n"


def test_two_processes_adding_words_at_once_lose_none(tmp_path: Path) -> None:
    load_known(tmp_path, "en").add(["the"])
    start_r, start_w = os.pipe()
    pids = []
    for tag in ("left", "right"):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.close(start_w)
                os.read(start_r, 1)
                kw = load_known(tmp_path, "en")  # each keeps its own copy, as two windows do
                for k in range(40):
                    kw = kw.add([f"{tag}{k}"])
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(start_r)
    os.write(start_w, b"go")
    os.close(start_w)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids] == [0, 0]
    words = load_known(tmp_path, "en").words
    assert sorted(words) == sorted(
        ["the", *(f"{t}{k}" for t in ("left", "right") for k in range(40))]
    )
    assert not list(known_path(tmp_path, "en").parent.glob("*.lock"))


def test_a_linked_file_gets_the_words_and_stays_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "sync" / "english words.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("language: en\nwords:\n- the\n", encoding="utf-8")
    link = known_path(tmp_path / "library", "en")
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    kw = load_known(tmp_path / "library", "en").add(["of"]).remove(["the"])
    assert link.is_symlink() and link.resolve() == elsewhere
    assert elsewhere.read_text(encoding="utf-8") == "language: en\nwords:\n- of\n"
    assert kw.words == ("of",)
    backup = elsewhere.with_name(elsewhere.name + "~")
    assert backup.read_text(encoding="utf-8") == "language: en\nwords:\n- the\n- of\n"


def test_a_link_to_a_file_not_made_yet_creates_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "sync" / "nl.yaml"
    elsewhere.parent.mkdir()
    link = known_path(tmp_path / "library", "nl")
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere)
    assert len(load_known(tmp_path / "library", "nl")) == 0
    load_known(tmp_path / "library", "nl").add(["de"])
    assert link.is_symlink()
    assert yaml.safe_load(elsewhere.read_text(encoding="utf-8"))["words"] == ["de"]


def test_a_folder_or_a_fifo_named_like_the_file_is_refused_before_reading(
    tmp_path: Path,
) -> None:
    path = known_path(tmp_path, "en")
    path.parent.mkdir()
    os.mkfifo(path)
    with pytest.raises(ReaderError) as caught:
        load_known(tmp_path, "en")
    assert str(caught.value).startswith(str(path))
