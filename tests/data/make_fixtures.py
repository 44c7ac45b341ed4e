"""Writes the subtitle, PDF, Immersive Translate and bad-input fixtures.

Run it with a Python that has pysubs2 (MIT) and reportlab (BSD), for instance a throwaway
virtual environment outside the repository:

    python3 -m venv /tmp/fixtures && /tmp/fixtures/bin/pip install pysubs2 reportlab lxml pyyaml
    /tmp/fixtures/bin/python tests/data/make_fixtures.py

Subtitles are written by pysubs2 (SRT, WebVTT, ASS) from cue lists below; the defects real
files have (BOM, CRLF, overlapping cues, missing blank lines, HTML tags) are written by hand,
as such files are. The text PDF is typeset by reportlab with a running header, a footer and
page numbers, and an outline; the scanned PDF holds only a picture. The Immersive
Translate page and EPUB carry its documented markup, inserted into the op-ed's HTML and
into the EPUB pandoc made (../epub/oped-en.epub).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def oped_pairs() -> list[tuple[str, str]]:
    from sources import pairs  # beside this script

    return pairs()


# --- subtitles --------------------------------------------------------------------------

EN_CUES = [
    (1.0, 3.2, "Where were you last night?"),
    (3.6, 6.0, "I was at the station,\nwaiting for the last train."),
    (6.4, 8.0, "It never came."),
    (8.5, 11.0, "Then how did you get home?"),
    (11.4, 14.8, "I walked. It took me three hours."),
    (15.2, 17.0, "You should have called me."),
]
ZH_CUES = [  # another release: starts 2.5 s later, and splits cue 2 in two
    (3.5, 5.7, "你昨晚去哪儿了？"),
    (6.1, 7.3, "我在车站，"),
    (7.3, 8.5, "等最后一班火车。"),
    (8.9, 10.5, "它一直没来。"),
    (11.0, 13.5, "那你是怎么回家的？"),
    (13.9, 17.3, "我走回去的。走了三个小时。"),
    (17.7, 19.5, "你应该给我打电话的。"),
]


def subtitles() -> None:
    import pysubs2

    out = HERE / "subtitles"
    out.mkdir(exist_ok=True)
    for name, cues in (("film-en", EN_CUES), ("film-zh", ZH_CUES)):
        subs = pysubs2.SSAFile()
        for start, end, text in cues:
            subs.append(
                pysubs2.SSAEvent(
                    start=int(start * 1000), end=int(end * 1000), text=text.replace("\n", "\\N")
                )
            )
        subs.save(str(out / f"{name}.srt"))
        if name == "film-en":
            subs.save(str(out / f"{name}.vtt"))
            subs.save(str(out / f"{name}.ass"))
    # Dual subtitles: one file, the original above its translation in every cue.
    dual = pysubs2.SSAFile()
    for (start, end, en), zh in zip(
        EN_CUES,
        [
            "你昨晚去哪儿了？",
            "我在车站，等最后一班火车。",
            "它一直没来。",
            "那你是怎么回家的？",
            "我走回去的。走了三个小时。",
            "你应该给我打电话的。",
        ],
    ):
        dual.append(
            pysubs2.SSAEvent(
                start=int(start * 1000),
                end=int(end * 1000),
                text=en.replace("\n", " ") + "\\N" + zh,
            )
        )
    dual.save(str(out / "dual-en-zh.srt"))
    # What real files look like: a BOM, Windows line ends, a missing blank line between two
    # cues, overlapping cues, HTML formatting and a position tag.
    defects = (
        "\ufeff1\r\n00:00:01,000 --> 00:00:03,200\r\n<i>Where were you</i> last night?\r\n\r\n"
        '2\r\n00:00:03,000 --> 00:00:06,000\r\n<font color="#ffff00">I was at the station,</font>\r\n'
        "waiting for the last train.\r\n"
        "3\r\n00:00:06,400 --> 00:00:08,000 X1:100 X2:500 Y1:400 Y2:450\r\n{\\an8}It never came.\r\n\r\n\r\n"
    )
    (out / "defects.srt").write_bytes(defects.encode("utf-8"))
    (out / "broken-timing.srt").write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nFine.\n\n2\n00:00:04,000 -> 00:00:0x,500\nBroken.\n",
        encoding="utf-8",
    )
    (out / "backwards.srt").write_text(
        "1\n00:00:05,000 --> 00:00:03,000\nEnds before it starts.\n", encoding="utf-8"
    )


# --- PDF --------------------------------------------------------------------------------


def pdfs() -> None:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    out = HERE / "pdf"
    out.mkdir(exist_ok=True)
    styles = getSampleStyleSheet()
    paras = [en for en, _ in oped_pairs()]

    def furniture(canvas, doc):  # the running header, footer and page number of every page
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, A5[1] - 30, "Why Europe should embrace open-source AI")
        canvas.drawString(40, 25, "The Economist, 23 August 2024")
        canvas.drawRightString(A5[0] - 40, 25, str(doc.page))
        canvas.restoreState()

    class Heading(Paragraph):
        def __init__(self, text, key):
            super().__init__(text, styles["Heading1"])
            self.key = key

        def draw(self):
            super().draw()
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.text, self.key, level=0)

    story = []
    for n, (title, start, end) in enumerate(
        (("An important moment", 0, 4), ("Regulation in Europe", 4, 9), ("The open road", 9, 13))
    ):
        story.append(Heading(title, f"ch{n}"))
        for text in paras[start:end]:
            story.append(Paragraph(text, styles["BodyText"]))
            story.append(Spacer(1, 6))
        story.append(PageBreak())
    doc = SimpleDocTemplate(
        str(out / "oped.pdf"), pagesize=A5, title="Open-source AI", author="reader fixtures"
    )
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)

    # A scan: one page that is a picture of text, with no text layer.
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    raw = bytes(255 if (x // 4 + y // 6) % 3 else 0 for y in range(120) for x in range(200))
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    rows = b"".join(b"\x00" + raw[y * 200 : (y + 1) * 200] for y in range(120))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 200, 120, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    c = canvas.Canvas(str(out / "scanned.pdf"), pagesize=A5)
    c.drawImage(ImageReader(io.BytesIO(png)), 40, 300, width=340, height=204)
    c.showPage()
    c.save()


# --- Immersive Translate ----------------------------------------------------------------

WRAPPER = (
    '<font class="notranslate immersive-translate-target-wrapper" lang="zh-CN" '
    'data-immersive-translate-translation-element-mark="1"><br/>'
    '<font class="notranslate immersive-translate-target-translation-theme-none '
    "immersive-translate-target-translation-block-wrapper-theme-none "
    'immersive-translate-target-translation-block-wrapper" '
    'data-immersive-translate-translation-element-mark="1">'
    '<font class="notranslate immersive-translate-target-inner '
    'immersive-translate-target-translation-theme-none-inner" '
    'data-immersive-translate-translation-element-mark="1">{}</font></font></font>'
)


def immersive() -> None:
    from html import escape

    out = HERE / "bilingual"
    out.mkdir(exist_ok=True)
    pairs = oped_pairs()
    body = "\n".join(
        f'<p data-immersive-translate-paragraph="1">{escape(en)}{WRAPPER.format(escape(zh))}</p>'
        for en, zh in pairs[:6]
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        "<title>Why Europe should embrace open-source AI</title></head><body>\n"
        '<nav><a href="/">Home</a> <a href="/opinion">Opinion</a></nav>\n<article>\n'
        f"<h1>Why Europe should embrace open-source AI{WRAPPER.format('欧洲为何应该拥抱开源人工智能')}</h1>\n"
        f"{body}\n</article>\n<footer>© The Economist</footer></body></html>\n"
    )
    (out / "oped-immersive.html").write_text(page, encoding="utf-8")

    # The EPUB: pandoc's, with the wrapper inside every paragraph Immersive Translate
    # translates (the text of each <p> of the body chapters).
    from lxml import etree

    table = {" ".join(en.split()): zh for en, zh in pairs}
    src = zipfile.ZipFile(HERE / "epub" / "oped-en.epub")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("EPUB/text/ch"):
                root = etree.fromstring(data)
                ns = {"h": "http://www.w3.org/1999/xhtml"}
                for p in root.iterfind(".//h:section/h:p", ns):
                    text = " ".join("".join(p.itertext()).split())
                    key = text.replace("technology.1", "technology.")
                    zh = table.get(key)
                    if zh:
                        wrapper = etree.fromstring(
                            WRAPPER.format(escape(zh)).replace(
                                "<font", '<font xmlns="http://www.w3.org/1999/xhtml"', 1
                            )
                        )
                        p.append(wrapper)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            compress = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, data, compress_type=compress)
    (out / "oped-immersive.epub").write_bytes(buf.getvalue())


# --- bad input --------------------------------------------------------------------------

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)
OPF = (
    '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Bad</dc:title>'
    "<dc:language>en</dc:language></metadata><manifest>{items}</manifest>"
    "<spine>{spine}</spine></package>"
)
CHAPTER = (
    '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
    "<head><title>c</title></head><body>{}</body></html>"
)


def epub(
    path: Path, files: dict[str, str | bytes], mimetype: bytes = b"application/epub+zip"
) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def one_chapter(
    items: str = "", spine: str = "", body: str = "<p>Some text.</p>"
) -> dict[str, str | bytes]:
    return {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": OPF.format(
            items='<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>' + items,
            spine='<itemref idref="c1"/>' + spine,
        ),
        "OEBPS/c1.xhtml": CHAPTER.format(body),
    }


def bad() -> None:
    out = HERE / "bad"
    out.mkdir(exist_ok=True)
    with zipfile.ZipFile(out / "not-an-epub.epub", "w") as z:
        z.writestr("readme.txt", "A zip archive, but no book.")
    files = one_chapter()
    files["META-INF/encryption.xml"] = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/c1.xhtml"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    epub(out / "drm.epub", files)
    epub(
        out / "missing-spine-item.epub",
        one_chapter(
            items='<item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>',
            spine='<itemref idref="c2"/>',
        ),
    )
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    files = one_chapter()
    files["OEBPS/content.opf"] = (
        files["OEBPS/content.opf"]
        .replace('<?xml version="1.0"?>', f'<?xml version="1.0"?><!DOCTYPE package [{lol}]>')
        .replace("<dc:title>Bad</dc:title>", "<dc:title>&lol9;</dc:title>")
    )
    epub(out / "entity-bomb.epub", files)
    files = one_chapter()
    files["OEBPS/c1.xhtml"] = (
        f'<?xml version="1.0"?><!DOCTYPE html [{lol}]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>'
    )
    epub(out / "entity-bomb-chapter.epub", files)
    files = one_chapter()
    files["../../evil.txt"] = "climbs out of the folder"
    epub(out / "path-traversal.epub", files)
    files = one_chapter()
    files["/etc/evil.txt"] = "an absolute path"
    epub(out / "absolute-path.epub", files)
    epub(
        out / "empty-chapter.epub",
        one_chapter(
            items='<item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>',
            spine='<itemref idref="c2"/>',
        )
        | {"OEBPS/c2.xhtml": CHAPTER.format("<div>  </div>")},
    )
    (out / "truncated.epub").write_bytes((HERE / "epub" / "oped-en.epub").read_bytes()[:3000])


def main() -> int:
    subtitles()
    pdfs()
    immersive()
    bad()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
