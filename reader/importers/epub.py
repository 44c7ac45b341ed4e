"""EPUB 2 and 3, read with zipfile and lxml.

The container names the package file; the package gives the metadata, the manifest and the
spine (the reading order); the table of contents (the EPUB 3 navigation document, else the
EPUB 2 NCX) names chapters whose file has no heading of its own. Each spine item is walked
into blocks (`html_blocks`), with the footnotes it calls resolved across files first.

A book is untrusted input, so before anything is read: the archive must be an EPUB (a
container file), no name in it may be absolute or climb out with `..`, no member may
unpack to more than `MAX_MEMBER` bytes, XML entity declarations are refused (entity
bombs, external entities) and an encrypted (DRM) book is named as such. Every problem is
one `ReaderError` naming the file.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

from reader.errors import ReaderError
from reader.fsutil import read_file, read_head
from reader.importers.book import Book, Chapter
from reader.importers.html_blocks import (
    Block,
    BlockWalker,
    epub_type,
    inline_text,
    is_noteref,
    local,
)

MAX_MEMBER = 64 * 1024 * 1024
# Fonts may be obfuscated without the book being protected (IDPF and Adobe schemes).
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SKIP_TYPES = ("toc", "landmarks", "page-list", "pagebreak")
_FRONT = ("frontmatter", "titlepage", "copyright-page", "cover", "dedication", "toc")
_BACK = ("backmatter", "endnotes", "footnotes", "rearnotes", "appendix", "colophon")


def is_epub(path: Path) -> bool:
    """An EPUB by name, or a zip archive whose first member is an EPUB mimetype."""
    if path.suffix.lower() == ".epub":
        return True
    head = read_head(path, 58)
    return head.startswith(b"PK\x03\x04") and b"mimetypeapplication/epub+zip" in head


def read_epub(path: str | Path) -> Book:
    name = str(path)
    data = read_file(path)  # missing, a FIFO or a device: one line naming it, nothing read
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise ReaderError(name, "not an EPUB: not a zip archive (damaged or another format)")
    with archive:
        return _Epub(name, archive).book()


@dataclass(frozen=True)
class _Item:
    id: str
    path: str  # inside the archive
    media_type: str
    properties: str


class _Epub:
    def __init__(self, name: str, archive: zipfile.ZipFile) -> None:
        self.name = name
        self.zip = archive
        self.members = {info.filename: info for info in archive.infolist()}
        self._trees: dict[str, Any] = {}
        for member in self.members:
            if _unsafe(member):
                raise ReaderError(name, f"unsafe path inside the archive: {member!r}")

    def book(self) -> Book:
        self._check_container()
        opf_path = self._rootfile()
        opf = self._xml(opf_path)
        base = posixpath.dirname(opf_path)
        meta = _metadata(opf)
        items = self._manifest(opf, base)
        spine = self._spine(opf, items)
        toc = self._toc(opf, items)
        report: list[str] = []
        trees = {item.path: self._content(item.path) for item in spine}
        notes = _Footnotes(trees)
        chapters: list[Chapter] = []
        for item in spine:
            root = trees[item.path]
            if root is None:
                report.append(f"{item.path}: empty chapter, skipped")
                continue
            blocks = _walk(root, item.path, notes)
            if not blocks and item.path in notes.files:
                continue  # a notes section: its notes went to the paragraphs calling them
            if not blocks:
                report.append(f"{item.path}: empty chapter, skipped")
                continue
            title, level = toc.get(item.path, (None, 1))
            chapters.append(Chapter(item.path, tuple(blocks), title, level, _role(root)))
        if not chapters:
            raise ReaderError(self.name, "no text found in the book")
        return Book(
            meta.get("title"),
            tuple(chapters),
            meta.get("creator"),
            meta.get("language"),
            tuple(report),
        )

    # --- the archive ------------------------------------------------------------------

    def _read(self, member: str) -> bytes:
        info = self.members.get(member)
        if info is None:
            raise ReaderError(self.name, f"{member} is missing from the archive")
        if info.file_size > MAX_MEMBER:
            raise ReaderError(self.name, f"{member} unpacks to {info.file_size:,} bytes: refused")
        if info.flag_bits & 0x1:
            raise ReaderError(self.name, f"{member} is encrypted: a DRM-protected book")
        try:
            with self.zip.open(info) as f:
                data = f.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise ReaderError(self.name, f"{member}: damaged in the archive ({exc})") from None
        if len(data) > MAX_MEMBER:
            raise ReaderError(self.name, f"{member} unpacks to more than {MAX_MEMBER:,} bytes")
        return data

    def _xml(self, member: str) -> Any:
        """A package, container, NCX or encryption file: XML with entities refused."""
        import defusedxml.ElementTree as safe_et
        from defusedxml import DefusedXmlException

        data = self._read(member)
        try:
            return safe_et.fromstring(data)
        except DefusedXmlException:
            raise ReaderError(self.name, f"{member}: XML entity declarations refused") from None
        except (ParseError, ValueError) as exc:
            raise ReaderError(self.name, f"{member}: not well-formed XML ({exc})") from None

    def _content(self, member: str) -> Any:
        data = self._read(member)
        if not data.strip():
            return None
        if _ENTITY.search(data):
            raise ReaderError(self.name, f"{member}: XML entity declarations refused")
        return parse_markup(data)

    def _check_container(self) -> None:
        mimetype = self.members.get("mimetype")
        if mimetype is not None:
            kind = self._read("mimetype").strip()
            if kind != b"application/epub+zip":
                shown = kind[:40].decode("utf-8", "replace")
                raise ReaderError(self.name, f"not an EPUB: its mimetype is {shown!r}")
        if "META-INF/container.xml" not in self.members:
            raise ReaderError(
                self.name, "not an EPUB: a zip archive without META-INF/container.xml"
            )
        for drm in ("META-INF/rights.xml", "META-INF/sinf.xml"):
            if drm in self.members:
                raise ReaderError(self.name, f"a DRM-protected book ({drm}): reader cannot open it")
        if "META-INF/encryption.xml" in self.members:
            enc = self._xml("META-INF/encryption.xml")
            for data in enc.iter():
                if local(data.tag) != "encrypteddata":
                    continue
                method = next((e for e in data.iter() if local(e.tag) == "encryptionmethod"), None)
                algorithm = method.get("Algorithm", "") if method is not None else ""
                if algorithm not in _FONT_OBFUSCATION:
                    raise ReaderError(
                        self.name,
                        "a DRM-protected book (META-INF/encryption.xml): reader cannot open it",
                    )

    def _rootfile(self) -> str:
        container = self._xml("META-INF/container.xml")
        for el in container.iter():
            if local(el.tag) == "rootfile" and el.get("full-path"):
                media = el.get("media-type", "application/oebps-package+xml")
                if media == "application/oebps-package+xml":
                    path = _resolve("", str(el.get("full-path")))
                    if path is None:
                        raise ReaderError(self.name, "unsafe package path in container.xml")
                    return path
        raise ReaderError(self.name, "not an EPUB: container.xml names no package file")

    def _manifest(self, opf: Any, base: str) -> dict[str, _Item]:
        items: dict[str, _Item] = {}
        for el in opf.iter():
            if local(el.tag) == "item" and el.get("id") and el.get("href"):
                path = _resolve(base, str(el.get("href")))
                if path is None:
                    raise ReaderError(self.name, f"unsafe path in the package: {el.get('href')!r}")
                items[str(el.get("id"))] = _Item(
                    str(el.get("id")),
                    path,
                    str(el.get("media-type") or ""),
                    str(el.get("properties") or ""),
                )
        return items

    def _spine(self, opf: Any, items: dict[str, _Item]) -> list[_Item]:
        spine: list[_Item] = []
        for el in opf.iter():
            if local(el.tag) != "itemref":
                continue
            idref = str(el.get("idref") or "")
            item = items.get(idref)
            if item is None:
                raise ReaderError(self.name, f"spine item {idref!r} is not in the manifest")
            if item.path not in self.members:
                raise ReaderError(
                    self.name, f"spine item {idref!r} ({item.path}) is missing from the archive"
                )
            if item.media_type in _XHTML_TYPES or item.path.endswith((".xhtml", ".html", ".htm")):
                spine.append(item)
        if not spine:
            raise ReaderError(self.name, "not an EPUB: the package has no spine to read")
        return spine

    def _toc(self, opf: Any, items: dict[str, _Item]) -> dict[str, tuple[str, int]]:
        """File -> (title, depth) of its first table-of-contents entry."""
        entries: list[tuple[str, str, int]] = []
        nav = next((i for i in items.values() if "nav" in i.properties.split()), None)
        if nav is not None and nav.path in self.members:
            root = self._content(nav.path)
            if root is not None:
                entries = _nav_entries(root, posixpath.dirname(nav.path))
        if not entries:
            spine_el = next((e for e in opf.iter() if local(e.tag) == "spine"), None)
            ncx = items.get(str(spine_el.get("toc") or "")) if spine_el is not None else None
            ncx = ncx or next(
                (i for i in items.values() if i.media_type == "application/x-dtbncx+xml"), None
            )
            if ncx is not None and ncx.path in self.members:
                entries = _ncx_entries(self._xml(ncx.path), posixpath.dirname(ncx.path))
        out: dict[str, tuple[str, int]] = {}
        for path, label, depth in entries:
            out.setdefault(path, (label, depth))
        return out


def _walk(root: Any, at: str, notes: _Footnotes) -> list[Block]:
    """One spine item's blocks, its footnote calls resolved and its images' paths made
    paths inside the archive."""
    folder = posixpath.dirname(at)
    walker = BlockWalker(
        notes=lambda href: notes.text(at, href),
        skip=lambda el: notes.skip(at, el),
        image_src=lambda src: _resolve(folder, src) or src,
    )
    return walker.walk(root)


def parse_markup(data: bytes) -> Any:
    """XHTML as XML when it is well-formed, else as HTML (undeclared `&nbsp;`, stray tags)."""
    from lxml import etree, html

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        pass
    try:
        return html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None


def _unsafe(member: str) -> bool:
    if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member):
        return True
    return ".." in PurePosixPath(member.replace("\\", "/")).parts


def _resolve(base: str, href: str) -> str | None:
    """An href relative to the file at folder `base`, as a member name; None if it climbs out."""
    href = unquote(href.split("#", 1)[0])
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return href or None
    path = posixpath.normpath(posixpath.join(base, href))
    return None if path.startswith(("..", "/")) else path


def _metadata(opf: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in opf.iter():
        name = local(el.tag)
        if name in ("title", "creator", "language") and name not in out:
            text = " ".join((el.text or "").split())
            if text:
                out[name] = text
    return out


def _role(root: Any) -> str:
    types = " ".join(
        epub_type(el) for el in root.iter() if local(el.tag) in ("body", "section")
    ).split()
    if any(t in _FRONT for t in types[:2]):
        return "front"
    if any(t in _BACK for t in types[:2]):
        return "back"
    return "body"


def _nav_entries(root: Any, base: str) -> list[tuple[str, str, int]]:
    nav = next(
        (el for el in root.iter() if local(el.tag) == "nav" and "toc" in epub_type(el)), None
    )
    if nav is None:
        nav = next((el for el in root.iter() if local(el.tag) == "nav"), None)
    out: list[tuple[str, str, int]] = []
    if nav is None:
        return out
    for a in nav.iter():
        if local(a.tag) != "a" or not a.get("href"):
            continue
        depth = sum(1 for anc in a.iterancestors() if local(anc.tag) == "ol")
        path = _resolve(base, str(a.get("href")))
        label = " ".join(inline_text(a).split())
        if path and label:
            out.append((path, label, max(depth, 1)))
    return out


def _ncx_entries(ncx: Any, base: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []

    def walk(el: Any, depth: int) -> None:
        for point in el:
            if local(point.tag) != "navpoint":
                continue
            label = next((t.text for t in point.iter() if local(t.tag) == "text"), None)
            content = next((c for c in point if local(c.tag) == "content"), None)
            src = content.get("src") if content is not None else None
            path = _resolve(base, src) if src else None
            if path and label and label.strip():
                out.append((path, " ".join(label.split()), depth))
            walk(point, depth + 1)

    nav_map = next((el for el in ncx.iter() if local(el.tag) == "navmap"), None)
    if nav_map is not None:
        walk(nav_map, 1)
    return out


class _Footnotes:
    """The footnotes of a book: found through the calls to them, in any of its files."""

    def __init__(self, trees: dict[str, Any]) -> None:
        self.trees = trees
        self._ids: dict[str, dict[str, Any]] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._skipped: set[int] = set()
        self._keep: list[Any] = []  # lxml proxies keep their id() only while referenced
        self.files: set[str] = set()  # the files holding notes
        for path, root in trees.items():
            if root is None:
                continue
            for a in root.iter():
                if local(a.tag) == "a" and is_noteref(a) and a.get("href"):
                    self._find(path, str(a.get("href")))

    def _target(self, at: str, href: str) -> tuple[str, str] | None:
        if "#" not in href:
            return None
        file_part, frag = href.split("#", 1)
        path = _resolve(posixpath.dirname(at), file_part) if file_part else at
        return (path, unquote(frag)) if path and frag else None

    def _find(self, at: str, href: str) -> None:
        target = self._target(at, href)
        if target is None or target in self._texts:
            return
        path, frag = target
        root = self.trees.get(path)
        if root is None:
            return
        if path not in self._ids:
            self._ids[path] = {str(el.get("id")): el for el in root.iter() if el.get("id")}
        el = self._ids[path].get(frag)
        if el is None:
            return
        # An anchor inside the note (`<p><a id="n1">1</a> The note.</p>`) stands for it.
        while local(el.tag) in ("a", "span", "sup") and el.getparent() is not None:
            el = el.getparent()
        # A note of several paragraphs reads as one; a copied backlink leaves its arrow.
        blocks = BlockWalker().walk(el)
        text = " ".join(
            " ".join(b.text for b in blocks)
            .replace("\u21a9\ufe0e", "")
            .replace("\u21a9", "")
            .split()
        )
        if text:
            self._texts[target] = text
            self._skipped.add(id(el))
            self._keep.append(el)
            self.files.add(path)

    def text(self, at: str, href: str) -> str | None:
        target = self._target(at, href)
        return self._texts.get(target) if target else None

    def skip(self, at: str, el: Any) -> bool:
        if id(el) in self._skipped:
            return True
        if local(el.tag) == "nav" or any(t in epub_type(el).split() for t in _SKIP_TYPES):
            return True
        kinds = epub_type(el).split() + str(el.get("class") or "").split()
        if any(k in ("footnotes", "endnotes", "rearnotes") for k in kinds):
            # A notes section whose notes were all taken to their paragraphs.
            inner = [e for e in el.iter() if id(e) in self._skipped]
            return bool(inner)
        return False
