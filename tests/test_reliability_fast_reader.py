"""The reliability suite, the fast glossary reader: on any text, it reads exactly what the
strict reader reads (entries, language, no warning), or it declines. Property-tested with
generated glossaries full of YAML's special characters and typed scalars."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.glossary import quick
from reader.glossary.fields import Findings
from reader.glossary.parse import entries_of

PATH = Path("en.yaml")

# Pieces a scalar is made of: YAML indicators, typed words of YAML 1.1 and 1.2, quotes,
# escapes, controls, wide and right-to-left letters.
_PIECES = [
    "a", "word", "two words", " ", ",", ":", ": ", "-", "- ", "?", "? ", ">", "|", "!", "&",
    "*", "%", "@", "`", "#", " #", "[", "]", "{", "}", "'", '"', "\\", "yes", "no", "on",
    "null", "~", "true", "1", "010", "0x1F", "1.5", ".inf", "1_000", "2024-01-01", "1:30",
    "<<", "=", "开源", "كلمة", "é", "\u202e", "\t", "；", ";", "x" * 40,
]  # fmt: skip
_scalar = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join)


def _quoted(text: str, style: str) -> str:
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if style == '"':
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


_written = st.tuples(_scalar, st.sampled_from(["", "'", '"'])).map(lambda t: _quoted(*t))
_flow_list = st.lists(_written, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
_field = st.one_of(
    st.tuples(st.just("glosses"), st.one_of(_flow_list, _written)),
    st.tuples(st.sampled_from(["note", "reading", "pos"]), _written),
    st.tuples(st.sampled_from(["forms", "tags"]), _flow_list),
    st.tuples(st.just("status"), st.sampled_from(["new", "learning", "known", "maybe", "'known'"])),
    st.tuples(st.just("level"), st.sampled_from(["1", "5", "7", "'2'", "0x2", "2.0", "~"])),
    st.tuples(st.just("id"), _written),
    st.tuples(st.just("production"), st.sampled_from(["true", "false", "yes", "'true'"])),
    st.tuples(
        st.just("context"),
        st.tuples(_written, _written, st.sampled_from(["0", "3", "-1", "x"])).map(
            lambda t: f"{{document: {t[0]}, segment: {t[1]}, sentence: {t[2]}}}"
        ),
    ),
    st.tuples(st.just("mnemonic"), _written),
)
_short = st.one_of(_written, _flow_list)
_long = st.lists(_field, min_size=1, max_size=4).map(
    lambda fields: "".join(f"\n    {name}: {value}" for name, value in fields)
)
_entry = st.tuples(_written, st.one_of(_short, _long)).map(lambda t: f"  {t[0]}: {t[1]}".rstrip())
_glossary = st.tuples(
    st.sampled_from(["language: en\n", "", "language: 'en'\n", "language: 5\n"]),
    st.lists(_entry, min_size=1, max_size=6),
).map(lambda t: t[0] + "entries:\n" + "\n".join(t[1]) + "\n")


def _agree_or_decline(body: str) -> None:
    fast = quick.entries_of(body, PATH)
    if fast is None:
        return  # declined: the strict reader reads it
    findings = Findings(PATH, strict=True)
    try:
        strict = entries_of(body, PATH, findings)
    except ReaderError as exc:
        raise AssertionError(f"the fast reader read what the strict one refuses: {exc}") from None
    assert not findings.warnings, findings.warnings
    assert fast == strict
    assert [e.extra for e in fast[1]] == [e.extra for e in strict[1]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_glossary)
def test_fast_and_strict_readers_agree_or_the_fast_one_declines(body: str) -> None:
    _agree_or_decline(body)


@pytest.mark.stress
@settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_glossary)
def test_fast_and_strict_readers_agree_on_20000_glossaries(body: str) -> None:
    _agree_or_decline(body)


@pytest.mark.parametrize(
    "value",
    ["[>x]", "[|x]", "[?x]", "[:x]", "[a, >x]", "{document: |x}", "{a: b, c: >}", "[1.5::?]"],
)
def test_flow_items_starting_with_an_indicator_are_left_to_the_strict_reader(value: str) -> None:
    body = f"language: en\nentries:\n  a: {value}\n"
    assert quick.entries_of(body, PATH) is None
