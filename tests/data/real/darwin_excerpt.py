"""Builds darwin-excerpt.epub from a clone of Standard Ebooks' *On the Origin of Species*
(https://github.com/standardebooks/charles-darwin_the-origin-of-species, CC0; the text is in
the public domain): its own container, package, navigation document and XHTML files, zipped
as an EPUB, with the spine cut down to the title page, imprint, the historical sketch (which
calls endnotes 1-3), the endnotes (in a file of their own) and the uncopyright.

    python darwin_excerpt.py CLONE   # writes darwin-excerpt.epub beside this script
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

KEEP = ["titlepage", "imprint", "preamble", "endnotes", "uncopyright"]


def show(clone: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", clone, "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def main() -> int:
    clone = sys.argv[1]
    opf = show(clone, "src/epub/content.opf").decode("utf-8")
    # Only the kept files stay in the manifest and the spine.
    opf = re.sub(
        r'\s*<item href="(?!toc\.xhtml|css/)(?!text/(?:'
        + "|".join(KEEP)
        + r')\.xhtml)[^"]*"[^>]*/>',
        "",
        opf,
    )
    opf = re.sub(r'\s*<itemref idref="(?!(?:' + "|".join(KEEP) + r')\.xhtml)[^"]*"/>', "", opf)
    out = Path(__file__).with_name("darwin-excerpt.epub")
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", show(clone, "src/META-INF/container.xml"))
        z.writestr("epub/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(
            "epub/toc.xhtml", show(clone, "src/epub/toc.xhtml"), compress_type=zipfile.ZIP_DEFLATED
        )
        for name in KEEP:
            data = show(clone, f"src/epub/text/{name}.xhtml")
            z.writestr(f"epub/text/{name}.xhtml", data, compress_type=zipfile.ZIP_DEFLATED)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
