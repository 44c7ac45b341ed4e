"""py3langid's model from its uncompressed copy in the cache: the same rankings as py3langid's
own loader, the copy written once, a damaged or missing copy rewritten, and no cache at all
still answering."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import langid_model

TEXTS = [
    "This is an important moment in technology.",
    "Dit is een belangrijk moment voor de technologie.",
    "Das ist ein wichtiger Moment für die Technik.",
    "C'est un moment important pour la technologie.",
    "meta llama opensource",
    "Привет, как у тебя дела?",
    "¿Hola, qué tal, amigo mío?",
    "",
]


@pytest.fixture(scope="module")
def library_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def assert_same(identifier, expected) -> None:  # type: ignore[no-untyped-def]
    for text in TEXTS:
        got, want = identifier.rank(text), expected.rank(text)
        assert [lang for lang, _ in got] == [lang for lang, _ in want], text
        assert [float(p) for _, p in got] == pytest.approx([float(p) for _, p in want]), text


def test_the_cached_model_ranks_as_py3langids_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_identifier
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    first = langid_model.load_identifier()  # writes the copy
    (folder,) = (tmp_path / "langid").iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}.npy" for name in langid_model._ARRAYS
    )
    stamp = (folder / "nextmove.npy").stat().st_mtime_ns
    second = langid_model.load_identifier()  # reads it
    assert (folder / "nextmove.npy").stat().st_mtime_ns == stamp
    assert_same(first, library_identifier)
    assert_same(second, library_identifier)


def test_a_damaged_copy_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_identifier
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    langid_model.load_identifier()
    (folder,) = (tmp_path / "langid").iterdir()
    (folder / "ptc.npy").unlink()  # a copy cut short by a crash (the rename is atomic)
    assert_same(langid_model.load_identifier(), library_identifier)
    assert (folder / "ptc.npy").is_file()


def test_no_cache_or_an_unwritable_one_uses_py3langids_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_identifier
) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    for setting in ("", str(blocked / "cache")):
        monkeypatch.setenv("READER_CACHE_DIR", setting)
        assert_same(langid_model.load_identifier(), library_identifier)


def test_a_later_process_does_not_decompress_the_model(tmp_path: Path) -> None:
    detect = (
        "from reader.languages import detect_language; "
        "print(detect_language('Dit is een belangrijk moment voor de technologie.'))"
    )
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path)}

    def run(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout.strip()

    assert run(detect) == "nl"
    # Decompressing now would fail: the second process reads the copy.
    assert run("import lzma; del lzma.open; " + detect) == "nl"


def resident_kb_of_files_under(folder: Path) -> int:
    """How much of the files under `folder` mapped by this process is resident, from smaps."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        first = line.split(maxsplit=1)[0]
        if "-" in first and not first.endswith(":"):  # a mapping's header line
            inside = str(folder) in line
        elif inside and first == "Rss:":
            total += int(line.split()[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="reads Linux's smaps")
def test_the_model_pages_read_for_a_text_are_given_back_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library_identifier
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    identifier = langid_model.load_identifier()
    states = identifier.tk_nextmove  # the state table, 39 MB, mapped from the cache
    sum(states[i] for i in range(0, len(states), 1024))  # read a value on every page
    assert resident_kb_of_files_under(tmp_path) > 30_000
    text = " ".join(TEXTS) * 20
    assert identifier.rank(text) == library_identifier.rank(text)
    assert resident_kb_of_files_under(tmp_path) < 1_000  # given back after the text
    assert_same(identifier, library_identifier)  # and read again, unchanged, for the next
