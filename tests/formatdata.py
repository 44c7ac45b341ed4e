"""Where the fixtures of the format importers live (tests/data, each with its making script)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
EPUB = DATA / "epub"
BILINGUAL = DATA / "bilingual"
SUBTITLES = DATA / "subtitles"
PDF = DATA / "pdf"
BAD = DATA / "bad"
REAL = DATA / "real"
