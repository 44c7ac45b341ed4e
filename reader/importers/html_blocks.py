"""HTML and XHTML as a flat list of blocks: headings, paragraphs, images, with their extras.

EPUB chapters, saved web pages and bilingual HTML all come down to this walk. Every element
of a block kind (`p`, `li`, `h2`, `blockquote`, `div` ...) closes the text gathered so far,
so nested markup (`<li><p>`, a `div` with loose text between paragraphs) yields each piece
of text exactly once, in reading order. Inline markup is flattened to its text, except:

- `<ruby>` keeps its readings (`<rt>`) beside the base text, not inside it;
- a footnote call (`epub:type="noteref"`, `role="doc-noteref"`, pandoc's `footnote-ref`)
  leaves no number in the text: the note's own text is attached to the paragraph instead;
- Immersive Translate's wrapper (`immersive-translate-target-wrapper`) is the translation
  of the block it sits in, kept apart from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from reader.html_tags import BLOCK_TAGS

SKIP_TAGS = frozenset(
    [
        "head",
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "button",
        "input",
        "select",
        "textarea",
        "rp",
        "math",
    ]
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
IMMERSIVE = "immersive-translate-target-wrapper"
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SPACE = re.compile(r"\s+")
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\\s*\\n\\s*(?=[{_CJK}])")


@dataclass(frozen=True)
class Block:
    """One unit of reading: kind `heading`, `paragraph`, `image` or `caption`.

    `notes` are the texts of the footnotes the block calls; `ruby` pairs each base text
    with its reading, in order; `translation` is text an in-page translator put inside the
    block; `lang` is the block's own `lang` attribute, when it has one.
    """

    kind: str
    text: str
    level: int | None = None
    notes: tuple[str, ...] = ()
    file: str | None = None
    ruby: tuple[tuple[str, str], ...] = ()
    translation: str = ""
    lang: str | None = None
    tag: str = ""


def local(tag: Any) -> str:
    """`p` for `{http://www.w3.org/1999/xhtml}p`; '' for comments and processing instructions."""
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def epub_type(el: Any) -> str:
    return str(el.get(_EPUB_TYPE) or el.get("epub:type") or "")


def classes(el: Any) -> str:
    return str(el.get("class") or "")


def is_noteref(el: Any) -> bool:
    return (
        "noteref" in epub_type(el)
        or el.get("role") == "doc-noteref"
        or "footnote-ref" in classes(el).split()
    )


def is_backlink(el: Any) -> bool:
    return (
        el.get("role") == "doc-backlink"
        or "footnote-back" in classes(el).split()
        or "backlink" in epub_type(el)
    )


def clean(text: str, pre: bool = False) -> str:
    if pre:
        return text.strip("\n")
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text)).strip()


@dataclass
class _Run:
    """Inline content gathered since the last block boundary."""

    parts: list[str] = field(default_factory=list)
    ruby: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    translation: list[str] = field(default_factory=list)


class BlockWalker:
    """Walks one HTML tree into blocks.

    `notes` gives the text of the footnote a call's href points to (None when it is not
    one), and `skip` says which elements are not read as blocks (the footnotes themselves,
    page chrome).
    `image_src` turns an `img` src into the stored file name (resolved inside the EPUB).
    """

    def __init__(
        self,
        *,
        notes: Callable[[str], str | None] | None = None,
        skip: Callable[[Any], bool] | None = None,
        image_src: Callable[[str], str] | None = None,
    ) -> None:
        self.notes = notes or (lambda href: None)
        self.skip = skip or (lambda el: False)
        self.image_src = image_src or (lambda src: src)
        self.blocks: list[Block] = []
        self._run = _Run()
        self._stack: list[tuple[str, Any, str | None]] = []  # (tag, element, lang)

    def walk(self, root: Any) -> list[Block]:
        self._visit(root)
        self._flush()
        return self.blocks

    # --- the walk ---------------------------------------------------------------------

    def _visit(self, el: Any) -> None:
        tag = local(el.tag)
        if not tag or tag in SKIP_TAGS or self.skip(el):
            return
        if tag == "img" or tag == "image":
            self._image(el)
            return
        if tag in ("br", "hr"):
            self._run.parts.append("\n")
            return
        if tag == "rt":
            return
        if tag == "ruby":
            self._ruby(el)
            return
        if tag == "a" and is_backlink(el):
            return
        if tag == "a" and is_noteref(el):
            text = self.notes(str(el.get("href") or ""))
            if text:
                self._run.notes.append(text)
                return
        if IMMERSIVE in classes(el):
            self._run.translation.append(inline_text(el))
            return
        block = tag in BLOCK_TAGS
        if block:
            self._flush()
            lang = el.get("lang") or el.get(_XML_LANG)
            self._stack.append((tag, el, lang or (self._stack[-1][2] if self._stack else None)))
        if el.text:
            self._run.parts.append(el.text)
        for child in el:
            self._visit(child)
            if child.tail:
                self._run.parts.append(child.tail)
        if block:
            self._flush()
            self._stack.pop()

    def _ruby(self, el: Any) -> None:
        base = [el.text or ""]
        for child in el:
            tag = local(child.tag)
            if tag == "rt":
                text = "".join(base)
                self._run.parts.append(text)
                self._run.ruby.append((clean(text), clean("".join(child.itertext()))))
                base = []
            elif tag not in ("rp",) and tag:
                base.append(inline_text(child))
            if child.tail:
                base.append(child.tail)
        self._run.parts.append("".join(base))

    def _image(self, el: Any) -> None:
        src = el.get("src") or el.get("{http://www.w3.org/1999/xlink}href") or el.get("href")
        if not src:
            return
        if clean("".join(self._run.parts)) or clean(el.tail or ""):
            return  # a glyph or icon inside running text, not a picture of its own
        self._flush()
        alt = clean(str(el.get("alt") or el.get("title") or ""))
        self.blocks.append(Block("image", alt, file=self.image_src(str(src)), tag="img"))

    def _flush(self) -> None:
        run, self._run = self._run, _Run()
        tag, _el, lang = self._stack[-1] if self._stack else ("", None, None)
        pre = any(t == "pre" for t, _, _ in self._stack)
        text = clean("".join(run.parts), pre)
        if not text:
            if run.notes and self.blocks:  # a call standing alone after its paragraph
                self.blocks[-1] = _with_notes(self.blocks[-1], run.notes)
            return
        level = HEADINGS.get(tag)
        if level is None and any(t in HEADINGS for t, _, _ in self._stack):
            level = next(HEADINGS[t] for t, _, _ in reversed(self._stack) if t in HEADINGS)
        caption = (
            tag == "figcaption" or "caption" in classes(_el).split() if _el is not None else False
        )
        kind = "heading" if level else ("caption" if caption else "paragraph")
        previous = self.blocks[-1] if self.blocks else None
        if kind == "caption" and previous and previous.kind == "image" and previous.text == text:
            return  # pandoc repeats the alt text as an aria-hidden caption
        self.blocks.append(
            Block(
                kind,
                text,
                level=level,
                notes=tuple(run.notes),
                ruby=tuple(r for r in run.ruby if r[0] and r[1]),
                translation=clean(" ".join(run.translation)),
                lang=lang,
                tag=tag,
            )
        )


def _with_notes(block: Block, notes: list[str]) -> Block:
    return replace(block, notes=block.notes + tuple(notes))


def inline_text(el: Any) -> str:
    """The text of an element as a reader sees it: no readings, note calls or backlinks."""
    return "".join(_inline_parts(el))


def _inline_parts(el: Any) -> Iterator[str]:
    tag = local(el.tag)
    if tag in SKIP_TAGS or tag == "rt" or (tag == "a" and (is_noteref(el) or is_backlink(el))):
        return
    if tag == "br":
        yield "\n"
    if el.text and tag:
        yield el.text
    for child in el:
        if IMMERSIVE in classes(child):
            pass
        else:
            yield from _inline_parts(child)
        if child.tail:
            yield child.tail
