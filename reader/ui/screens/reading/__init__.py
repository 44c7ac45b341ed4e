"""The reading screen (`screen.ReadingScreen`), its keys, palette commands and actions."""

from __future__ import annotations

from reader.ui.screens.reading.display import display_document, image_placeholder
from reader.ui.screens.reading.screen import ReadingScreen

__all__ = ["ReadingScreen", "display_document", "image_placeholder"]
