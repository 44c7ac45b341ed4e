"""Reading the user's text files: bytes to one clean `str`, or one clear error.

Every importer and the glossary loader go through `read_text`, so encoding quirks, BOMs,
Windows line ends and files that are not text at all are dealt with in one place.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from reader.errors import ReaderError
from reader.fsutil import read_file
from reader.safetext import clean

UNDECODABLE = "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"

# BOMs, longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that never occur in text (tab, line feed, form feed, carriage return and
# escape do). `bytes.translate(None, delete)` counts them at C speed.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BINARY_SAMPLE = 65536
_MAX_CONTROL_SHARE = 0.02

# Chinese legacy files are the common case charset-normalizer gets wrong: on a sentence or
# two it happily reads GBK as cp949 or Big5 as cp932, because every double-byte codec
# decodes almost anything. What tells the right codec apart is whether the result is
# *ordinary* Chinese, so Chinese is judged here, by coverage: the share of non-ASCII
# characters that are among the 500 most frequent Hanzi (jieba's dictionary frequencies)
# or their traditional forms (CC-CEDICT, kept when Big5 can encode them), or CJK
# punctuation. Real Chinese scores above 0.5 even on one short sentence (the op-ed's
# paragraphs 0.7-0.9); text decoded with the wrong codec scores under 0.1. GB18030 is tried first and wins ties: it is a superset of GBK/GB2312,
# and Big5 byte pairs also decode as GB18030, only into rare characters.
_CHINESE_CODECS = ("gb18030", "big5")
_MIN_CHINESE_COVERAGE = 0.4
_CJK_PUNCTUATION = "，。、；：？！「」『』（）《》〈〉【】“”‘’…—·　"
_COMMON_HANZI = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自"
    "之对得主长可过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同"
    "北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西"
    "没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武"
    "使次二向治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气"
    "汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米给"
    "打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五京河接条规式县白"
    "它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集"
    "联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连"
    "调感转笑革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准"
    "究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁"
    "断派速怎需片爱律纪支早况病境证编瞭國龢為這個箇來會時齣學說傢們於後發髮對長過妳著業裡經麵"
    "門動進區衕開產軍還種現機體錶與噹當兩實麼祇秖衹隻關從製內沒將員東頭間無見閤戰點場嚮曏數樣"
    "問並併萬級應資務迴係繫氣漢總電聲設義統處馬兒領隊計別彆權話諙報給變書幾華議稱決張導術纔筦"
    "結師達題條槼規縣風運組聽佈濟黨論強彊黃選記卻職號蘤類傳帶乾幹農邊據聯廣質陽難厤曆歷專耑認"
    "車檯臺颱遊舉線團糰攷備爭眾連調轉該剋尒爾讓較際親單紅價約週亞則屬積圖韆準極裝許參葠喫觀魚"
    "辦復複覆遠搆構隨劃勢熱網朢語鐵斷愛紀況証證編"
)
_PLAUSIBLE_CHINESE = _COMMON_HANZI | frozenset(_CJK_PUNCTUATION)

# charset-normalizer names of codecs judged above (never taken from it) and of the other
# multi-byte East Asian codecs, which it also picks for a Latin text with one odd byte.
_CHINESE_NAMES = frozenset(
    {"big5", "big5hkscs", "cp950", "gb18030", "gb2312", "gbk", "hz", "cp936"}
)
_EAST_ASIAN_NAMES = frozenset(
    {
        "cp932", "cp949", "euc_jis_2004", "euc_jisx0213", "euc_jp", "euc_kr", "johab",
        "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3",
        "iso2022_jp_ext", "iso2022_kr", "shift_jis", "shift_jis_2004", "shift_jisx0213",
    }
)  # fmt: skip
# Without a BOM, UTF-16/32 is not accepted: the NUL bytes it is full of mark binary files.
_BOMLESS_UNICODE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


def read_text(path: str | Path) -> str:
    """The text of the file at `path`: BOM removed, line ends `\\n`, control characters
    removed (`reader.safetext.clean`: text that reaches a terminal must not command it).

    Raises ReaderError naming the file when it is missing, a folder, a FIFO or a device,
    unreadable, empty, binary or in no encoding we can recognise.
    """
    return decode_bytes(read_file(Path(path)), str(path))


def decode_bytes(data: bytes, name: str) -> str:
    """`data` decoded as `read_text` would decode a file's content; `name` labels errors."""
    if not data:
        raise ReaderError(name, "empty file")
    text = _decode(data, name)
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean(text)
    if not text.strip():
        raise ReaderError(name, "empty file")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(name, data, exc.start + len(bom)) from None
            if _control_heavy(text[:_BINARY_SAMPLE].encode("utf-8", "surrogatepass")):
                raise ReaderError(name, "binary file, not text")
            return text

    if b"\x00" in data or _control_heavy(data[:_BINARY_SAMPLE]):
        raise ReaderError(name, "binary file, not text")

    # Nearly every file is UTF-8, and a strict decode settles that at memory speed.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start

    chinese = _as_chinese(data)
    if chinese is not None:
        return chinese
    detected = _detect_other(data)
    if detected is not None:
        return detected
    raise _undecodable(name, data, first_bad)


