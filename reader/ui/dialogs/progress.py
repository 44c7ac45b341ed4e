"""Long work with a bar: what is being done, how far it got, and Cancel.

The work runs in a thread as a worker of the app, not of this screen: cancelling closes the
screen at once, while the thread stops itself at its next step (`reader.ui.imports.Steps`)
and the app can still await it (the tests do, to see that nothing was written).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Label, ProgressBar, Static

from reader.errors import ReaderError
from reader.ui.dialogs.base import Dialog
from reader.ui.imports import Cancelled, Steps


@dataclass(frozen=True)
class Finished:
    """How the work ended: its result, the error that stopped it, or cancelled."""

    result: Any = None
    error: ReaderError | None = None
    cancelled: bool = False


class ProgressDialog(Dialog):
    """Runs `work(steps)` in a thread with a bar; returns a `Finished`."""

    def __init__(self, title: str, work: Callable[[Steps], Any]) -> None:
        super().__init__()
        self.title_text = title
        self.work = work
        self.steps = Steps(self._report_from_thread)
        self.finished: Finished | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="progress-dialog", classes="dialog"):
            yield Label(escape(self.title_text), classes="dialog-title")
            yield Static("Starting…", id="progress-what")
            yield ProgressBar(id="progress-bar", show_eta=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        # After this screen is drawn: the work holds the GIL (imports, parsing, alignment)
        # and `reader read FILE` shows this screen as its first frame.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        if self.steps.cancelled:
            return
        self.app.run_worker(self._run(), name="progress", group="progress")

    async def _run(self) -> None:
        try:
            outcome = Finished(await asyncio.to_thread(self.work, self.steps))
        except Cancelled:
            outcome = Finished(cancelled=True)
        except ReaderError as exc:
            outcome = Finished(error=exc)
        except OSError as exc:
            outcome = Finished(error=ReaderError(exc.filename or "import", str(exc.strerror)))
        self.finished = outcome
        if self.is_attached and not self.steps.cancelled:
            self.dismiss(outcome)

    def _report_from_thread(self, done: int, total: int, what: str) -> None:
        try:
            self.app.call_from_thread(self._show, done, total, what)
        except RuntimeError:  # the app is closing: nothing to show it on
            pass

    def _show(self, done: int, total: int, what: str) -> None:
        if not self.is_attached:
            return
        self.query_one("#progress-what", Static).update(escape(what))
        bar = self.query_one("#progress-bar", ProgressBar)
        if total:
            bar.update(total=total, progress=done)
        else:
            bar.update(total=None)

    def action_cancel(self) -> None:
        if self.steps.cancel():
            self.dismiss(Finished(cancelled=True))
        else:
            self.notify("Almost done: the import is being written.")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
