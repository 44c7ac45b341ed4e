"""The app's own widgets: the reading view (`reading_view` on `document_view`, drawing with
`rows`), the notes panel, the status bar, and the type-to-filter of tables."""
