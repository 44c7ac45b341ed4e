"""Work off the UI thread that leaves nothing behind when it is done.

Textual's thread workers (`@work(thread=True)`) mark the worker as active in the context
variables of the pool thread itself, and a pool thread lives as long as the app: the last
worker each thread ran, and the widget that started it, stay reachable until that thread runs
another one. A closed reading screen stayed alive that way, with its layout of a whole book.
`thread_work` runs the same method in a thread through `asyncio.to_thread`, which gives the
call a copy of the caller's context: what the worker sets there goes away with the call.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from textual import work
from textual.dom import DOMNode
from textual.worker import Worker

_P = ParamSpec("_P")
_R = TypeVar("_R")
_N = TypeVar("_N", bound=DOMNode)


def thread_work(
    *, exclusive: bool = False, group: str = "default"
) -> Callable[[Callable[Concatenate[_N, _P], _R]], Callable[Concatenate[_N, _P], Worker[_R]]]:
    """Decorate a method of a widget, screen or app to run as a worker in a thread: calling
    it starts the worker and returns it, as `@work(thread=True, ...)` does."""

    def decorate(
        method: Callable[Concatenate[_N, _P], _R],
    ) -> Callable[Concatenate[_N, _P], Worker[_R]]:
        async def run(node: _N, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            return await asyncio.to_thread(method, node, *args, **kwargs)

        functools.update_wrapper(run, method)  # the worker is named after the method
        started = work(run, exclusive=exclusive, group=group)
        return started

    return decorate
