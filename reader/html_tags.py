"""HTML elements by how text flows around them, for every walk over (X)HTML: imported pages
and books (`reader.importers.html_blocks`) and dictionary markup (`reader.dictionary.flatten`).
A module of its own so a dictionary can know them without loading the importers."""

from __future__ import annotations

# Elements that end the text before them and start their own: a paragraph, a list item, a
# table cell, a section.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
