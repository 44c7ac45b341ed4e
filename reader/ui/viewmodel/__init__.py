"""The reading view's model, without Textual: what goes on which row (`layout`, laid out by
the `modes`), where the cursor goes (`navigator`), what a search finds (`search`) and which
style each character gets (`styling`); lines are cut by `wrap` and reordered by `bidi`.
Tested without an app; the widgets in `reader.ui.widgets` draw what it says."""
