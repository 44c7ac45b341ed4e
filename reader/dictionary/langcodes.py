"""Language codes in dictionary names and metadata, as the two-letter codes reader uses.

FreeDict names its databases with ISO 639-3 codes (`freedict-nld-eng`), Yomitan writes
`sourceLanguage: "ja"`, StarDict says nothing. Only codes of languages with a free dictionary
in the usual sources are listed; anything else is kept as written.
"""

from __future__ import annotations

import re

_THREE = {
    "afr": "af", "ara": "ar", "bul": "bg", "ben": "bn", "bre": "br", "cat": "ca", "ces": "cs",
    "cze": "cs", "cym": "cy", "wel": "cy", "dan": "da", "deu": "de", "ger": "de", "ell": "el",
    "gre": "el", "eng": "en", "epo": "eo", "spa": "es", "est": "et", "eus": "eu", "fas": "fa",
    "per": "fa", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga", "gla": "gd", "glg": "gl",
    "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "hye": "hy", "ind": "id", "isl": "is",
    "ice": "is", "ita": "it", "jpn": "ja", "kat": "ka", "kor": "ko", "kur": "ku", "lat": "la",
    "lit": "lt", "lav": "lv", "mkd": "mk", "msa": "ms", "may": "ms", "mlt": "mt", "nld": "nl",
    "dut": "nl", "nor": "no", "nob": "nb", "nno": "nn", "oci": "oc", "pol": "pl", "por": "pt",
    "ron": "ro", "rum": "ro", "rus": "ru", "slk": "sk", "slo": "sk", "slv": "sl", "sqi": "sq",
    "srp": "sr", "swe": "sv", "swa": "sw", "tha": "th", "tur": "tr", "ukr": "uk", "urd": "ur",
    "vie": "vi", "zho": "zh", "chi": "zh", "cmn": "zh", "yue": "yue",
}  # fmt: skip

_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def normalize(code: str) -> str:
    """`nld` -> `nl`, `en-US` -> `en-US`, `ZH` -> `zh`; "" stays ""."""
    code = code.strip().replace("_", "-")
    if not code:
        return ""
    base, _, rest = code.partition("-")
    base = _THREE.get(base.lower(), base.lower())
    return f"{base}-{rest}" if rest else base


def valid(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def pair_from_name(name: str) -> tuple[str, str] | None:
    """(from, to) in a FreeDict-style name: `freedict-nld-eng`, `fd-deu-eng`, `nld-eng`."""
    m = re.search(r"(?:^|[-_.])([a-z]{3})-([a-z]{3})(?:$|[-_.])", name.lower())
    if m and m.group(1) in _THREE and m.group(2) in _THREE:
        return _THREE[m.group(1)], _THREE[m.group(2)]
    return None


# dictd databases Debian packages for English that say nothing about their languages.
_ENGLISH = ("wn", "gcide", "jargon", "foldoc", "devil", "vera", "elements", "moby-thesaurus")


def languages_of(stem: str) -> tuple[str, str] | None:
    """(from, to) of a dictd database by its name: FreeDict's `freedict-nld-eng`, or one of
    the English databases (`wn`, `gcide` ...)."""
    pair = pair_from_name(stem)
    if pair is None and stem.lower() in _ENGLISH:
        pair = ("en", "en")
    return pair


def base(code: str) -> str:
    return code.split("-")[0].lower()
