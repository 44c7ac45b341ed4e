"""Text PDFs typeset by reportlab: headers, footers and page numbers gone, paragraphs whole."""

from __future__ import annotations

import pytest
from formatdata import PDF

from reader.chapters import toc
from reader.errors import ReaderError
from reader.importers import import_file
from reader.importers.pdf import strip_furniture


def test_a_text_pdf_reads_as_its_paragraphs_and_chapters() -> None:
    result = import_file(PDF / "oped.pdf")
    doc = result.document
    assert doc.title == "Open-source AI"  # from the PDF's metadata
    assert [(t.title, t.level) for t in toc(doc)] == [
        ("An important moment", 1),
        ("Regulation in Europe", 1),
        ("The open road", 1),
    ]
    texts = [s.source.text for s in doc.segments]
    joined = "\n".join(texts)
    assert "The Economist, 23 August 2024" not in joined
    assert "Why Europe should embrace open-source AI" not in joined  # the running header
    assert not any(t.strip().isdigit() for t in texts)
    # A paragraph broken by a page end comes back whole, and a word broken by a hyphen too.
    meta = next(t for t in texts if t.startswith("Meta open-sources"))
    assert "holding back developers. Instead of clear rules" in meta
    assert meta.endswith("economic-growth opportunities.")
    paragraphs = [s for s in doc.segments if s.kind == "paragraph"]
    assert len(paragraphs) == 13
    assert result.report[0].startswith("left out ") and "running headers" in result.report[0]


def test_a_scanned_pdf_is_one_clear_line() -> None:
    with pytest.raises(ReaderError) as err:
        import_file(PDF / "scanned.pdf")
    assert str(err.value).startswith(f"{PDF / 'scanned.pdf'}: no text layer: a scanned PDF")


def test_a_damaged_pdf_is_one_clear_line(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    broken = Path(str(tmp_path)) / "broken.pdf"
    broken.write_bytes((PDF / "oped.pdf").read_bytes()[:900])
    with pytest.raises(ReaderError) as err:
        import_file(broken)
    assert str(err.value).startswith(f"{broken}: ")


BODY = [
    "The river freezes early in the north.",
    "Fishermen cut holes in the ice and wait.",
    "Trucks cross where boats went in summer.",
    "Children skate to school along the banks.",
    "Scientists measure the ice every week.",
    "The season grows shorter every year.",
]


def test_furniture_repeated_at_page_edges_goes_and_running_text_stays() -> None:
    pages = [
        [
            "Journal of Things",
            "",
            BODY[n],
            BODY[(n + 1) % 6],
            BODY[(n + 2) % 6],
            "",
            f"Page {n + 1} of 5",
        ]
        for n in range(5)
    ]
    pages[2][4] = "Journal of Things is cited here."  # not a repeated line: text
    lines, removed = strip_furniture(pages)
    assert removed == 10
    assert "Journal of Things" not in lines and "Page 3 of 5" not in lines
    assert "Journal of Things is cited here." in lines
    assert [line for line in lines if line][:3] == BODY[:3]
