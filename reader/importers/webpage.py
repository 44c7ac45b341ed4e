"""Saved web pages (.html, .htm, .mhtml): the article, without the page around it.

trafilatura finds the article (see pyproject.toml for why it and not readability-lxml) and
gives it as XML with its headings, paragraphs, lists, quotes and pictures, which become
blocks. What it left out is named in the import report by what it was, from the markup of
the page: navigation, adverts, sign-up boxes, related-article lists, comments, share
buttons; a learner can see nothing of the text was lost by mistake.

A page Immersive Translate has translated keeps its translations inside the original's
blocks; an extractor would take them for text of the article, so such a page is walked
whole instead (without its navigation, header, footer and asides) and becomes bilingual.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.fsutil import read_file
from reader.importers.book import Book, Chapter
from reader.importers.html_blocks import IMMERSIVE, Block, BlockWalker, classes, local

# (what the report calls it, words in an element's class or id that say it is that).
_LEFT_OUT = (
    (
        "navigation",
        re.compile(
            r"\b(nav|navbar|menu|breadcrumbs?|masthead|site-header|site-footer|footer|header)\b"
        ),
    ),
    (
        "advert",
        re.compile(
            r"\b(ad|ads|advert|advertisement|adslot|sponsored|sponsor|promo|dfp)\b|\bad[-_]"
        ),
    ),
    ("sign-up box", re.compile(r"newsletter|subscri|sign-?up|signup|register|paywall|regwall")),
    (
        "related articles",
        re.compile(r"related|recommend|more-?stories|read-?more|trending|popular|outbrain|taboola"),
    ),
    ("comments", re.compile(r"\bcomments?\b|disqus")),
    ("share buttons", re.compile(r"\bshare|social")),
)
_TAG_KINDS = {"nav": "navigation", "header": "navigation", "footer": "navigation", "aside": "aside"}
_WORDS = re.compile(r"\w+")


def read_webpage(path: Path) -> Book:
    name = str(path)
    data = read_file(path)
    if not data.strip():
        raise ReaderError(name, "empty file")
    if (
        path.suffix.lower() in (".mhtml", ".mht")
        or data[:2000].lower().find(b"multipart/related") >= 0
    ):
        data = _mhtml_html(data, name)
    from lxml import etree, html

    from reader.textio import decode_bytes

    markup = _declared(data) or decode_bytes(data, name)
    try:
        page = html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise ReaderError(name, "not an HTML page") from None
    title = _page_title(page)
    lang = page.get("lang") or page.get("{http://www.w3.org/XML/1998/namespace}lang")
    if any(IMMERSIVE in classes(el) for el in page.iter("font", "div", "span")):
        blocks = BlockWalker(skip=_page_chrome).walk(page)
        return Book(title, (Chapter(path.name, tuple(blocks)),), None, lang)
    import trafilatura

    extracted = trafilatura.extract(
        markup,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_formatting=False,
        include_links=False,
        with_metadata=True,
    )
    if not extracted:
        blocks = BlockWalker(skip=_page_chrome).walk(page)
        report = ["no article found by the extractor: the whole page was read"]
        author = None
    else:
        doc = etree.fromstring(extracted.encode("utf-8"))
        main = next((el for el in doc if el.tag == "main"), doc)
        blocks = _blocks(main)
        title = doc.get("title") or title
        author = doc.get("author")
        report = left_out(page, " ".join(b.text for b in blocks))
    if not blocks:
        raise ReaderError(name, "no text found in the page")
    return Book(title, (Chapter(path.name, tuple(blocks)),), author, lang, tuple(report))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    """The page decoded by the charset its own <meta> declares, when it declares one."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii"), "replace").removeprefix("\ufeff")
    except LookupError:
        return None


def _mhtml_html(data: bytes, name: str) -> bytes:
    """The HTML part of a page saved as a single file (MHTML, a MIME message)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                return payload.decode(charset, "replace").encode("utf-8")
    raise ReaderError(name, "an MHTML file without an HTML page inside")


def _page_title(page: Any) -> str | None:
    for el in page.iter("title", "h1"):
        text = " ".join((el.text_content() or "").split())
        if text:
            return text
    return None


def _page_chrome(el: Any) -> bool:
    return local(el.tag) in ("nav", "header", "footer", "aside", "form")


def _blocks(main: Any) -> list[Block]:
    """trafilatura's XML (`head`, `p`, `list/item`, `quote`, `graphic`, `table`) as blocks."""
    out: list[Block] = []
    for el in main:
        tag = el.tag if isinstance(el.tag, str) else ""
        text = " ".join("".join(el.itertext()).split())
        if tag == "head":
            rend = str(el.get("rend") or "h2")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            if text:
                out.append(Block("heading", text, level=level))
        elif tag in ("list", "quote", "table", "row"):
            children = [c for c in el if isinstance(c.tag, str)]
            if children and tag != "row":
                out.extend(_blocks(el))
            elif text:
                out.append(Block("paragraph", text))
        elif tag == "graphic":
            src = el.get("src")
            if src:
                out.append(
                    Block("image", str(el.get("alt") or el.get("title") or ""), file=str(src))
                )
        elif text:  # p, item, cell, code and anything newer
            out.append(Block("paragraph", text))
    return out


def left_out(page: Any, kept: str) -> list[str]:
    """One report line per part of the page the article does not include, by kind."""
    kept_words = set(_WORDS.findall(kept.lower()))
    found: dict[str, list[str]] = {}

    def visit(el: Any) -> None:
        tag = local(el.tag)
        if not tag or tag in ("script", "style", "head", "noscript", "template"):
            return
        marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".lower()
        kind = next((k for k, pattern in _LEFT_OUT if pattern.search(marks)), None)
        kind = kind or _TAG_KINDS.get(tag)
        if kind is not None:
            text = " ".join(" ".join(el.itertext()).split())
            words = _WORDS.findall(text.lower())
            if words and sum(w in kept_words for w in words) < 0.8 * len(words):
                found.setdefault(kind, []).append(text)
                return
        for child in el:
            visit(child)

    body = next(iter(page.iter("body")), page)
    visit(body)
    lines = []
    for kind, texts in found.items():
        sample = "; ".join(t if len(t) <= 50 else t[:47] + "..." for t in texts[:3])
        more = f" (+{len(texts) - 3} more)" if len(texts) > 3 else ""
        lines.append(f"left out {kind}: {sample}{more}")
    return lines
