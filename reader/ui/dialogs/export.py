"""Export an Anki deck, with a progress bar and the summary at the end."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, ProgressBar, Static

from reader.ui.dialogs.base import Dialog
from reader.ui.messages import GlossaryFilesTouched
from reader.ui.shown import shown
from reader.ui.workers import thread_work


class ExportDialog(Dialog):
    """Export an Anki deck in a worker, with a progress bar and the summary at the end.

    The whole library, or only the entries of one document (`document_id`). The deck goes to
    `decks_dir` under the name `reader export` gives the same selection, so exporting from
    the app and from the command line update one deck and one export history.
    """

    def __init__(
        self,
        library_root: Path,
        document_id: str | None = None,
        *,
        decks_dir: Path,
        title: str | None = None,
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.document_id = document_id
        self.decks_dir = decks_dir
        self.title = title  # the document's, as the learner knows it (its id is a file name)
        self.summary_lines: list[str] = []
        self.output: Path | None = None

    def compose(self) -> ComposeResult:
        name = self.title or self.document_id
        what = f"“{name}”" if self.document_id else "the whole library"
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(f"Export Anki deck: {shown(what)}", classes="dialog-title")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("Building notes …", id="summary")
            with Horizontal(classes="buttons"):
                # In a browser (`reader serve`) the deck is written on the server: the
                # learner takes it home with this button once it is written.
                yield Button("Download", id="download", variant="primary", disabled=True)
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one("#download", Button).display = self.app.is_web
        self.export()

    @thread_work(exclusive=True)
    def export(self) -> None:
        from reader.errors import ReaderError
        from reader.export import export_deck
        from reader.export.deck import library_recipe
        from reader.library import Library

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        documents = [self.document_id] if self.document_id else []
        name = library_recipe(Library(self.library_root), documents).name
        output = self.decks_dir / f"{name}.apkg"
        try:
            summary = export_deck(
                self.library_root,
                documents=documents or None,
                output=output,
                progress=progress,
            )
        except ReaderError as exc:
            self.app.call_from_thread(self._show, ["Not exported", str(exc)], failed=True)
            return
        except OSError as exc:  # e.g. the decks folder cannot be made
            where = exc.filename or self.decks_dir
            self.app.call_from_thread(
                self._show, ["Not exported", f"{where}: {exc.strerror}"], failed=True
            )
            return
        self.app.call_from_thread(self._exported, summary.format_lines(), output)

    def _exported(self, lines: list[str], output: Path) -> None:
        # A first export writes the entries' permanent ids into the glossary files; the app
        # must read them back, or its next save would be refused as a conflicting edit.
        self.post_message(GlossaryFilesTouched())
        self._show(lines)
        if output.is_file():
            self.output = output
            download = self.query_one("#download", Button)
            download.disabled = False
            if download.display:
                download.focus()

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done if total else 1)

    def _show(self, lines: list[str], *, failed: bool = False) -> None:
        self.summary_lines = lines
        bar = self.query_one(ProgressBar)
        if not failed and (bar.total is None or bar.progress < bar.total):
            bar.update(total=bar.total or 1, progress=bar.total or 1)
        text = "\n".join(shown(line) for line in lines)
        if failed:
            text = f"[b]{shown(lines[0])}[/b]\n" + "\n".join(shown(x) for x in lines[1:])
        self.query_one("#summary", Static).update(text)
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#download")
    def _download(self) -> None:
        if self.output is None:
            return
        # Sent to the browser as a download through a single-use address.
        self.app.deliver_binary(
            self.output, save_filename=self.output.name, mime_type="application/octet-stream"
        )
        self.notify(f"Downloading {self.output.name}.", timeout=3)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
