"""Saved web pages: the article kept, the page around it named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from formatdata import REAL

from reader.errors import ReaderError
from reader.importers import import_file

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Rivers of the North | The Daily Example</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="ad-banner">Buy the new SuperPhone today! Only $999 for a limited time.</div>
<main><article><h1>Rivers of the North</h1>
<p>The great rivers of the north freeze every winter, and the towns along their banks change
their rhythm with the ice. Fishermen cut holes in the surface and wait for hours.</p>
<h2>A frozen road</h2>
<p>When the ice is thick enough, the river becomes a road. Trucks carry fuel and food to
villages that cannot be reached in summer, and children skate to school.</p>
<ul><li>Ice roads open in January in most years.</li><li>They close again in April.</li></ul>
<p>Scientists warn that warmer winters are shortening the season, and some roads may soon
disappear entirely, leaving the villages cut off for longer.</p>
<div class="newsletter-signup"><h3>Sign up for our newsletter</h3><p>Get the best stories
delivered to your inbox every morning.</p></div>
</article></main>
<aside class="related-articles"><h3>Related articles</h3><ul><li><a href="/a">Mountains of the
South are melting faster than ever</a></li></ul></aside>
<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer></body></html>
"""


def test_the_article_is_kept_and_what_was_left_out_is_named(tmp_path: Path) -> None:
    page = tmp_path / "rivers.html"
    page.write_text(PAGE, encoding="utf-8")
    result = import_file(page)
    doc = result.document
    assert doc.title == "Rivers of the North"
    texts = [s.source.text for s in doc.segments]
    assert texts[0] == "Rivers of the North" and doc.segments[0].kind == "title"
    assert "They close again in April." in texts
    assert [s.level for s in doc.segments if s.kind == "heading"] == [2]
    joined = " ".join(texts)
    for gone in (
        "SuperPhone",
        "newsletter",
        "Mountains of the South",
        "All rights reserved",
        "Sport",
    ):
        assert gone not in joined
    kinds = {line.split(":")[0] for line in result.report}
    assert kinds == {
        "left out navigation",
        "left out advert",
        "left out sign-up box",
        "left out related articles",
    }


def test_a_real_saved_news_page_keeps_its_article_only() -> None:
    result = import_file(REAL / "bbc-obama-guns.html")
    doc = result.document
    assert doc.title.startswith("Obama admits US gun laws are his 'biggest frustration'")
    texts = [s.source.text for s in doc.segments]
    assert any(t.startswith("President Barack Obama has admitted that his failure") for t in texts)
    assert any(t.startswith("Mr Obama will become the first US president") for t in texts)
    assert [s.source.text for s in doc.segments if s.kind == "heading"][:2] == [
        "Analysis: Jon Sopel, BBC News, Washington",
        "Kenya trip",
    ]
    joined = " ".join(texts)
    assert "Skip to content" not in joined and "Share this story" not in joined
    report = "\n".join(result.report)
    assert "left out navigation: Accessibility links" in report
    assert "left out share buttons" in report


def test_a_page_saved_as_mhtml_is_read_from_its_html_part(tmp_path: Path) -> None:
    import quopri

    body = quopri.encodestring(PAGE.encode("utf-8")).decode("ascii")
    mhtml = (
        "From: <Saved by Blink>\r\nSubject: Rivers of the North\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://example.org/rivers\r\n\r\n{body}\r\n------B--\r\n"
    )
    path = tmp_path / "rivers.mhtml"
    path.write_text(mhtml, encoding="ascii")
    doc = import_file(path).document
    assert doc.title == "Rivers of the North"
    assert any(s.source.text.startswith("When the ice is thick enough") for s in doc.segments)


def test_a_page_without_text_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(ReaderError, match="no text found"):
        import_file(page)
