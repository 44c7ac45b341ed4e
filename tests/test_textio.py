"""Reading text files: encodings, BOMs, line ends, and the errors a user sees."""

from __future__ import annotations

import codecs
import os
import zlib
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.textio import UNDECODABLE, decode_bytes, read_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "originals"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


SIMPLIFIED = [
    "这是科技的一个重要时刻。",
    "人工智能有潜力改变世界，提高人类生产力。",
    "今天天气很好。",
    "欧洲应该简化监管。",
    "我们相信开源人工智能可以帮助欧洲组织充分利用这一新技术。",
    "严峻的现实是，旨在增强欧洲主权和竞争力的法律正在适得其反。",
]
TRADITIONAL = [
    "這是科技的一個重要時刻。",
    "人工智慧有潛力改變世界，提高人類生產力。",
    "今天天氣很好。",
    "歐洲應該簡化監管。",
    "台灣的天氣很熱。",
    "我們相信開源人工智慧可以幫助歐洲組織充分利用這一新技術。",
]
MIXED = "Meta开源了Llama大型语言模型。\nSpotify自豪地被捧为欧洲科技成功的典范。\n"


def write(tmp_path: Path, data: bytes, name: str = "f.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(t, "gb18030") for t in SIMPLIFIED]
    + [(t, "gbk") for t in SIMPLIFIED]
    + [(t, "gb2312") for t in SIMPLIFIED]
    + [(t, "big5") for t in TRADITIONAL]
    + [(t, "gb18030") for t in TRADITIONAL]
    + [(MIXED, "gbk"), (MIXED, "gb18030")],
)
def test_short_chinese_legacy_files_decode_right(tmp_path: Path, text: str, encoding: str) -> None:
    assert read_text(write(tmp_path, text.encode(encoding))) == text


@pytest.mark.parametrize(
    ("prefix", "bom", "encoding"),
    [
        ("002", b"", "utf-8"),
        ("002", codecs.BOM_UTF8, "utf-8"),
        ("002", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("002", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("001", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("001", codecs.BOM_UTF32_LE, "utf-32-le"),
        ("000", codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_unicode_files_with_and_without_bom(
    tmp_path: Path, prefix: str, bom: bytes, encoding: str
) -> None:
    text = seed(prefix).read_text(encoding="utf-8")
    got = read_text(write(tmp_path, bom + text.encode(encoding)))
    assert got == text
    assert not got.startswith("\ufeff")


def test_whole_chinese_translation_of_the_op_ed_in_gbk(tmp_path: Path) -> None:
    chinese = "\n".join(
        line
        for line in seed("002").read_text(encoding="utf-8").splitlines()
        if any("\u4e00" <= ch <= "\u9fff" for ch in line)
    )
    data = chinese.encode("gb18030")
    assert read_text(write(tmp_path, data)) == chinese


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\n\r\ntwo\rthree\n", "one\n\ntwo\nthree\n"),
        ("中文\r\n第二行".encode("gb18030"), "中文\n第二行"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
    ],
)
def test_line_ends_become_newlines(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw, "x.txt") == expected


DUTCH = (
    "Ze stellen dat de wetgeving onduidelijk is en dat groei belemmerd wordt, "
    "aangezien er een eerlijk speelveld wordt gecreëerd."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (DUTCH, "cp1252"),
        ("Meta isn’t playing ball with the EU on the AI Act", "cp1252"),
        ("こんにちは、世界。今日はいい天気ですね。", "shift_jis"),
        ("안녕하세요. 오늘 날씨가 좋네요.", "euc_kr"),
        ("Привет, мир! Как дела у всех сегодня?", "cp1251"),
    ],
)  # fmt: skip
def test_other_legacy_encodings_via_detection(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x.txt") == text


def test_arabic_seed_in_windows_1256() -> None:
    text = seed("001").read_text(encoding="utf-8")
    data = text.encode("cp1256", errors="replace")
    assert decode_bytes(data, "x.txt") == data.decode("cp1256")


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
)


def zip_bytes(tmp_path: Path) -> bytes:
    import zipfile

    p = tmp_path / "a.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.txt", "hello " * 100)
    return p.read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t\r\n  ", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF8 + b" \n", "empty file"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file"),
        (PNG, "binary file, not text"),
        (zlib.compress(b"some text " * 50), "binary file, not text"),
        (b"text\x00with a NUL", "binary file, not text"),
        (bytes(range(1, 9)) * 20 + b"abc", "binary file, not text"),
        (bytes(range(0x80, 0x100)) * 3, UNDECODABLE),
        (codecs.BOM_UTF8 + b"ok \xff\xfe bad", UNDECODABLE),
    ],
)
def test_bad_input_is_one_line_error_naming_the_file(
    tmp_path: Path, data: bytes, message: str
) -> None:
    p = write(tmp_path, data, "notes.txt")
    with pytest.raises(ReaderError) as info:
        read_text(p)
    assert info.value.message == message
    assert str(info.value).startswith(f"{p}")
    assert "\n" not in str(info.value)


def test_zip_archive_is_binary(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="binary file, not text"):
        read_text(write(tmp_path, zip_bytes(tmp_path), "a.txt"))


def test_random_bytes_never_decode_silently_to_garbage_with_nul(tmp_path: Path) -> None:
    data = os.urandom(4096) + b"\x00"
    with pytest.raises(ReaderError, match="binary file"):
        read_text(write(tmp_path, data))


def test_undecodable_error_points_at_first_bad_byte() -> None:
    data = codecs.BOM_UTF8 + b"line one\nline \xe4\xbd two \xff\n"
    with pytest.raises(ReaderError) as info:
        decode_bytes(data, "book.txt")
    assert (info.value.location.line, info.value.location.column) == (2, 6)
    assert str(info.value) == f"book.txt:2:6: {UNDECODABLE}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as info:
        read_text(tmp_path / "nope.txt")
    assert info.value.message == "no such file"
    assert "nope.txt" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="is a folder"):
        read_text(tmp_path)


def test_accepts_str_paths_and_leaves_the_file_alone(tmp_path: Path) -> None:
    data = "héllo\r\n".encode()
    p = write(tmp_path, data)
    assert read_text(str(p)) == "héllo\n"
    assert p.read_bytes() == data


def test_decode_bytes_names_the_caller_label() -> None:
    with pytest.raises(ReaderError) as info:
        decode_bytes(b"", "clipboard")
    assert str(info.value) == "clipboard: empty file"
