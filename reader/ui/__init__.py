"""The terminal reading app (Textual). Nothing outside this package imports it."""
