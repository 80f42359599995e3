"""The one-poller rule: Telegram lets one process long-poll a token, and says so with a 409.

Two overlapping getUpdates calls make Telegram end the older one with 409 Conflict, and the
process that lost its call retries within a second, ending the other's. So a process that is
answered 409 within STARTUP_WINDOW of its first poll (the established poller retries after one
second, so the newcomer hears within about that) is the newcomer: it stops and says what to run
instead. The established poller sees one 409, logs one line and goes on polling.
"""

from __future__ import annotations

import time

from telegram.error import Conflict
from telegram.ext import Application, ContextTypes

SECOND_POLLER = (
    "another process is polling this bot's updates; run `diplobot worker`, or use a webhook"
)
STARTUP_WINDOW = 6.0


class PollGuard:
    """An error handler that stops this process when its first polls meet another poller."""

    def __init__(self, application: Application) -> None:  # type: ignore[type-arg]
        self.application = application
        self.started = time.monotonic()
        self.conflict = False
        application.add_error_handler(self.on_error)
        self._post_init = application.post_init
        application.post_init = self._polling_starts

    async def _polling_starts(self, application: Application) -> None:  # type: ignore[type-arg]
        """run_polling calls post_init right before its first getUpdates: the window opens."""
        if self._post_init is not None:
            await self._post_init(application)
        self.started = time.monotonic()

    async def on_error(self, _update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(context.error, Conflict) or self.conflict:
            return
        if time.monotonic() - self.started < STARTUP_WINDOW:
            self.conflict = True
            self.application.stop_running()
