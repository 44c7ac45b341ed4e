"""reader.yamlsafe: the strict loader every hand-editable YAML file goes through."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import yaml

from reader.errors import ReaderError
from reader.yamlsafe import Loader, compose, no_gc, safe_load


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: 1\nb: [x, 'y']\n", {"a": 1, "b": ["x", "y"]}),
        ("", None),
        ("# only a comment\n", None),
        ("a: &x [1, 2]\nb: *x\n", {"a": [1, 2], "b": [1, 2]}),  # a few aliases are fine
        ("<<: {a: 1}\nb: 2\n", {"a": 1, "b": 2}),
        ("d: 2024-08-25\n", {"d": __import__("datetime").date(2024, 8, 25)}),
        ("t: !!str 12\n", {"t": "12"}),
        ("开源: 公开\nكلمة: word\n", {"开源": "公开", "كلمة": "word"}),
    ],
)
def test_safe_load_reads_plain_yaml(text: str, data: Any) -> None:
    assert safe_load(text, "f.yaml") == data


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)"),
        ("x:\n  - {k: 1, k: 2}\n", 2, 12, "duplicate key 'k'"),
        ("1: a\n0x1: b\n", 2, 1, "duplicate key '0x1'"),
        ("yes: a\ntrue: b\n", 2, 1, "duplicate key 'true'"),
        ("x: !!python/object:os.system {}\n", 1, 4, "unsafe tag"),
        ("x: !!python/name:os.system\n", 1, 4, "unsafe tag"),
        ("x: !local thing\n", 1, 4, "unsafe tag"),
        ("a: &a [*a]\n", 1, 4, "recursive alias"),
        ("a: [1,\n", 2, 1, "broken YAML"),
        ("a: b\n---\nc: d\n", 2, 1, "a single document"),
        ("a: b\nc: \x07\n", 2, 4, "control characters"),
        ("a: 2024-13-45\n", 1, 4, "bad value"),
        ("a: !!bool maybe\n", 1, 4, "cannot read 'maybe' as bool"),
        ("a: !!timestamp soon\n", 1, 4, "cannot read 'soon' as timestamp"),
        ("a: !!int lots\n", 1, 4, "cannot read 'lots' as int"),
        ("!!pairs [[a, b]]: x\n", 1, 1, "unhashable key"),
    ],
)
def test_safe_load_refuses_with_position(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ReaderError) as info:
        safe_load(text, "f.yaml")
    assert message in info.value.message
    assert (info.value.location.line, info.value.location.column) == (line, column)
    assert str(info.value).startswith(f"f.yaml:{line}:{column}: ")


def _laughs(levels: int, width: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(ReaderError, match="aliases expand"):
        safe_load(_laughs(10, 9), "bomb.yaml")


def test_small_alias_reuse_is_allowed() -> None:
    data = safe_load(_laughs(3, 3), "ok.yaml")
    assert data["l2"] == [[["lol"] * 3] * 3] * 3


SCALARS = [
    "", "~", "null", "Null", "true", "False", "yes", "No", "on", "OFF", "y", "n",
    "0", "12", "-3", "+4", "0x1F", "0o17", "017", "1_000", "1.5", "-.5", ".inf", "-.INF",
    ".nan", "1e3", "6.8523015e+5", "190:20:30", "2024-08-25", "2024-08-25 10:00:00",
    "<<", "=", "abc", "stark", "a level playing field", "开源", "كلمة", "-", ".", "1.2.3",
    "0b101", "yesterday", "nullable", "+", "e", "1e", "12:30",
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
def test_lean_resolver_agrees_with_pyyaml(value: str) -> None:
    ours = Loader("")
    theirs = yaml.SafeLoader("")
    try:
        for implicit in ((True, False), (False, True)):
            got = ours.resolve(yaml.ScalarNode, value, implicit)
            assert got == theirs.resolve(yaml.ScalarNode, value, implicit), (value, implicit)
        assert ours.resolve(yaml.SequenceNode, None, None) == "tag:yaml.org,2002:seq"
        assert ours.resolve(yaml.MappingNode, None, None) == "tag:yaml.org,2002:map"
    finally:
        ours.dispose()
        theirs.dispose()


def test_the_safe_loader_has_no_path_resolvers_to_skip() -> None:
    # Loader skips descend/ascend_resolver: right only while no path resolver exists.
    assert not Loader.yaml_path_resolvers
    assert not yaml.SafeLoader.yaml_path_resolvers


def test_compose_keeps_character_offsets() -> None:
    text = "开源: 公开\nstark: 明显的\n"
    node = compose(text, "f.yaml")
    assert node is not None
    key, value = node.value[1]
    assert text[key.start_mark.index : value.end_mark.index] == "stark: 明显的"


def test_no_gc_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with no_gc():
        assert not gc.isenabled()
        with no_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_gc():
        raise ValueError
    assert gc.isenabled()


def test_what_survives_a_pause_is_left_to_full_collections_and_cycles_are_still_freed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import weakref

    import reader.gcpause

    monkeypatch.setattr(reader.gcpause, "_frozen", [0])  # nothing frozen when last asked

    class Node:
        pass

    gc.collect()
    with no_gc():
        kept = [[i] for i in range(1000)]
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        gone = weakref.ref(a)
        del a, b
    # The survivors are in the oldest generation: a young collection does not visit them.
    assert gc.get_count()[0] < 100
    assert gc.is_tracked(kept[0]) and gc.get_freeze_count() == 0
    assert gone() is not None  # a cycle waits for a collection, as always
    gc.collect()
    assert gone() is None


def test_a_pause_leaves_objects_the_program_froze_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with no_gc():
            _made = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_loader_is_freed_without_the_collector() -> None:
    # A loader kept alive by a reference cycle holds its resolver cache (two tuples per
    # distinct scalar) until a collection has to scan it all.
    import weakref

    with no_gc():
        loader = Loader("a: b\nc: [d, e]\n")
        loader.get_single_node()
        loader.dispose()
        ref = weakref.ref(loader)
        del loader
        assert ref() is None


def test_a_small_pause_does_not_walk_the_frozen_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counting frozen objects visits each of them; after Textual froze its own, doing it
    # for every paragraph's matches cost milliseconds a paragraph.
    import reader.gcpause

    asked: list[int] = []
    real = gc.get_freeze_count
    monkeypatch.setattr(reader.gcpause.gc, "get_freeze_count", lambda: asked.append(1) or real())
    gc.collect()
    with no_gc():
        _few = [[i] for i in range(50)]
    assert asked == []
    with no_gc():
        _many = [[i] for i in range(5000)]
    assert asked == [1]


def test_the_frozen_objects_are_counted_again_only_after_a_batch_as_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.gcpause

    asked: list[int] = []
    monkeypatch.setattr(reader.gcpause.gc, "get_freeze_count", lambda: asked.append(1) or 40_000)
    monkeypatch.setattr(reader.gcpause, "_frozen", [0])
    gc.collect()
    with no_gc():
        _first = [[i] for i in range(1000)]  # learns that 40,000 objects are frozen
    assert asked == [1]
    for _ in range(20):  # paragraphs: each far below a quarter of the frozen objects
        gc.collect()
        with no_gc():
            _paragraph = [[i] for i in range(2000)]
    assert asked == [1]
    gc.collect()
    with no_gc():
        _book = [[i] for i in range(12_000)]
    assert asked == [1, 1]
