"""The terminal reading app (Textual). Nothing below it imports it; only `reader read` does.

`app` opens the screens (`screens/`) and runs the learner's changes; screens are made of
widgets (`widgets/`) and open dialogs (`dialogs/`); what the reading view shows is decided
without Textual in `viewmodel/`. The import contracts in pyproject.toml keep these layers.
"""
