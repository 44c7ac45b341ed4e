"""Control characters: removed from what comes in, shown (never obeyed) in what goes out."""

from __future__ import annotations

import pytest

from reader.safetext import clean, has_controls, visible, visible_line

PAYLOADS = {
    "OSC 52 (clipboard)": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "OSC 0 (title)": "\x1b]0;pwned\x1b\\",
    "CSI 6n (reply typed in)": "\x1b[6n",
    "C1 CSI": "\x9b6n",
    "C1 OSC": "\x9d0;title\x9c",
    "bidi override": "\u202eevil\u202c",
    "bidi isolate": "\u2066x\u2069",
    "backspace and bell": "a\x08\x07",
    "DEL": "\x7f",
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_no_control_survives_either_way(payload: str) -> None:
    text = f"before {payload} after"
    assert has_controls(text)
    for result in (clean(text), visible(text), visible_line(text)):
        assert not has_controls(result)
        assert result.startswith("before ") and result.endswith(" after")


def test_clean_removes_and_keeps_text() -> None:
    assert clean("tab\tand\nline") == "tab\tand\nline"
    assert clean("a\x1b[31mred\x1b[0m") == "a[31mred[0m"
    assert clean("page\x0cbreak\x0bvt\x85nel\r\nwin\rmac") == "page\nbreak\nvt\nnel\nwin\nmac"
    assert clean("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean("مرحبا\u200f and ZWJ 👩\u200d💻") == "مرحبا\u200f and ZWJ 👩\u200d💻"
    plain = "nothing to do"
    assert clean(plain) is plain


def test_visible_shows_each_control() -> None:
    assert visible("a\x1b]0;t\x07b") == "a\u241b]0;t\u2407b"
    assert visible("\x9b6n") == "<U+009B>6n"
    assert visible("x\u202ey") == "x<U+202E>y"
    assert visible("\x7f") == "\u2421"
    assert visible("keep\ttab\nand line") == "keep\ttab\nand line"
    assert visible_line("two\nlines\r") == "two\u240alines\u240d"