def _control_heavy(sample: bytes) -> bool:
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _chinese_coverage(text: str) -> float:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    return sum(ch in _PLAUSIBLE_CHINESE for ch in wide) / len(wide)


def _as_chinese(data: bytes) -> str | None:
    best: tuple[float, str] | None = None
    for codec in _CHINESE_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        coverage = _chinese_coverage(text)
        if coverage >= _MIN_CHINESE_COVERAGE and (best is None or coverage > best[0]):
            best = (coverage, text)
    return best[1] if best else None


def _runs_of_wide_characters(text: str) -> bool:
    """True when most non-ASCII characters stand beside another: words, not stray bytes."""
    wide = paired = 0
    for i, ch in enumerate(text):
        if ord(ch) > 0x7F:
            wide += 1
            if (i > 0 and ord(text[i - 1]) > 0x7F) or (
                i + 1 < len(text) and ord(text[i + 1]) > 0x7F
            ):
                paired += 1
    return wide == 0 or paired >= 0.5 * wide


def _detect_other(data: bytes) -> str | None:
    """Any other legacy encoding, as charset-normalizer sees it.

    Japanese and Korean codecs are only believed when they yield runs of characters: on a
    short Latin text with one cp1252 quote charset-normalizer offers nothing but East Asian
    codecs, each turning the quote into one stray ideograph. Then it is asked again with
    those codecs ruled out.
    """
    excluded = [*_BOMLESS_UNICODE, *_CHINESE_NAMES]
    for match in from_bytes(data, cp_exclusion=excluded):
        text = str(match)
        if match.encoding in _EAST_ASIAN_NAMES and not _runs_of_wide_characters(text):
            continue
        # Its best guess decides: with twenty codecs to try, one always reads as something.
        return text if _reads_as_text(text) else None
    best = from_bytes(data, cp_exclusion=[*excluded, *_EAST_ASIAN_NAMES]).best()
    return str(best) if best is not None and _reads_as_text(str(best)) else None


# Besides letters, marks, punctuation, digits and spaces, what a legacy text may hold beyond
# ASCII: the common symbols of Western codepages.
_TEXT_SYMBOLS = frozenset("\u00a0¡¢£¤¥§¨©«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷‐‑–—―‘’‚‛“”„‟†‡•…‰′″‹›€№™")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _reads_as_text(text: str) -> bool:
    """Whether a legacy decoding of a file is text rather than bytes forced into characters.

    Every codec of charset-normalizer turns any byte into some character, so junk bytes in
    an otherwise ASCII file (or a file that is no text at all) come out as mojibake: C1
    controls, unassigned code points, box-drawing or other symbols, or runs of accented
    letters standing alone ("ÿþ") or inside words of another script ("quҒck"). Such a decoding is not believed, and the file is refused
    as undecodable, as the README promises. In a text whose letters are mostly ASCII, a
    word made only of non-ASCII letters is accepted up to one letter long (à, é, ò).
    """
    ascii_letters = other_letters = 0
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                ascii_letters += 1
            continue
        category = unicodedata.category(ch)
        if category[0] in "LM":
            other_letters += 1
        elif ch not in _TEXT_SYMBOLS and category[0] not in "PN" and category != "Zs":
            return False
    if other_letters and ascii_letters > 4 * other_letters:
        for run in _LETTER_RUN.findall(text):
            if run.isascii():
                continue
            if not any(ch.isascii() for ch in run):
                if len(run) > 1:
                    return False
            elif not all(ch.isascii() or _latin(ch) for ch in run):
                return False  # "quҒck": a Cyrillic letter inside an English word
    return True


def _latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN") or unicodedata.category(ch)[0] == "M"


def _undecodable(name: str, data: bytes, offset: int) -> ReaderError:
    """The error for `data`, placed at the first byte UTF-8 could not read."""
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return ReaderError(name, UNDECODABLE, line, column)
