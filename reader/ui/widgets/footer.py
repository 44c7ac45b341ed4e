"""The key bar at the bottom of every screen."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

# Below this width the keys close up (no padding around each) and the palette's entry steps
# aside, which keeps the last of them, `q Quit`, on an 80-column terminal; wider, they keep
# their room.
COMPACT_BELOW = 100


class ReaderFooter(Footer):
    """Textual's footer, compact in a narrow terminal."""

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        # Narrow, the palette's own entry (^p, also in the help) gives its room to the keys.
        self.show_command_palette = not self.compact
