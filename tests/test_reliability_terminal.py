"""The reliability suite, terminal payloads: control sequences hidden in a document, a
glossary, an imported text or a file name never reach stdout or stderr of any command."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_cases import (
    PAYLOAD,
    SEED_DOC,
    TERMINAL_CONTROL,
    judge,
    payload_commands,
    payload_library,
    run_cli,
)


def test_no_control_sequence_reaches_the_terminal(tmp_path: Path) -> None:
    seen = []
    for argv in payload_commands(tmp_path):
        code, out, err = run_cli(argv)
        assert judge(code, out, err, None, None) is None, (argv, err)
        found = TERMINAL_CONTROL.findall(out + err)
        if found:
            seen.append(f"reader {argv[0]}: {found[:5]}")
        assert (out + err).strip(), argv
    assert not seen, "\n".join(seen)


def test_a_payload_in_a_file_name_is_shown_not_obeyed(tmp_path: Path) -> None:
    named = tmp_path / f"name{PAYLOAD}.txt"
    named.write_text("", encoding="utf-8")
    code, _out, err = run_cli(["show", str(named)])
    assert code == 1 and err.count("\n") == 1
    assert "\u241b]52;c;" in err and "<U+009B>6n" in err and "<U+202E>evil" in err


@pytest.mark.parametrize("where", ["title", "sentence", "note"])
def test_payloads_are_removed_when_read(tmp_path: Path, where: str) -> None:
    from reader.library import Library
    from reader.vocabulary import Vocabulary

    lib = payload_library(tmp_path)
    doc = Library(lib).load_document(SEED_DOC)
    entry = Vocabulary(lib).find("technology", "en")[0]
    text = {
        "title": doc.title,
        "sentence": doc.segments[0].source.sentences[0],
        "note": entry.note + "".join(entry.glosses) + str(entry.extra),
    }[where]
    assert not TERMINAL_CONTROL.search(text) and "52;c;" in text
